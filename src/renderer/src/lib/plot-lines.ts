/**
 * Lines of printed numbers as plot samples (the Plotter tab), in the forms other MicroPython
 * plotters read: `1, 2.5, -3`, `1 2 3` or a tuple `(1, 2, 3)`, one value per series; `name: 1
 * other=2` pairs, which also name the series; and a line of two or more names (`temp, light` or
 * `temp light`) naming the numeric lines of as many values that follow it. Any other line is not a sample. Pure.
 */

/** Most series plotted (the rest of a longer line is left out). */
export const MAX_SERIES = 8

/** One parsed line. */
export type PlotLine =
  | { kind: 'sample'; values: number[]; names?: string[] }
  /** `loose`: separated by spaces only, which ordinary text is too; see plotter.ts. */
  | { kind: 'names'; names: string[]; loose?: true }
  | null

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
const NAME = /^[A-Za-z_][\w .-]{0,31}$/
/** One `name: value` or `name=value` pair. */
const PAIR = /([A-Za-z_][\w.-]{0,31})\s*[:=]\s*([^\s,;]+)/g

/** Parses one line (without its line break). */
export function parsePlotLine(line: string): PlotLine {
  let t = line.trim()
  if (!t || t.length > 400) return null
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim()
  // name:value / name=value pairs
  if (/[:=]/.test(t)) {
    const pairs = [...t.matchAll(PAIR)]
    // Nothing but pairs and separators.
    const rest = t.replace(PAIR, '').replace(/[\s,;]/g, '')
    if (!pairs.length || rest || !pairs.every((p) => NUMBER.test(p[2]!))) return null
    const kept = pairs.slice(0, MAX_SERIES)
    return { kind: 'sample', values: kept.map((p) => Number(p[2])), names: kept.map((p) => p[1]!) }
  }
  const parts = t.split(/\s*[,;\t]\s*|\s+/).filter((p) => p !== '')
  if (parts.length && parts.every((p) => NUMBER.test(p))) return { kind: 'sample', values: parts.slice(0, MAX_SERIES).map(Number) }
  // A header: `print("temp", "light")` prints `temp light`; with commas a name may hold spaces.
  const loose = !t.includes(',')
  const names = loose ? t.split(/\s+/) : t.split(/\s*,\s*/)
  if (names.length > MAX_SERIES || !names.every((n) => NAME.test(n))) return null
  if (!loose) return { kind: 'names', names }
  // One word alone is too common in ordinary output to be taken for a header.
  return names.length >= 2 ? { kind: 'names', names, loose: true } : null
}

/**
 * Splits a stream of printed text into whole lines (a chunk may end in the middle of one). Main's
 * `LineFramer` does this for device output with serialport's parser, which needs Node's Buffer.
 */
export class LineSplitter {
  private rest = ''

  /** The complete lines in `chunk` (with what was left of the previous chunk). */
  push(chunk: string): string[] {
    const lines = (this.rest + chunk).split(/\r?\n|\r/)
    this.rest = lines.pop()!.slice(-1000)
    return lines
  }

  /** Forgets a partial line. */
  reset(): void {
    this.rest = ''
  }
}
