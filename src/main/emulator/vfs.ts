/**
 * Building the interpreter's filesystem from host folders, and the symlink rule of writing it back.
 * Python only ever sees these in-memory copies (Emscripten MEMFS); no host path is mounted, so
 * nothing outside the folders copied here is reachable from an app.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
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
      // No exception for a missing path (the common case, and exceptions are slow).
      st = lstatSync(cur, { throwIfNoEntry: false })
    } catch {
      st = undefined
    }
    if (!st) return // does not exist yet: nothing below it exists either
    if (st.isSymbolicLink()) throw new SymlinkRefused(`${cur} is a symlink; the emulator does not write through symlinks`)
  }
}

/** Marks every file under `path` read-only (0444) and folders 0555 (writes raise OSError). */
export function makeReadOnly(FS: EmFS, path: string): void {
  const st = FS.stat(path)
  if (FS.isDir(st.mode)) {
    for (const name of FS.readdir(path)) if (name !== '.' && name !== '..') makeReadOnly(FS, `${path === '/' ? '' : path}/${name}`)
    FS.chmod(path, 0o40555)
  } else FS.chmod(path, 0o100444)
}
