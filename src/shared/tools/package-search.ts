/** Package specs and finding packages in a MicroPython package index's list (the CLI's `mip`, the IDE's Add package). */

/** One package of the index: what a search shows. */
export interface PackageListing {
  name: string
  /** The latest version ('' when the index gives none). */
  version: string
  description: string
}

/**
 * The packages matching every word of `query` (case-insensitive, in the name or the description),
 * best first: the exact name, then names starting with the query, then names containing a word,
 * then description matches; alphabetical within each. An empty query matches everything.
 */
export function searchPackages(list: readonly PackageListing[], query: string): PackageListing[] {
  const q = query.trim().toLowerCase()
  const words = q.split(/\s+/).filter(Boolean)
  const rank = (p: PackageListing): number => {
    const name = p.name.toLowerCase()
    if (!words.every((w) => name.includes(w) || p.description.toLowerCase().includes(w))) return -1
    if (name === q) return 0
    if (q && name.startsWith(q)) return 1
    if (words.some((w) => name.includes(w))) return 2
    return 3
  }
  return list
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.p.name.localeCompare(b.p.name))
    .map((x) => x.p)
}

/** Splits `name@version` (the version after the last `@`, as long as it is not part of a URL's path). */
export function parseSpec(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf('@')
  if (at > 0 && !spec.slice(at).includes('/')) return { name: spec.slice(0, at), version: spec.slice(at + 1) }
  return { name: spec }
}
