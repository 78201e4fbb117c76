/**
 * Tab labels: a file's name, with as many of its folders as needed to tell it apart from the other
 * open files of the same name (`snake/__init__.py` beside `flappy/__init__.py`).
 */

/** The label of each path in `paths` (same order). */
export function tabLabels(paths: readonly string[]): string[] {
  const parts = paths.map((p) => p.split('/'))
  const depth = parts.map(() => 1)
  const label = (i: number): string => parts[i]!.slice(-depth[i]!).join('/')
  for (let changed = true; changed; ) {
    changed = false
    const seen = new Map<string, number[]>()
    paths.forEach((_, i) => {
      const l = label(i)
      seen.set(l, [...(seen.get(l) ?? []), i])
    })
    for (const group of seen.values()) {
      if (group.length < 2) continue
      for (const i of group) {
        if (depth[i]! < parts[i]!.length) {
          depth[i]!++
          changed = true
        }
      }
    }
  }
  return paths.map((_, i) => label(i))
}
