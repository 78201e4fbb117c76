/**
 * Live diagnostics: how much of the 300 ms after the last keystroke a check takes. The syntax check
 * (the badge's compiler in its worker, one round trip) and the badgeware checks (in the window) on an
 * app-sized file and a 64 KB one, against the bare round trip to the worker (an empty source) measured
 * in the same run; plus what a fresh interpreter costs when one takes over.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CheckService } from '../src/main/services/check/check-service'
import { SyntaxChecker } from '../src/main/services/check/syntax-checker'
import { checkBadgeware } from '../src/shared/check/badgeware-check'
import { CHECK_DELAY_MS } from '../src/shared/check/diagnostics'

async function median(runs: number, f: () => unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await f()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export default async function bench(): Promise<void> {
  const app = readFileSync(path.resolve(__dirname, '../examples/graphics-tour/apps/shapes/__init__.py'), 'utf8')
  const big = app.repeat(Math.ceil((64 * 1024) / app.length))
  const service = new CheckService()
  try {
    const api = service.api()
    await service.syntax('warm.py', app)
    const empty = await median(31, () => service.syntax('e.py', ''))
    const rows: Array<[string, string]> = [['app', app], ['64 KB', big]]
    console.log(`worker round trip, empty source (baseline)   ${empty.toFixed(2)} ms`)
    for (const [name, text] of rows) {
      const syntax = await median(31, () => service.syntax('a.py', text))
      const badgeware = await median(31, () => checkBadgeware(text, { path: 'a.py', api }))
      const total = CHECK_DELAY_MS + syntax + badgeware
      console.log(
        `${name.padEnd(6)} (${(text.length / 1024).toFixed(1)} KB): compile ${syntax.toFixed(2)} ms = ${(syntax / empty).toFixed(1)}x baseline, ` +
          `badgeware ${badgeware.toFixed(2)} ms; ${CHECK_DELAY_MS} ms delay + both = ${total.toFixed(0)} ms of the 300 ms budget`,
      )
    }
    const fresh = await median(3, async () => {
      const c = new SyntaxChecker()
      await c.compile('a.py', app)
      await c.dispose()
    })
    console.log(`a fresh interpreter (every 100 compiles)     ${fresh.toFixed(0)} ms = ${(fresh / empty).toFixed(0)}x baseline`)
  } finally {
    await service.dispose()
  }
}
