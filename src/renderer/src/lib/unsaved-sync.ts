/**
 * Which unsaved copies to keep and which to forget so the copies in the user-data folder match
 * the modified tabs (see stores/unsaved.ts). Pure.
 */

/** The parts of a tab the sync looks at. */
export interface SyncDoc {
  path: string
  text: string
  savedText: string
  readOnly: boolean
  mtimeMs: number
}

/** What to send. */
export interface UnsavedSync {
  keep: Array<{ path: string; text: string; baseMtimeMs: number }>
  forget: string[]
}

/**
 * Keeps every modified, writable tab whose text differs from the copy kept last (`kept`: path →
 * text), and forgets the kept copies of tabs that are saved, reverted, closed or longer than `max`
 * characters (a stale copy would bring back older text).
 */
export function unsavedSync(docs: readonly SyncDoc[], kept: ReadonlyMap<string, string>, max: number): UnsavedSync {
  const keep: UnsavedSync['keep'] = []
  const modified = new Set<string>()
  for (const d of docs) {
    if (d.readOnly || d.text === d.savedText || d.text.length > max) continue
    modified.add(d.path)
    if (kept.get(d.path) !== d.text) keep.push({ path: d.path, text: d.text, baseMtimeMs: d.mtimeMs })
  }
  return { keep, forget: [...kept.keys()].filter((p) => !modified.has(p)) }
}
