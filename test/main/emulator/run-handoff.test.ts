/**
 * run() called by the program itself (badgeware-api §2.4: "a program that calls it at import
 * time MUST work"): at an app's import or from a project main.py run verbatim. The loop must be
 * stepped from JS one frame per call (the wasm build reclaims memory only between calls), so an
 * app allocating garbage every frame keeps running instead of filling the heap.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { runHeadless, type HeadlessOptions } from '../../../src/main/emulator/headless'
import { makeProject } from './project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function run(files: Record<string, string>, o: Partial<HeadlessOptions> = {}) {
  const p = makeProject(files)
  cleanups.push(p.cleanup)
  return runHeadless({ projectDir: p.dir, stateDir: p.state, systemOverlays: [], ...o })
}

// 30 KB of garbage per frame: 120 frames make 3.6 MB, far beyond the 241 KB budget if the
// interpreter could not free it between frames.
const churn = ['n = [0]', 'def update():', '    n[0] += 1', '    junk = bytearray(30000)', '    if n[0] % 40 == 0:', '        print("F", n[0])']

describe('run() called by the program', () => {
  it('an app calling run(update) at import runs frame by frame without leaking', async () => {
    const app = ['from badgeware import run', 'print("IMPORT")', ...churn, 'run(update)'].join('\n')
    const r = await run({ 'apps/loop/__init__.py': app }, { app: 'loop', frames: 120 })
    expect(r.status, r.error?.text ?? r.output).toBe('ok')
    expect(r.frames).toBe(120)
    expect(r.output).toBe('IMPORT\nF 40\nF 80\nF 120\n')
  })

  it("main.py run verbatim gets run()'s return value and continues after it", async () => {
    const main = [
      'import machine',
      'from badgeware import run',
      'def menu():',
      '    return "/system/apps/game"',
      'path = run(menu)',
      'print("MAIN chose", path)',
      'app = __import__(path)',
      'if True:',
      '    run(app.update)',
      'print("MAIN back")',
      'machine.reset()',
    ].join('\n')
    const game = ['print("GAME start")', ...churn].join('\n')
    const r = await run({ 'main.py': main, 'apps/game/__init__.py': game }, { frames: 120 })
    expect(r.status, r.error?.text ?? r.output).toBe('ok')
    expect(r.output).toBe('MAIN chose /system/apps/game\nGAME start\nF 40\nF 80\nF 120\n')
  })

  it('main.py: the loop ends, the rest of main.py runs, then the badge reboots', async () => {
    const main = [
      'from badgeware import run',
      'import powman',
      'print("MAIN", powman.get_wake_reason())',
      'n = [0]',
      'def update():',
      '    n[0] += 1',
      '    if n[0] == 3:',
      '        return "done"',
      'r = run(update)',
      'print("MAIN after", r)',
    ].join('\n')
    const r = await run({ 'main.py': main }, { frames: 5 })
    expect(r.status, r.error?.text ?? r.output).toBe('ok')
    expect(r.output).toContain('MAIN 255\nMAIN after done\nMAIN 241\n')
  })

  it('an exception in an app that called run() at import is reported as an update error', async () => {
    const app = ['from badgeware import run', 'def update():', '    raise ValueError("boom")', 'run(update)'].join('\n')
    const r = await run({ 'apps/bad/__init__.py': app }, { app: 'bad', frames: 5 })
    expect(r.status).toBe('failed')
    expect(r.error?.phase).toBe('update')
    expect(r.error?.type).toBe('ValueError')
  })
})
