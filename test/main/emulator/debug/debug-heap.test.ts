/**
 * The debugger's hooks are the emulator's bytes, not the app's: an instrumented run reports the
 * same badge heap use as a plain one (the hooks of a 400-line app weigh several KB).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DebugSession } from '../../../../src/main/emulator/debug-session'
import { runHeadless } from '../../../../src/main/emulator/headless'
import { makeProject } from '../project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

// 400 statement lines in 20 functions, each with a few locals.
const lines = ['from badgeware import screen, brushes, shapes']
for (let f = 0; f < 20; f++) {
  lines.push(`def f${f}(a, b):`, '    c = a + b')
  for (let i = 0; i < 18; i++) lines.push(`    c = c * ${i + 2} % 97 + a - b`)
  lines.push('    return c')
}
lines.push('def update():', '    t = 0', ...Array.from({ length: 20 }, (_, f) => `    t += f${f}(t, ${f})`), '    screen.draw(shapes.rectangle(0, 0, t % 160, 4))')
const APP = lines.join('\n')

async function heapUsed(debug?: DebugSession): Promise<number> {
  const p = makeProject({ 'apps/big/__init__.py': APP })
  cleanups.push(p.cleanup)
  let mem = 0
  const r = await runHeadless({ projectDir: p.dir, stateDir: p.state, app: 'big', frames: 8, capture: [8], systemOverlays: [], ...(debug ? { debug } : {}), onMessage: (m) => { if (m.type === 'frame') mem = m.memUsed } })
  expect(r.status, r.error?.text).toBe('ok')
  return mem
}

describe('instrumented heap', () => {
  it('counts the same badge heap as the plain run', async () => {
    const plain = await heapUsed()
    const instrumented = await heapUsed(new DebugSession())
    expect(plain).toBeGreaterThan(5_000)
    expect(Math.abs(instrumented - plain)).toBeLessThan(1024)
  })
})
