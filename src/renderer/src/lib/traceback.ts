/**
 * The console's side of the traceback model (src/shared/traceback.ts): a printed path (the
 * emulator's or the badge's, e.g. `/system/apps/hello/__init__.py`) maps to a file of the open
 * project by its longest matching tail.
 */
import type { PathResolver } from '../../../shared/traceback'

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

/** {@link resolveProjectPath} over `files`, as a resolver for `parseFrames`. */
export function projectResolver(files: ReadonlySet<string>): PathResolver {
  return (printed) => resolveProjectPath(printed, files)
}
