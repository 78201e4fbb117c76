/**
 * Traceback parsing: finds `File "...", line N` frames in console output and maps the emulator's or
 * badge's absolute paths (e.g. `/system/apps/hello/__init__.py`) back to project files.
 */

/** One traceback frame found in a line of output. */
export interface TracebackFrame {
  /** The path exactly as printed. */
  file: string
  /** 1-based line number. */
  line: number
  /** Character offset of the `File "..."` text in the line (for links). */
  start: number
  /** End offset (exclusive) of the matched text. */
  end: number
}

const FRAME_RE = /File "([^"]+)", line (\d+)/g

/** Every frame on one line of text (usually zero or one). */
export function findFrames(text: string): TracebackFrame[] {
  const out: TracebackFrame[] = []
  for (const m of text.matchAll(FRAME_RE)) {
    out.push({ file: m[1]!, line: Number(m[2]), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length })
  }
  return out
}

/**
 * Maps a printed path to a project file: the longest trailing part of the path that names a file in
 * `files` (project-relative POSIX paths). `/system/apps/a/__init__.py` → `apps/a/__init__.py`.
 * Returns null when nothing matches (a frozen module, `<stdin>`).
 */
export function resolveProjectPath(printed: string, files: ReadonlySet<string>): string | null {
  const parts = printed.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.')
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/')
    if (files.has(candidate)) return candidate
  }
  return null
}

/** The innermost (last) frame of a traceback that points into the project, if any. */
export function lastProjectFrame(text: string, files: ReadonlySet<string>): { path: string; line: number } | null {
  let found: { path: string; line: number } | null = null
  for (const line of text.split('\n')) {
    for (const f of findFrames(line)) {
      const path = resolveProjectPath(f.file, files)
      if (path) found = { path, line: f.line }
    }
  }
  return found
}
