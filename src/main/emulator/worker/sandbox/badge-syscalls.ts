/**
 * The interpreter's system calls made to behave like the badge's, by wrapping the wasm imports
 * the Emscripten glue provides (filesystem syscalls and heap growth):
 *
 * - errno: Emscripten reports WASI numbers (ENOENT is 44); the badge, like every MicroPython
 *   port, uses the classic numbers of MicroPython's `errno` module (ENOENT 2, EEXIST 17,
 *   ENOTDIR 20, EISDIR 21, ENOSPC 28 …). Failed calls are translated, so
 *   `e.errno == errno.ENOENT` holds and tools that copy files over the REPL see what they expect.
 * - flash size: `os.statvfs` reports the badge's filesystem and a write that would not fit fails
 *   with ENOSPC before anything is written, so what is already on the volume stays as it was.
 * - memory: the wasm heap may grow only up to a cap, so a memory bomb gets MemoryError inside
 *   the frame that allocates, and host memory stays bounded at every moment.
 */
import type { EmFS } from '../../vfs'

/** Emscripten's errno numbers (the glue's ERRNO_CODES, WASI numbering) by name. */
const WASI: Record<string, number> = {
  EPERM: 63, ENOENT: 44, ESRCH: 71, EINTR: 27, EIO: 29, ENXIO: 60, E2BIG: 1, ENOEXEC: 45, EBADF: 8, ECHILD: 12,
  EAGAIN: 6, ENOMEM: 48, EACCES: 2, EFAULT: 21, EBUSY: 10, EEXIST: 20, EXDEV: 75, ENODEV: 43, ENOTDIR: 54,
  EISDIR: 31, EINVAL: 28, ENFILE: 41, EMFILE: 33, ENOTTY: 59, ETXTBSY: 74, EFBIG: 22, ENOSPC: 51, ESPIPE: 70,
  EROFS: 69, EMLINK: 34, EPIPE: 64, EDOM: 18, ERANGE: 68, ENAMETOOLONG: 37, ENOSYS: 52, ENOTEMPTY: 55,
  ELOOP: 32, EOPNOTSUPP: 138, ETIMEDOUT: 73, ECONNREFUSED: 14, EHOSTUNREACH: 23, ENETUNREACH: 40,
}

/** The same names with the numbers MicroPython (and so the badge) uses. */
const BADGE: Record<string, number> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10,
  EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20,
  EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, ETXTBSY: 26, EFBIG: 27, ENOSPC: 28, ESPIPE: 29,
  EROFS: 30, EMLINK: 31, EPIPE: 32, EDOM: 33, ERANGE: 34, ENAMETOOLONG: 36, ENOSYS: 38, ENOTEMPTY: 39,
  ELOOP: 40, EOPNOTSUPP: 95, ETIMEDOUT: 110, ECONNREFUSED: 111, EHOSTUNREACH: 113, ENETUNREACH: 101,
}

const wasiToBadge = new Map<number, number>(Object.entries(WASI).map(([name, n]) => [n, BADGE[name]]))
// Permission errors come only from the read-only trees (/system, the platform's modules), which
// the badge mounts read-only: it answers EROFS there.
wasiToBadge.set(WASI.EACCES, BADGE.EROFS)

/** The badge's errno number for an Emscripten (WASI) one; unknown numbers become EIO. */
export function badgeErrno(wasi: number): number {
  return wasiToBadge.get(wasi) ?? BADGE.EIO
}

/** Named badge errno numbers (for host code that raises OSError in Python). */
export const ERRNO = BADGE

/** Filesystem block size reported by statvfs (LittleFS on the badge uses 4 KiB blocks). */
export const FLASH_BLOCK = 4096

/** Options for {@link badgeSyscalls}. */
export interface BadgeSyscallOptions {
  /** Size of the badge's filesystem in bytes. */
  flashBytes: number
  /** Top-level folders that are not on the flash (the platform's own modules, devices); a listing of / leaves them out. */
  notOnFlash: ReadonlySet<string>
  /** Largest size the wasm memory may grow to, in bytes. */
  memoryCapBytes: number
}

/** The wrapped system calls of one interpreter. */
export interface BadgeSyscalls {
  /** Rewrites the glue's imports; call before instantiating. */
  adapt(env: Record<string, unknown>): void
  /** Hands over the instance's memory and the FS, once they exist. */
  bind(memory: WebAssembly.Memory, FS: EmFS & { getStream(fd: number): EmStream | null }): void
  /** Bytes of flash in use (block-rounded), as statvfs reports. */
  flashUsed(): number
  /** True when a heap growth was refused (a memory bomb hit the cap). */
  readonly memoryRefused: boolean
}

/** The parts of an Emscripten stream used here. */
export interface EmStream {
  path?: string
  getdents?: string[]
  position: number
  flags: number
  node: { mode: number; usedBytes?: number }
}

const O_APPEND = 0o2000
const O_TRUNC = 0o1000
const blocks = (bytes: number): number => Math.ceil(bytes / FLASH_BLOCK) * FLASH_BLOCK

