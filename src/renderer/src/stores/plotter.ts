/**
 * The Plotter tab's data: numbers the app prints (in the emulator or on the badge), one line per
 * sample (see lib/plot-lines.ts), the last {@link PLOT_ROWS} of them. The arrays stay outside Vue's
 * reactivity (a sample per frame would cost a deep proxy walk); `plotter.version` says they changed.
 */
import { reactive } from 'vue'
import { LineSplitter, parsePlotLine } from '../lib/plot-lines'

/** Samples kept (older ones scroll out). */
export const PLOT_ROWS = 1000

/** What the Plotter tab shows. */
export const plotter = reactive({
  /** The Plotter tab is shown in the console panel. */
  shown: false,
  /** Series names ("value 1"… until a line names them). */
  names: [] as string[],
  /** Samples received since the last clear. */
  count: 0,
  /** Bumped whenever the samples change. */
  version: 0,
})

const splitters = { output: new LineSplitter(), repl: new LineSplitter() }
let header: string[] | null = null
let xs: number[] = []
let ys: Array<Array<number | null>> = []

/** Feeds printed text from one console channel; its numeric lines become samples. */
export function feedPlot(text: string, channel: keyof typeof splitters): void {
  let changed = false
  for (const line of splitters[channel].push(text)) {
    const p = parsePlotLine(line)
    if (!p) continue
    if (p.kind === 'names') {
      // Words separated by spaces name the series only before the first sample (an app prints its
      // header first); later they are ordinary text such as "game over".
      if (!p.loose || plotter.count === 0) header = p.names
      continue
    }
    addSample(p.values, p.names ?? (header?.length === p.values.length ? header : undefined))
    changed = true
  }
  if (changed) plotter.version++
}

function addSample(values: number[], names?: readonly string[]): void {
  while (ys.length < values.length) {
    // A new series starts with gaps where the earlier samples had no value for it.
    ys.push(xs.map(() => null))
    plotter.names.push(`value ${ys.length}`)
  }
  names?.forEach((n, i) => {
    if (plotter.names[i] !== n) plotter.names[i] = n
  })
  xs.push(plotter.count++)
  ys.forEach((s, i) => s.push(values[i] ?? null))
  // Trimmed now and then, not per sample: an app printing in a tight loop sends thousands a second.
  if (xs.length >= 2 * PLOT_ROWS) {
    xs = xs.slice(-PLOT_ROWS)
    ys = ys.map((s) => s.slice(-PLOT_ROWS))
  }
}

/** The last {@link PLOT_ROWS} samples as columns: sample numbers, then one array per series (null: no value). */
export function plotColumns(): [number[], ...Array<Array<number | null>>] {
  if (xs.length <= PLOT_ROWS) return [xs, ...ys]
  return [xs.slice(-PLOT_ROWS), ...ys.map((s) => s.slice(-PLOT_ROWS))]
}

/** Forgets every sample and series name. */
export function clearPlot(): void {
  xs = []
  ys = []
  header = null
  splitters.output.reset()
  splitters.repl.reset()
  plotter.names = []
  plotter.count = 0
  plotter.version++
}
