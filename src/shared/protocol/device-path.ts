/**
 * Device paths: absolute POSIX paths on the badge's filesystem. Checked before they are quoted into
 * Python (through `pyStr`, the one quoting function).
 */

/** Why a device path was refused, or undefined when it is fine. */
export function devicePathProblem(path: string): string | undefined {
  if (path === '') return 'empty path'
  if (path.includes('\0')) return 'NUL byte in path'
  if (!path.startsWith('/')) return 'device paths are absolute (start with /)'
  if (path.split('/').some((p) => p === '..' || p === '.')) return '"." and ".." are not allowed'
  for (const ch of path) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || cp === 0x7f) return 'control character in path'
    if (cp >= 0xd800 && cp <= 0xdfff) return 'invalid character in path'
  }
  return undefined
}

/** Normalises a device path: collapses repeated slashes and drops a trailing slash (except root). */
export function normalizeDevicePath(path: string): string {
  const p = ('/' + path).replace(/\/+/g, '/')
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p
}

/** Joins a directory and a name. */
export function joinDevicePath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

/** Parent directory ('/' for top-level entries). */
export function deviceDirname(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

/** Last path component. */
export function deviceBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/**
 * A device path as typed on the command line, as other MicroPython tools take it: a leading `:`
 * (mpremote's "this is on the device") is dropped, and a relative path is relative to `/`.
 */
export function cliDevicePath(arg: string): string {
  const p = arg.startsWith(':') ? arg.slice(1) : arg
  return p.startsWith('/') ? p : '/' + p
}