/** Builds the wrappers; see the module comment. */
export function badgeSyscalls(o: BadgeSyscallOptions): BadgeSyscalls {
  let memory: WebAssembly.Memory | null = null
  let FS: (EmFS & { getStream(fd: number): EmStream | null }) | null = null
  let used = -1 // -1: walk the tree again before trusting it
  let memoryRefused = false

  const onFlash = (path: string | undefined): boolean => {
    if (!path || !path.startsWith('/')) return false
    const top = path.split('/')[1] ?? ''
    return !o.notOnFlash.has(top)
  }

  const walkUsed = (): number => {
    if (!FS) return 0
    const fs = FS
    let total = 0
    const walk = (dir: string): void => {
      for (const name of fs.readdir(dir)) {
        if (name === '.' || name === '..') continue
        const p = `${dir === '/' ? '' : dir}/${name}`
        if (dir === '/' && o.notOnFlash.has(name)) continue
        const st = fs.stat(p)
        if (fs.isDir(st.mode)) walk(p)
        else if (fs.isFile(st.mode)) total += blocks(st.size)
      }
    }
    walk('/')
    return total
  }
  const flashUsed = (): number => {
    if (used < 0) used = walkUsed()
    return used
  }

  return {
    adapt(env) {
      const wrapErrno = (name: string, negative: boolean): void => {
        const orig = env[name] as (...a: number[]) => number
        env[name] = negative
          ? (...a: number[]) => {
              const r = orig(...a)
              return r < 0 && r > -4096 ? -badgeErrno(-r) : r
            }
          : (...a: number[]) => {
              const r = orig(...a)
              return r > 0 ? badgeErrno(r) : r
            }
      }
      for (const name of Object.keys(env)) {
        if (typeof env[name] !== 'function') continue
        if (name.startsWith('__syscall_')) wrapErrno(name, true)
        else if (/^fd_(close|read|seek|sync|write)$/.test(name)) wrapErrno(name, false)
      }
      // Calls that can free flash (writes are counted as they happen): count again on the next
      // check. A plain open does not change the usage, so an app that opens and writes a state file
      // every frame does not pay a walk of the whole volume per write.
      const frees: Record<string, (a: number[]) => boolean> = {
        __syscall_openat: (a) => (a[2] & O_TRUNC) !== 0,
        __syscall_unlinkat: () => true,
        __syscall_renameat: () => true, // may replace an existing file
      }
      for (const [name, changes] of Object.entries(frees)) {
        const orig = env[name] as ((...a: number[]) => number) | undefined
        if (orig)
          env[name] = (...a: number[]) => {
            if (changes(a)) used = -1
            return orig(...a)
          }
      }
      const write = env.fd_write as (fd: number, iov: number, iovcnt: number, pnum: number) => number
      env.fd_write = (fd: number, iov: number, iovcnt: number, pnum: number): number => {
        const stream = fd > 2 && FS && memory ? FS.getStream(fd) : null
        if (!stream || !FS!.isFile(stream.node.mode) || !onFlash(stream.path)) return write(fd, iov, iovcnt, pnum)
        const words = new Uint32Array(memory!.buffer, iov, iovcnt * 2)
        let len = 0
        for (let i = 0; i < iovcnt; i++) len += words[i * 2 + 1]
        const size = stream.node.usedBytes ?? 0
        const end = (stream.flags & O_APPEND ? size : stream.position) + len
        const grow = blocks(Math.max(end, size)) - blocks(size)
        if (grow > 0 && flashUsed() + grow > o.flashBytes) return BADGE.ENOSPC
        const r = write(fd, iov, iovcnt, pnum)
        if (r === 0 && used >= 0) used += grow
        return r
      }
      const getdents = env.__syscall_getdents64 as (fd: number, dirp: number, count: number) => number
      env.__syscall_getdents64 = (fd: number, dirp: number, count: number): number => {
        const stream = FS?.getStream(fd)
        // The glue lists a folder once per open stream (stream.getdents); prime it for '/'.
        if (stream && stream.path === '/' && !stream.getdents) stream.getdents = FS!.readdir('/').filter((n) => !o.notOnFlash.has(n))
        return getdents(fd, dirp, count)
      }
      const statfs = env.__syscall_statfs64 as (path: number, size: number, buf: number) => number
      env.__syscall_statfs64 = (path: number, size: number, buf: number): number => {
        const r = statfs(path, size, buf)
        if (r !== 0 || !memory) return r
        const total = Math.floor(o.flashBytes / FLASH_BLOCK)
        const free = Math.max(0, total - Math.ceil(flashUsed() / FLASH_BLOCK))
        const view = new DataView(memory.buffer)
        view.setUint32(buf + 4, FLASH_BLOCK, true)
        view.setUint32(buf + 60, FLASH_BLOCK, true)
        view.setBigUint64(buf + 8, BigInt(total), true)
        view.setBigUint64(buf + 16, BigInt(free), true)
        view.setBigUint64(buf + 24, BigInt(free), true)
        return 0
      }
      const resize = env.emscripten_resize_heap as (requested: number) => number
      env.emscripten_resize_heap = (requested: number): number => {
        if (requested >>> 0 > o.memoryCapBytes) {
          memoryRefused = true
          return 0
        }
        return resize(requested)
      }
    },
    bind(m, fs) {
      memory = m
      FS = fs
      used = -1
    },
    flashUsed,
    get memoryRefused() {
      return memoryRefused
    },
  }
}
