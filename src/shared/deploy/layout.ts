/**
 * Where project files live on the device. The project mirrors the badge's `/system` volume, so
 * `apps/x/__init__.py` goes to `/system/apps/x/__init__.py`. A device with a flat filesystem (no
 * folders, e.g. the micro:bit) gets one name per file instead: `apps-x-__init__.py` (`-` cannot occur
 * in a slug, so one app's names never fall inside another app's prefix).
 */

/** How project paths map onto a device's filesystem. */
export interface DeviceLayout {
  /** Device folder mirroring the project root (`/system` on the badge); ignored when flat. */
  root: string
  /** True for a filesystem without folders: paths are flattened into one name. */
  flat: boolean
}

/** The badge: the project mirrors `/system`. */
export const BADGE_LAYOUT: DeviceLayout = { root: '/system', flat: false }
/** A device without folders (MicroPython on the micro:bit). */
export const FLAT_LAYOUT: DeviceLayout = { root: '/', flat: true }

/**
 * Base name of the deploy cookie (inside the app folder, or the flattened equivalent): while it
 * holds the token of the last deploy, the device's files are as that deploy left them.
 */
export const COOKIE_NAME = '.bide-deploy'

/** Separator that replaces `/` in flattened names (not `.`, which `__import__` would split on). */
export const FLAT_SEPARATOR = '-'

/** The device path of a project-relative POSIX path. */
export function toDevicePath(rel: string, layout: DeviceLayout): string {
  if (layout.flat) return '/' + rel.split('/').join(FLAT_SEPARATOR)
  return layout.root === '/' ? `/${rel}` : `${layout.root}/${rel}`
}

/**
 * The device area an app owns: deletions never leave it. On a folder filesystem it is the app
 * folder (`prefix` ends with `/`); on a flat one, the names starting with the flattened prefix.
 */
export interface AppScope {
  slug: string
  /** The app folder (`/system/apps/x`), or '/' on a flat device. */
  dir: string
  /** Every device path inside the scope starts with this. */
  prefix: string
}

/** The scope of app `slug`. */
export function appScope(slug: string, layout: DeviceLayout): AppScope {
  if (layout.flat) return { slug, dir: '/', prefix: '/' + ['apps', slug, ''].join(FLAT_SEPARATOR) }
  const dir = toDevicePath(`apps/${slug}`, layout)
  return { slug, dir, prefix: dir + '/' }
}

/** True when `devicePath` lies inside `scope`. */
export function inScope(devicePath: string, scope: AppScope): boolean {
  return devicePath.startsWith(scope.prefix) && devicePath.length > scope.prefix.length
}

/** Module name to `__import__` an app's entry on the device (by path on the badge, by name when flat). */
export function appImportName(slug: string, layout: DeviceLayout): string {
  if (layout.flat) return toDevicePath(`apps/${slug}/__init__.py`, layout).slice(1, -3)
  return toDevicePath(`apps/${slug}`, layout)
}

/** Valid app folder names (the same rule as the scaffold): lower-case letters, digits, `_`. */
export const SLUG_RE = /^[a-z][a-z0-9_]*$/
