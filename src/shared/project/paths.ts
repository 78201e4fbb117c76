/**
 * Pure rules for project-relative paths sent by the renderer. Main checks them again against the
 * real file system (containment and symlinks); these rules only look at the string.
 */
import type { ErrorCode } from '../ipc/errors'

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i
const FORBIDDEN_CHARS = /[\\:*?"<>|\u0000-\u001f]/

/** Outcome of {@link checkRelPath}: the normalised path, or the reason it was refused. */
export type PathCheck = { ok: true; path: string } | { ok: false; code: ErrorCode }

/**
 * Checks and normalises a project-relative POSIX path: refuses empty paths (unless `allowRoot`), NUL
 * bytes, absolute paths, drive letters and UNC paths, backslashes, `..` segments, characters that
 * are invalid on Windows and reserved device names. `.` segments and repeated slashes are removed.
 */
export function checkRelPath(input: string, opts: { allowRoot?: boolean } = {}): PathCheck {
  if (input.includes('\0')) return { ok: false, code: 'PATH_NUL' }
  if (input.startsWith('/') || /^[a-zA-Z]:/.test(input) || input.startsWith('\\\\')) {
    return { ok: false, code: 'PATH_ABSOLUTE' }
  }
  const segments = input.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0) return opts.allowRoot ? { ok: true, path: '' } : { ok: false, code: 'PATH_EMPTY' }
  for (const s of segments) {
    if (s === '..') return { ok: false, code: 'PATH_TRAVERSAL' }
    if (FORBIDDEN_CHARS.test(s) || WINDOWS_RESERVED.test(s) || /[. ]$/.test(s)) {
      return { ok: false, code: 'PATH_INVALID' }
    }
  }
  return { ok: true, path: segments.join('/') }
}

/** The parent of a normalised relative path ('' for top-level entries). */
export function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/')
  return i < 0 ? '' : rel.slice(0, i)
}

/** The last segment of a normalised relative path. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1)
}

/** Joins normalised relative segments. */
export function joinRel(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/')
}

/** Folders the project tree never shows or watches. */
export const IGNORED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '__pycache__', '.DS_Store'])
