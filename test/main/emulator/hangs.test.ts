/**
 * Nothing hangs: a loop that never returns, at import or in update(), is ended by the watchdog
 * (here shortened from its 5 s default), and running out of memory is a Python MemoryError the
 * app can catch, not a dead interpreter.
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

describe('no hangs', () => {
  it('a loop at import time is stopped by the watchdog', async () => {
    const r = await run({ 'apps/spin/__init__.py': 'print("START")\nwhile True:\n    pass\ndef update():\n    pass\n' }, { app: 'spin', frames: 3, watchdogMs: 1000 })
    expect(r.status).toBe('watchdog')
    expect(r.frames).toBe(0)
    expect(r.output).toContain('START')
  })

  it('a loop calling run() at import that never presents is stopped by the watchdog too', async () => {
    const app = 'from badgeware import run\ndef update():\n    while True:\n        pass\nrun(update)\n'
    const r = await run({ 'apps/spin/__init__.py': app }, { app: 'spin', frames: 3, watchdogMs: 1000 })
    expect(r.status).toBe('watchdog')
  })

  it('MemoryError is catchable', async () => {
    const app = [
      'from badgeware import Image',
      'try:',
      '    big = bytearray(1 << 30)',
      'except MemoryError:',
      '    print("CAUGHT heap")',
      'try:',
      '    img = Image(0, 0, 32767, 32767)',
      'except MemoryError:',
      '    print("CAUGHT image")',
      'def update():',
      '    pass',
    ].join('\n')
    const r = await run({ 'apps/mem/__init__.py': app }, { app: 'mem', frames: 2 })
    expect(r.status, r.error?.text).toBe('ok')
    expect(r.output).toBe('CAUGHT heap\nCAUGHT image\n')
  })
})
