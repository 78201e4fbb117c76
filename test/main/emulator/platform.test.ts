/**
 * badgeware's platform set-up and the per-frame bookkeeping of the JS-driven loop: the default
 * font (badgeware-api §9.5), and the memory budget measured as the device would (garbage the
 * interpreter has not collected yet never trips it).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { encodePpf } from '../../../src/main/emulator/graphics/fonts/ppf'
import { defaultFontGlyphs } from '../../../src/main/emulator/graphics/fonts/default-font'
import { runHeadless, type HeadlessOptions } from '../../../src/main/emulator/headless'
import { makeProject } from './project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function run(files: Record<string, string | Uint8Array>, o: Partial<HeadlessOptions> = {}) {
  const p = makeProject(files)
  cleanups.push(p.cleanup)
  return runHeadless({ projectDir: p.dir, stateDir: p.state, systemOverlays: [], ...o })
}

const fontApp = 'from badgeware import screen\nprint("FONT", screen.font.name, screen.font.height)\ndef update():\n    pass\n'

describe('default font (§9.5)', () => {
  it('is /system/assets/fonts/sins.ppf when the badge has it', async () => {
    const sins = encodePpf('sins', 8, 11, defaultFontGlyphs())
    const r = await run({ 'apps/f/__init__.py': fontApp, 'assets/fonts/sins.ppf': sins }, { app: 'f', frames: 1 })
    expect(r.status, r.error?.text).toBe('ok')
    expect(r.output).toContain('FONT sins 11\n')
  })

  it('falls back to the built-in font without it, or when the file is not a font', async () => {
    const none = await run({ 'apps/f/__init__.py': fontApp }, { app: 'f', frames: 1 })
    const bad = await run({ 'apps/f/__init__.py': fontApp, 'assets/fonts/sins.ppf': 'not a font' }, { app: 'f', frames: 1 })
    for (const r of [none, bad]) {
      expect(r.status, r.error?.text).toBe('ok')
      expect(r.output).toMatch(/^FONT .+ \d+\n/)
      expect(r.output).not.toContain('FONT sins')
    }
  })

  it('is not counted against the app heap budget', async () => {
    const sins = encodePpf('sins', 8, 11, defaultFontGlyphs())
    let withFont = 0
    let without = 0
    await run({ 'apps/f/__init__.py': fontApp, 'assets/fonts/sins.ppf': sins }, { app: 'f', frames: 4, capture: [4], onMessage: (m) => { if (m.type === 'frame') withFont = m.memUsed } })
    await run({ 'apps/f/__init__.py': fontApp }, { app: 'f', frames: 4, capture: [4], onMessage: (m) => { if (m.type === 'frame') without = m.memUsed } })
    expect(withFont).toBeGreaterThan(0)
    expect(Math.abs(withFont - without)).toBeLessThan(sins.length / 2)
  })
})

describe('memory budget', () => {
  it('garbage from earlier frames never trips it; live data over it does', async () => {
    // ~186 KB live plus 2 KB of garbage a frame under a 197 KB budget: the heap holds a few
    // frames of uncollected garbage (the build collects after about every 16 KB allocated, not
    // every frame as the device), which must not count: the budget is measured as the device
    // would, after a collection.
    const near = 'keep = bytearray(186000)\ndef update():\n    junk = bytearray(2000)\n'
    const ok = await run({ 'apps/near/__init__.py': near }, { app: 'near', frames: 60, memoryBudget: 197_000 })
    expect(ok.status, ok.error?.text).toBe('ok')
    const grow = 'keep = [bytearray(186000)]\ndef update():\n    keep.append(bytearray(2000))\n'
    const over = await run({ 'apps/grow/__init__.py': grow }, { app: 'grow', frames: 60, memoryBudget: 197_000 })
    expect(over.status).toBe('memory')
    expect(over.error?.type).toBe('MemoryError')
    expect(over.frames).toBeLessThan(12)
  })
})

describe('gc as an app sees it', () => {
  it('mem_free() and mem_alloc() are the badge heap, with images counted', async () => {
    const app = [
      'import gc, badgeware',
      'from badgeware import Image',
      'gc.collect()',
      'a0, f0 = gc.mem_alloc(), gc.mem_free()',
      'buf = bytearray(40000)',
      'img = Image(0, 0, 60, 60)',
      'gc.collect()',
      'a1, f1 = gc.mem_alloc(), gc.mem_free()',
      'print("GC", a0 + f0, f0 - f1, a1 - a0, badgeware.free())',
      'def update():',
      '    pass',
    ].join('\n')
    const r = await run({ 'apps/m/__init__.py': app }, { app: 'm', frames: 1 })
    expect(r.status, r.error?.text).toBe('ok')
    const [total, freed, grew, free] = /GC (\d+) (-?\d+) (-?\d+) (\d+)/.exec(r.output)!.slice(1).map(Number)
    // The badge's heap (within what the two calls themselves allocate), not the WebAssembly build's ~130 MB.
    expect(Math.abs(total - 246912)).toBeLessThan(256)
    // 40 KB of bytes plus a 60×60 RGBA image (14.4 KB) are gone from what is free.
    expect(freed).toBeGreaterThan(40000 + 14400)
    expect(freed).toBeLessThan(40000 + 14400 + 8000)
    expect(Math.abs(grew - freed)).toBeLessThan(256)
    expect(free).toBeLessThan(246912 - 54400)
  })
})
