/**
 * Building the interpreter's filesystem from host folders and writing the writable volume back.
 * Python only ever sees these in-memory copies (Emscripten MEMFS); no host path is mounted, so
 * nothing outside the folders copied here is reachable from an app.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'

/** The subset of Emscripten's FS API used here. */
export interface EmFS {
  mkdir(path: string, mode?: number): unknown
  writeFile(path: string, data: Uint8Array | string): void
  readFile(path: string): Uint8Array
  readdir(path: string): string[]
  stat(path: string): { mode: number; size: number }
  isDir(mode: number): boolean
  isFile(mode: number): boolean
  analyzePath(path: string): { exists: boolean }
  chmod(path: string, mode: number): void
  rmdir(path: string): void
  unlink(path: string): void
}

/** Host folder names never copied from a project (tooling, not badge files). */
export const HOST_SKIP = new Set(['.git', 'node_modules', '.badge-ide', '.DS_Store', '__pycache__'])

/** Creates `path` and its parents in the VFS. */
export function mkdirp(FS: EmFS, path: string): void {
  let cur = ''
  for (const part of path.split('/').filter(Boolean)) {
    cur += '/' + part
    if (!FS.analyzePath(cur).exists) FS.mkdir(cur)
  }
}

/**
 * Copies the host folder `hostDir` into the VFS at `vfsDir`. Symlinks are followed only when
 * they stay inside `hostDir`. With `overwrite` false, files already present are kept (overlays).
 * `skip(relPosixPath)` excludes entries. Returns the number of files copied.
 */
export function copyHostTree(
  FS: EmFS,
  hostDir: string,
  vfsDir: string,
  opts: { overwrite?: boolean; skip?: (rel: string) => boolean } = {},
): number {
  if (!existsSync(hostDir)) return 0
  const rootReal = realpathSync(hostDir)
  let count = 0
  const walk = (hostPath: string, vfsPath: string, rel: string): void => {
    mkdirp(FS, vfsPath)
    for (const name of readdirSync(hostPath)) {
      if (HOST_SKIP.has(name)) continue
      const childRel = rel ? `${rel}/${name}` : name
      if (opts.skip?.(childRel)) continue
      const h = join(hostPath, name)
      let st
      try {
        st = lstatSync(h)
        if (st.isSymbolicLink()) {
          const real = realpathSync(h)
          if (real !== rootReal && !real.startsWith(rootReal + sep)) continue
          st = statSync(h)
        }
      } catch {
        continue
      }
      const v = `${vfsPath === '/' ? '' : vfsPath}/${name}`
      if (st.isDirectory()) walk(h, v, childRel)
      else if (st.isFile()) {
        if (!opts.overwrite && FS.analyzePath(v).exists) continue
        FS.writeFile(v, readFileSync(h))
        count++
      }
    }
  }
  walk(hostDir, vfsDir, '')
  return count
}

/** Every file under `vfsDir` (relative POSIX path → bytes), skipping top-level names in `exclude`. */
export function snapshotTree(FS: EmFS, vfsDir: string, exclude: Set<string> = new Set()): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  const walk = (path: string, rel: string): void => {
    for (const name of FS.readdir(path)) {
      if (name === '.' || name === '..') continue
      if (!rel && exclude.has(name)) continue
      const p = `${path === '/' ? '' : path}/${name}`
      const r = rel ? `${rel}/${name}` : name
      const st = FS.stat(p)
      if (FS.isDir(st.mode)) {
        out.set(r + '/', new Uint8Array(0))
        walk(p, r)
      } else if (FS.isFile(st.mode)) out.set(r, FS.readFile(p))
    }
  }
  walk(vfsDir, '')
  return out
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Thrown when a write-back would go through a symlink (the file is not written). */
export class SymlinkRefused extends Error {}

/**
 * Throws {@link SymlinkRefused} when `path`, or any folder between `base` (exclusive) and it, is a symlink.
 * Missing components are fine (they will be created as real folders). Write-back uses this on
 * every path, so a project that ships `badge-root/data -> /anywhere` cannot make the emulator
 * write outside its state folder.
 */
export function assertNoSymlink(base: string, path: string): void {
  const rel = relative(base, path)
  if (rel.startsWith('..') || resolve(base, rel) !== resolve(path)) throw new SymlinkRefused(`${path} is outside ${base}`)
  let cur = resolve(base)
  for (const part of rel.split(sep).filter(Boolean)) {
    cur = join(cur, part)
    let st
    try {
      st = lstatSync(cur)
    } catch {
      return // does not exist yet: nothing below it exists either
    }
    if (st.isSymbolicLink()) throw new SymlinkRefused(`${cur} is a symlink; the emulator does not write through symlinks`)
  }
}

/**
 * Writes the VFS tree under `vfsDir` back to `hostDir`: new and changed files (written to a
 * temporary name, then renamed over the target), and deletes files and folders that existed in
 * `previous` but are gone now. Nothing is written or deleted through a symlink: such paths are
 * skipped and reported through `refused`. Returns the new snapshot to pass as `previous` next time.
 */
export function syncTreeToHost(
  FS: EmFS,
  vfsDir: string,
  hostDir: string,
  previous: Map<string, Uint8Array>,
  exclude: Set<string> = new Set(),
  refused: (message: string) => void = () => {},
): Map<string, Uint8Array> {
  const now = snapshotTree(FS, vfsDir, exclude)
  mkdirSync(hostDir, { recursive: true })
  const safe = (target: string): boolean => {
    try {
      assertNoSymlink(hostDir, target)
      return true
    } catch (e) {
      if (!(e instanceof SymlinkRefused)) throw e
      refused(e.message)
      return false
    }
  }
  for (const [rel, bytes] of [...now].sort(([a], [b]) => a.length - b.length)) {
    const target = join(hostDir, ...rel.split('/').filter(Boolean))
    if (rel.endsWith('/')) {
      if (safe(target)) mkdirSync(target, { recursive: true })
      continue
    }
    if (sameBytes(previous.get(rel), bytes)) continue
    const tmp = `${target}.badge-ide-tmp`
    if (!safe(target) || !safe(tmp)) continue
    rmSync(tmp, { force: true })
    // 'wx' creates the file and fails if anything (a symlink included) appeared there meanwhile.
    writeFileSync(tmp, bytes, { flag: 'wx' })
    renameSync(tmp, target)
  }
  // Deepest first so folders are empty when removed.
  const gone = [...previous.keys()].filter((k) => !now.has(k)).sort((a, b) => b.length - a.length)
  for (const rel of gone) {
    const target = join(hostDir, ...rel.split('/').filter(Boolean))
    if (!safe(target)) continue
    try {
      if (rel.endsWith('/')) rmdirSync(target)
      else rmSync(target, { force: true })
    } catch {
      // A folder the user added files to on the host stays; nothing is lost.
    }
  }
  return now
}

/** Marks every file under `path` read-only (0444) and folders 0555 (writes raise OSError). */
export function makeReadOnly(FS: EmFS, path: string): void {
  const st = FS.stat(path)
  if (FS.isDir(st.mode)) {
    for (const name of FS.readdir(path)) if (name !== '.' && name !== '..') makeReadOnly(FS, `${path === '/' ? '' : path}/${name}`)
    FS.chmod(path, 0o40555)
  } else FS.chmod(path, 0o100444)
}
