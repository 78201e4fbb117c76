/**
 * The run wrapper's side channel: while an app launched from the IDE runs, the wrapper prints a
 * marker line `\x1e` + `bide:` + payload + `\x1f` + newline into stdout between frames. The console
 * filters the whole line out (the app's own output is left byte for byte); the stats view reads
 * memory from it. The stream is framed into lines by `RunOutputFilter` (main, readline parser).
 */

/** Starts a marker. */
export const MARKER_START = '\x1e'
/** Ends a marker. */
export const MARKER_END = '\x1f'
/** Tag after the start byte. */
export const MARKER_TAG = 'bide:'
// A payload is at most 200 characters; a longer one is the app's own text.
/** A whole marker and the line break printed after it. */
const WHOLE = /\x1ebide:([^\x1e\x1f]{0,200})\x1f(?:\r?\n)?/g
/** Where a marker starts: a whole one, or the beginning of one at the end of the text. */
const START = /\x1ebide:[^\x1e\x1f]{0,200}\x1f|\x1e(?:bide:[^\x1e\x1f]{0,200}|bide|bid|bi|b)?$/

/**
 * Splits one complete output line into the app's text and the payloads of the markers in it; a
 * marker's own line break goes with it, so a marker line leaves no empty line behind.
 */
export function splitMarkers(line: string): { text: string; markers: string[] } {
  const markers: string[] = []
  const text = line.replace(WHOLE, (_, payload: string) => {
    markers.push(payload)
    return ''
  })
  return { text, markers }
}

/**
 * How much of an incomplete line can be shown now: everything before a marker (whole, or possibly
 * starting at the end); the rest waits for the line to end.
 */
export function showablePrefix(partial: string): string {
  const i = partial.search(START)
  return i < 0 ? partial : partial.slice(0, i)
}

/** Memory reported by a `mem <free> <alloc>` marker, or undefined for other payloads. */
export function parseMemMarker(payload: string): { free: number; used: number; total: number } | undefined {
  const m = /^mem (\d+) (\d+)$/.exec(payload.trim())
  if (!m) return undefined
  const free = Number(m[1])
  const used = Number(m[2])
  return { free, used, total: free + used }
}
