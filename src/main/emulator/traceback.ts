/**
 * The emulator's side of the traceback model (src/shared/traceback.ts): files under `/system` are
 * the project; the emulator's own modules, `<stdin>` and the writable volume are not.
 */
import { parseExceptionLine, parseFrames, plainFrames, type TraceFrame } from '../../shared/traceback'

/** Maps a VFS path to the project-relative path, or null when it is not a project file. */
export function projectPathOf(vfsPath: string): string | null {
  if (!vfsPath.startsWith('/system/')) return null
  const rel = vfsPath.slice('/system/'.length)
  return rel.split('/').some((p) => p === '..' || p === '') ? null : rel
}

/** Parses every frame of a traceback (innermost last, as printed). */
export function parseTraceback(text: string): TraceFrame[] {
  return plainFrames(parseFrames(text, projectPathOf))
}

/** The exception type named on the last line of a traceback ("ValueError: x" → "ValueError"). */
export function exceptionType(text: string): string {
  return parseExceptionLine(text)?.type ?? 'Exception'
}
