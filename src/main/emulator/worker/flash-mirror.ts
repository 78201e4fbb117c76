/**
 * Keeps the host folder of the badge's writable volume in step with the interpreter's in-memory
 * filesystem as files change: a file is written to the host when it is closed after writing, and
 * removals, renames and new folders are carried over as they happen (wrapping the glue's
 * system-call imports). So files persist as they are written, whatever happens to the worker
 * afterwards, and nothing walks or compares the whole volume per command.
 *
 * Every host path is checked with assertNoSymlink: nothing is written or removed through a symlink.
 * Each file is written to a temporary name and renamed over the target: old or new, never half.
 */
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assertNoSymlink, SymlinkRefused, type EmFS } from '../vfs'

/** The parts of Emscripten's FS used here, beyond {@link EmFS}. */
export interface MirrorFS extends EmFS {
  getStream(fd: number): { path?: string; flags: number; node: { mode: number } } | null
  cwd(): string
}

/** Options of {@link flashMirror}. */
export interface FlashMirrorOptions {
  /** Host folder holding the volume. */
  hostDir: string
  /** Top-level VFS names that are not part of the volume (never mirrored). */
  exclude: ReadonlySet<string>
  /** Reports a path that was not mirrored (a symlink on the way, a host error). */
  refused(message: string): void
}

/** The mirror of one interpreter. */
export interface FlashMirror {
  /** Wraps the glue's imports; call before instantiating. */
  adapt(env: Record<string, unknown>): void
  /** Hands over the instance's memory and the FS, once they exist; mirroring starts here. */
  bind(memory: WebAssembly.Memory, FS: MirrorFS): void
  /** Writes every file still open for writing (a boot that ends with files open). */
  flushOpen(): void
}

const O_ACCMODE = 3
const O_RDONLY = 0
const AT_FDCWD = -100

/** Builds the mirror; see the module comment. */
export function flashMirror(o: FlashMirrorOptions): FlashMirror {
  let memory: WebAssembly.Memory | null = null
  let FS: MirrorFS | null = null
  const decoder = new TextDecoder()
  const writable = new Set<number>()

  const cString = (ptr: number): string => {
    const bytes = new Uint8Array(memory!.buffer)
    let end = ptr
    while (bytes[end] !== 0) end++
    return decoder.decode(bytes.subarray(ptr, end))
  }
  /** The absolute, normalised VFS path of a path argument (relative ones against the cwd). */
  const absolute = (dirfd: number, ptr: number): string | null => {
    const p = cString(ptr)
    if (!p.startsWith('/') && dirfd !== AT_FDCWD) return null // relative to another folder: not used by MicroPython
    const parts: string[] = []
    for (const part of (p.startsWith('/') ? p : `${FS!.cwd()}/${p}`).split('/')) {
      if (part === '' || part === '.') continue
      if (part === '..') parts.pop()
      else parts.push(part)
    }
    return '/' + parts.join('/')
  }
  /** The host path of a VFS path on the volume, or null when it is not on it. */
  const hostPath = (vfs: string | null | undefined): string | null => {
    if (!vfs || !vfs.startsWith('/') || vfs === '/') return null
    const parts = vfs.split('/').filter(Boolean)
    if (o.exclude.has(parts[0])) return null
    return join(o.hostDir, ...parts)
  }
  const guarded = (target: string, what: string, op: () => void): void => {
    try {
      assertNoSymlink(o.hostDir, target)
      op()
    } catch (e) {
      o.refused(e instanceof SymlinkRefused ? e.message : `${what} ${target}: ${(e as Error).message}`)
    }
  }
  const writeBack = (vfs: string): void => {
    const target = hostPath(vfs)
    if (!target || !FS) return
    let data: Uint8Array
    try {
      data = FS.readFile(vfs)
    } catch {
      return // removed again before it was closed
    }
    const tmp = `${target}.badge-ide-tmp`
    guarded(target, 'write', () => {
      assertNoSymlink(o.hostDir, tmp)
      mkdirSync(join(target, '..'), { recursive: true })
      rmSync(tmp, { force: true })
      // 'wx' creates the file and fails if anything (a symlink included) appeared there meanwhile.
      writeFileSync(tmp, data, { flag: 'wx' })
      renameSync(tmp, target)
    })
  }

  return {
    adapt(env) {
      const wrap = (name: string, after: (args: number[], r: number) => void, before?: (args: number[]) => void): void => {
        const orig = env[name] as ((...a: number[]) => number) | undefined
        if (typeof orig !== 'function') throw new Error(`flash mirror: the MicroPython glue has no ${name} import (unexpected build)`)
        env[name] = (...a: number[]): number => {
          if (FS) before?.(a)
          const r = orig(...a)
          if (FS) after(a, r)
          return r
        }
      }
      wrap('__syscall_openat', (a, fd) => {
        if (fd >= 0 && (a[2] & O_ACCMODE) !== O_RDONLY) writable.add(fd)
      })
      let closing: string | null = null
      wrap(
        'fd_close',
        (_a, r) => {
          if (r === 0 && closing) writeBack(closing)
          closing = null
        },
        ([fd]) => {
          closing = writable.delete(fd) ? (FS!.getStream(fd)?.path ?? null) : null
        },
      )
      wrap('__syscall_unlinkat', ([dirfd, path, flags], r) => {
        const target = r === 0 ? hostPath(absolute(dirfd, path)) : null
        if (target) guarded(target, 'remove', () => (flags ? rmdirSync(target) : rmSync(target, { force: true })))
      })
      wrap('__syscall_rmdir', ([path], r) => {
        const target = r === 0 ? hostPath(absolute(AT_FDCWD, path)) : null
        if (target) guarded(target, 'remove', () => rmdirSync(target))
      })
      wrap('__syscall_mkdirat', ([dirfd, path], r) => {
        const target = r === 0 ? hostPath(absolute(dirfd, path)) : null
        if (target) guarded(target, 'mkdir', () => mkdirSync(target, { recursive: true }))
      })
      wrap('__syscall_renameat', ([olddirfd, oldpath, newdirfd, newpath], r) => {
        if (r !== 0) return
        const to = absolute(newdirfd, newpath)
        const from = hostPath(absolute(olddirfd, oldpath))
        const target = hostPath(to)
        if (from && target && existsSync(from))
          guarded(target, 'rename', () => {
            assertNoSymlink(o.hostDir, from)
            rmSync(target, { recursive: true, force: true })
            renameSync(from, target)
          })
        else if (from && target && to) writeBack(to) // renamed while still open: not on the host yet
        else if (target && to) writeBack(to) // moved onto the volume from outside it
        else if (from) guarded(from, 'remove', () => rmSync(from, { recursive: true, force: true }))
      })
    },
    bind(m, fs) {
      memory = m
      FS = fs
    },
    flushOpen() {
      if (!FS) return
      for (const fd of writable) {
        const path = FS.getStream(fd)?.path
        if (path) writeBack(path)
      }
    },
  }
}
