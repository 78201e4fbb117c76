/**
 * Maps device paths in tracebacks back to project files: `File "/system/apps/x/__init__.py", line 3`
 * becomes `apps/x/__init__.py:3`. Works for flat devices too, through the deploy's own path table.
 */

/** One traceback frame mapped to the project. */
export interface MappedFrame {
  /** The path as the device printed it. */
  device: string
  /** Project-relative path, or null when the frame is outside the project (`<stdin>`, frozen code). */
  rel: string | null
  line: number
}

const FRAME_RE = /File "([^"]+)", line (\d+)/g

/** Every `File "…", line N` frame in `text`, mapped through `deviceToRel` (device path → project path). */
export function mapFrames(text: string, deviceToRel: ReadonlyMap<string, string>): MappedFrame[] {
  const out: MappedFrame[] = []
  for (const m of text.matchAll(FRAME_RE)) {
    const device = m[1]!
    out.push({ device, rel: lookup(device, deviceToRel), line: Number(m[2]) })
  }
  return out
}

function lookup(device: string, table: ReadonlyMap<string, string>): string | null {
  const direct = table.get(device) ?? table.get('/' + device)
  if (direct) return direct
  // A relative name printed after chdir into the app folder: match on the path's tail.
  for (const [dev, rel] of table) if (dev.endsWith('/' + device)) return rel
  return null
}

/** The innermost frame that points into the project (where the error happened in the user's code). */
export function innermostProjectFrame(text: string, deviceToRel: ReadonlyMap<string, string>): { rel: string; line: number } | null {
  const frames = mapFrames(text, deviceToRel).filter((f) => f.rel !== null)
  const last = frames[frames.length - 1]
  return last ? { rel: last.rel!, line: last.line } : null
}

/**
 * Rewrites a traceback so each project frame names the project file:
 * `File "/system/apps/x/__init__.py", line 3` → `File "apps/x/__init__.py", line 3`. Other frames
 * are kept as printed.
 */
export function rewriteTraceback(text: string, deviceToRel: ReadonlyMap<string, string>): string {
  return text.replace(FRAME_RE, (whole, device: string, line: string) => {
    const rel = lookup(device, deviceToRel)
    return rel ? `File "${rel}", line ${line}` : whole
  })
}
