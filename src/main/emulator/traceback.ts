/**
 * Turns MicroPython traceback text into frames the editor can mark: each `File "...", line N`
 * entry, with the project-relative path for files under `/system` (the project) and null for
 * files elsewhere (the emulator's own modules, `<stdin>`, the writable volume).
 */
import type { TraceFrame } from './messages'

const FRAME_RE = /^\s*File "([^"]*)", line (\d+)(?:, in (.+))?\s*$/

/** Maps a VFS path to the project-relative path, or null when it is not a project file. */
export function projectPathOf(vfsPath: string): string | null {
  if (!vfsPath.startsWith('/system/')) return null
  const rel = vfsPath.slice('/system/'.length)
  return rel.split('/').some((p) => p === '..' || p === '') ? null : rel
}

/** Parses every frame line of a traceback (innermost last, as printed). */
export function parseTraceback(text: string): TraceFrame[] {
  const frames: TraceFrame[] = []
  for (const line of text.split(/\r?\n/)) {
    const m = FRAME_RE.exec(line)
    if (!m) continue
    const frame: TraceFrame = { vfsPath: m[1], file: projectPathOf(m[1]), line: Number(m[2]) }
    if (m[3]) frame.fn = m[3].trim()
    frames.push(frame)
  }
  return frames
}

/** The exception type named on the last line of a traceback ("ValueError: x" → "ValueError"). */
export function exceptionType(text: string): string {
  const lines = text.trim().split(/\r?\n/)
  const last = lines[lines.length - 1] ?? ''
  const m = /^([A-Za-z_][\w.]*)(?::|$)/.exec(last.trim())
  return m ? m[1] : 'Exception'
}

/** The innermost frame inside the project (where the editor should jump), if any. */
export function innermostProjectFrame(frames: TraceFrame[]): TraceFrame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].file !== null) return frames[i]
  return undefined
}
