/**
 * The run wrapper's side channel: while an app launched from the IDE runs, the wrapper prints a
 * marker line `\x1e` + `bide:` + payload + `\x1f` + newline into stdout between frames. The console
 * filters the whole line out (the app's own output is left byte for byte); the stats view reads
 * memory from it.
 */

/** Starts a marker. */
export const MARKER_START = '\x1e'
/** Ends a marker. */
export const MARKER_END = '\x1f'
/** Tag after the start byte. */
export const MARKER_TAG = 'bide:'
/** Longest marker payload accepted; anything longer is passed through as text. */
const MAX_MARKER = 200

/**
 * Splits a text stream into the app's output and marker payloads. Feed chunks as they arrive;
 * a marker split across chunks is held back until it completes.
 */
export class RunMarkerFilter {
  private held = ''
  /** A marker just ended: its line break may still arrive. */
  private afterMarker = false

  /** Returns the text to show and the payloads of the markers completed in this chunk. */
  push(chunk: string): { text: string; markers: string[] } {
    let s = this.held + chunk
    this.held = ''
    if (this.afterMarker && s) {
      s = s.replace(/^\r?\n/, '')
      this.afterMarker = s === '\r'
      if (this.afterMarker) return { text: '', markers: [] }
    }
    let text = ''
    const markers: string[] = []
    for (;;) {
      const i = s.indexOf(MARKER_START)
      if (i < 0) {
        text += s
        break
      }
      text += s.slice(0, i)
      const rest = s.slice(i)
      const j = rest.indexOf(MARKER_END)
      if (j < 0) {
        // Incomplete: hold it back unless it cannot be ours.
        const body = rest.slice(1)
        if (rest.length <= MAX_MARKER && (body.startsWith(MARKER_TAG) || MARKER_TAG.startsWith(body))) this.held = rest
        else text += rest
        break
      }
      const body = rest.slice(1, j)
      s = rest.slice(j + 1)
      if (body.startsWith(MARKER_TAG)) {
        markers.push(body.slice(MARKER_TAG.length))
        s = s.replace(/^\r?\n/, '')
        this.afterMarker = s === '' || s === '\r'
        if (s === '\r') s = ''
      } else text += rest.slice(0, j + 1)
    }
    return { text, markers }
  }

  /** Flushes held-back text at the end of the stream. */
  end(): string {
    const t = this.held
    this.held = ''
    return t
  }
}

/** Memory reported by a `mem <free> <alloc>` marker, or undefined for other payloads. */
export function parseMemMarker(payload: string): { free: number; used: number; total: number } | undefined {
  const m = /^mem (\d+) (\d+)$/.exec(payload.trim())
  if (!m) return undefined
  const free = Number(m[1])
  const used = Number(m[2])
  return { free, used, total: free + used }
}
