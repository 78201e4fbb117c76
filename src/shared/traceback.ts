/**
 * The one traceback model. MicroPython prints `Traceback (most recent call last):`, a
 * `  File "<path>", line N[, in <fn>]` line per frame (outermost first) and `Type: message` last.
 * The emulator, an app run on the badge, a failed device exec and the console (links, gutter marks)
 * all parse tracebacks here; they differ only in how a printed path maps to a project file (the
 * `resolve` argument: the emulator's `/system` folder, the deploy's path table, the open project's files).
 */

/** The first line of a traceback. */
export const TRACEBACK_HEADER = 'Traceback (most recent call last)'

/** One traceback frame. */
export interface TraceFrame {
  /** The path exactly as printed (an emulator or device path, `<stdin>`). */
  vfsPath: string
  /** Project-relative path, or null when the frame is outside the project (firmware, `<stdin>`). */
  file: string | null
  /** 1-based line. */
  line: number
  /** Function name, when printed. */
  fn?: string
}

/** A frame and where its `File "…", line N` text is in the parsed text (for console links). */
export interface TraceFrameAt extends TraceFrame {
  start: number
  end: number
}

/** Maps a printed path to a project-relative path, or null when it is not a project file. */
export type PathResolver = (printed: string) => string | null

const FRAME_RE = /File "([^"\r\n]*)", line (\d+)(?:, in ([^\r\n]*))?/g

/** Every frame in `text`, outermost first as printed, each resolved to a project file by `resolve`. */
export function parseFrames(text: string, resolve: PathResolver = () => null): TraceFrameAt[] {
  const out: TraceFrameAt[] = []
  for (const m of text.matchAll(FRAME_RE)) {
    const start = m.index
    const fnPart = m[3] === undefined ? 0 : ', in '.length + m[3].length
    const frame: TraceFrameAt = { vfsPath: m[1]!, file: resolve(m[1]!), line: Number(m[2]), start, end: start + m[0].length - fnPart }
    const fn = m[3]?.trim()
    if (fn) frame.fn = fn
    out.push(frame)
  }
  return out
}

/** Drops the text offsets (what crosses IPC). */
export function plainFrames(frames: readonly TraceFrameAt[]): TraceFrame[] {
  return frames.map(({ start: _s, end: _e, ...f }) => f)
}

/** The innermost frame inside the project (where the error happened in the user's code), if any. */
export function innermostProjectFrame<F extends TraceFrame>(frames: readonly F[]): (F & { file: string }) | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.file !== null) return frames[i] as F & { file: string }
  return undefined
}

/** The exception on the last non-empty line (`ValueError: x` → type and message), if it is one. */
export function parseExceptionLine(text: string): { type: string; message: string } | undefined {
  const lines = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '')
  const m = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/.exec((lines[lines.length - 1] ?? '').trim())
  return m ? { type: m[1]!, message: m[2] ?? '' } : undefined
}
