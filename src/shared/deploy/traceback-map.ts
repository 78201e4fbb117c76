/**
 * The deploy's side of the traceback model (src/shared/traceback.ts): device paths map back to
 * project files through the deploy's own path table, so `File "/system/apps/x/__init__.py", line 3`
 * names `apps/x/__init__.py`. Works for flat devices too.
 */
import { parseFrames, type PathResolver } from '../traceback'

/** A resolver over `deviceToRel` (device path → project path). */
export function deployResolver(deviceToRel: ReadonlyMap<string, string>): PathResolver {
  return (device) => {
    const direct = deviceToRel.get(device) ?? deviceToRel.get('/' + device)
    if (direct) return direct
    // A relative name printed after chdir into the app folder: match on the path's tail.
    for (const [dev, rel] of deviceToRel) if (dev.endsWith('/' + device)) return rel
    return null
  }
}

/**
 * Rewrites a traceback so each project frame names the project file:
 * `File "/system/apps/x/__init__.py", line 3` → `File "apps/x/__init__.py", line 3`. Other frames
 * are kept as printed.
 */
export function rewriteTraceback(text: string, deviceToRel: ReadonlyMap<string, string>): string {
  let out = ''
  let at = 0
  for (const f of parseFrames(text, deployResolver(deviceToRel))) {
    if (f.file === null) continue
    out += text.slice(at, f.start) + `File "${f.file}", line ${f.line}`
    at = f.end
  }
  return out + text.slice(at)
}
