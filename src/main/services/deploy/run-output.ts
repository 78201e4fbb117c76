/**
 * The stdout of an app run on the device, split into the app's own output and the run wrapper's
 * markers (the stats stream). The readline parser frames the lines; a line that has not ended yet
 * (an `input()` prompt, `print(x, end='')`) is shown at once up to where a marker might start.
 */
import { showablePrefix, splitMarkers } from '../../../shared/stats/run-marker'
import { LineFramer } from '../device/line-framer'

/** An unfinished line longer than this is dropped from the framer once all of it is shown. */
const KEEP_AT_MOST = 4096

/** Splits a run's stdout into text to show and marker payloads. Feed chunks as they arrive. */
export class RunOutputFilter {
  private readonly lines = new LineFramer()
  /** How much of the current incomplete line was already shown. */
  private shown = 0

  /** Returns the text to show now and the payloads of the markers completed by this chunk. */
  push(chunk: string): { text: string; markers: string[] } {
    let text = ''
    const markers: string[] = []
    for (const line of this.lines.push(chunk)) {
      const r = splitMarkers(line)
      text += r.text.slice(this.shown)
      this.shown = 0
      markers.push(...r.markers)
    }
    const pending = this.lines.pending
    const now = showablePrefix(pending)
    text += now.slice(this.shown)
    this.shown = Math.max(this.shown, now.length)
    if (this.shown === pending.length && pending.length >= KEEP_AT_MOST) {
      // All of it is shown and no marker can start in it: the framer need not keep it. (Not at
      // every chunk: a new parser costs more than carrying a short line.)
      this.lines.discardPending()
      this.shown = 0
    }
    return { text, markers }
  }

  /**
   * Characters kept for framing: the unfinished line so far, but never more than about 4 KB of it
   * once it is all shown (a marker that may be starting in it is always kept).
   */
  get buffered(): number {
    return this.lines.pending.length
  }

  /** Ends the stream; returns what was held back (an unfinished marker is the app's text after all). */
  end(): { text: string; markers: string[] } {
    const r = splitMarkers(this.lines.end())
    const text = r.text.slice(this.shown)
    this.shown = 0
    return { text, markers: r.markers }
  }
}
