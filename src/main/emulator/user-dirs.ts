/**
 * Per-user folders of the emulator: the system-assets cache overlaid under /system for projects
 * without assets, and the virtual badge's default flash folder. `BADGE_IDE_HOME` overrides the
 * base folder (tests, portable installs).
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The per-user data folder of Badge IDE. */
export function userDataDir(): string {
  if (process.env.BADGE_IDE_HOME) return process.env.BADGE_IDE_HOME
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Badge IDE')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Badge IDE')
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'badge-ide')
}

/** Folder overlaid under /system (holds `assets/…`) for projects that lack the badge's assets. */
export function systemAssetsCacheDir(base = userDataDir()): string {
  return join(base, 'system-assets')
}

/** The virtual badge's default flash folder. */
export function defaultVirtualBadgeDir(base = userDataDir()): string {
  return join(base, 'virtual-badge')
}

/**
 * The user's file of kind `kind` (`network`, `debug`) for one project, in the user data folder
 * (never in the project): keyed by the project's real path.
 */
export function projectUserFile(kind: string, projectDir: string, base = userDataDir()): string {
  let real = resolve(projectDir)
  try {
    real = realpathSync(projectDir)
  } catch {
    // a project folder that does not exist (yet) is keyed by its path
  }
  return join(base, kind, `${createHash('sha256').update(real).digest('hex').slice(0, 20)}.json`)
}

/** Writes `value` as JSON to `file` through a temporary file, so a crash leaves the old or the new file. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2) + '\n')
  renameSync(`${file}.tmp`, file)
}

/** A project's emulator `/` volume (inspectable; delete it to reset). */
export function projectStateDir(projectDir: string): string {
  return join(projectDir, '.badge-ide', 'badge-root')
}

/**
 * Imports system assets from a folder (a copy of the badge's /system, or its assets folder) into
 * the per-user cache. Existing files with the same name are replaced; nothing else is removed.
 * Returns the cache folder.
 */
export function importSystemAssets(fromDir: string, base = userDataDir()): string {
  if (!existsSync(fromDir) || !statSync(fromDir).isDirectory()) throw new Error(`not a folder: ${fromDir}`)
  const src = existsSync(join(fromDir, 'assets')) ? join(fromDir, 'assets') : fromDir
  const dest = join(systemAssetsCacheDir(base), 'assets')
  mkdirSync(dest, { recursive: true })
  cpSync(src, dest, { recursive: true, force: true })
  return systemAssetsCacheDir(base)
}

/**
 * Overlay folders for a project's /system: the per-user cache when it exists. The overlay never
 * replaces a project file, so a project copied from a badge uses its own assets and one without
 * them gets the cached ones (gaps are filled either way).
 */
export function systemOverlaysFor(_projectDir: string | null, base = userDataDir()): string[] {
  const cache = systemAssetsCacheDir(base)
  return existsSync(cache) ? [cache] : []
}
