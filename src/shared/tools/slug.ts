/**
 * App folder names ("slugs"): `/system/apps/<slug>/` is imported as a Python package by absolute
 * path, so the name must be a safe identifier-like folder name on every file system.
 */

/** Valid slugs: a lower-case letter, then up to 31 lower-case letters, digits or underscores. */
export const SLUG_RE = /^[a-z][a-z0-9_]{0,31}$/

/** Slugs the badge's own system uses; a new app may not take them. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['menu', 'startup', 'system', 'assets', 'lib', 'state'])

/** Why a slug is refused, or null when it is fine. */
export function slugProblem(slug: string): string | null {
  if (slug === '') return 'the name is empty'
  if (!SLUG_RE.test(slug)) {
    if (/^[0-9_]/.test(slug)) return 'the name must start with a lower-case letter'
    if (slug.length > 32) return 'the name is longer than 32 characters'
    return 'use only lower-case letters, digits and underscores'
  }
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is used by the badge's system`
  return null
}

/** Turns a display name into a slug candidate (`"My Game!"` → `my_game`); check it with {@link slugProblem}. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32)
    .replace(/_+$/, '')
  return /^[0-9]/.test(s) ? `app_${s}`.slice(0, 32) : s
}

/** A title for a slug (`my_game` → `My Game`). */
export function titleOf(slug: string): string {
  return slug
    .split('_')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')
}
