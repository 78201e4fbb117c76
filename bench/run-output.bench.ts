/**
 * Framing an app's output while it runs on the badge (the readline parser, marker lines removed,
 * unfinished lines shown at once) against the least any filter must do: scanning the same chunks
 * for the marker's start byte. 1 MB of typical output (short lines, a memory marker now and then)
 * in 64-character chunks, as USB serial delivers it.
 */
import { RunOutputFilter } from '../src/main/services/deploy/run-output'

function chunks(): string[] {
  const text = Array.from({ length: 40000 }, (_, i) => (i % 50 === 0 ? `\x1ebide:mem ${i} 100\x1f\r\n` : `frame ${i} x=${i * 3}\r\n`)).join('')
  const out: string[] = []
  for (let i = 0; i < text.length; i += 64) out.push(text.slice(i, i + 64))
  return out
}

function bestMs(n: number, fn: () => void): number {
  let best = Infinity
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    fn()
    best = Math.min(best, performance.now() - t0)
  }
  return best
}

export default async function runOutputBench(): Promise<void> {
  const cs = chunks()
  const bytes = cs.reduce((n, c) => n + c.length, 0)
  let sink = 0
  const scan = bestMs(5, () => {
    for (const c of cs) sink += c.indexOf('\x1e')
  })
  const framed = bestMs(5, () => {
    const f = new RunOutputFilter()
    for (const c of cs) sink += f.push(c).text.length
  })
  const mbs = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0)
  console.log(`${(bytes / 1e6).toFixed(2)} MB of run output in ${cs.length} chunks`)
  console.log(`  marker-byte scan (baseline)   ${scan.toFixed(1)} ms  (${mbs(scan)} MB/s)`)
  console.log(`  readline framing + markers    ${framed.toFixed(1)} ms  (${mbs(framed)} MB/s) = ${(framed / scan).toFixed(0)}x the scan`)
  // Keeps the loops from being optimised away.
  if (sink === 0.5) console.log(sink)
}
