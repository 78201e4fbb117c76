/** `badge-ide emulate` end to end: PNGs at the requested frames, presses, failures exit 1. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decode } from 'fast-png'
import { afterEach, describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli-run'
import { makeProject } from '../main/emulator/project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const APP = [
  'from badgeware import screen, brushes, shapes, io',
  'n = 0',
  'def update():',
  '    global n',
  '    if io.BUTTON_A in io.pressed:',
  '        n += 1',
  '        print("A at", io.ticks)',
  '    screen.brush = brushes.color(0, 0, 255) if n else brushes.color(255, 255, 0)',
  '    screen.draw(shapes.rectangle(0, 0, 160, 120))',
].join('\n')

describe('badge-ide emulate', () => {
  it('runs headless, presses buttons on frames and saves screenshots', async () => {
    const p = makeProject({ 'apps/paint/__init__.py': APP })
    cleanups.push(p.cleanup)
    const shots = join(p.state, 'shots')
    const last = join(p.state, 'last.png')
    const r = await cli(['emulate', p.dir, '--app', 'paint', '--frames', '20', '--press', 'A@10-12', '--screenshots', shots, '--at', '1,15', '--screenshot', last, '--state', p.state])
    expect(r.code).toBe(0)
    expect(r.out).toBe('A at 150\n') // frame 10: floor(9*1000/60); held 10–12 fires once
    const f1 = decode(readFileSync(join(shots, 'frame-1.png')))
    const f15 = decode(readFileSync(join(shots, 'frame-15.png')))
    expect([f1.width, f1.height]).toEqual([160, 120])
    expect(Array.from(f1.data.slice(0, 4))).toEqual([255, 255, 0, 255])
    expect(Array.from(f15.data.slice(0, 4))).toEqual([0, 0, 255, 255])
    expect(existsSync(last)).toBe(true)
  })

  it('exits 1 with the traceback when the app fails', async () => {
    const p = makeProject({ 'apps/bad/__init__.py': 'def update():\n    return undefined_name\n' })
    cleanups.push(p.cleanup)
    const r = await cli(['emulate', p.dir, '--app', 'bad', '--frames', '5', '--state', p.state])
    expect(r.code).toBe(1)
    expect(r.err).toContain('File "/system/apps/bad/__init__.py", line 2, in update')
    expect(r.err).toContain("NameError: name 'undefined_name' isn't defined")
    const j = await cli(['emulate', p.dir, '--app', 'bad', '--frames', '5', '--state', p.state, '--json'])
    expect(j.code).toBe(1)
    expect(JSON.parse(j.out).error).toMatchObject({ code: 'EMULATOR_CRASHED', message: expect.stringContaining("NameError: name 'undefined_name' isn't defined") })
  })

  it('exits 1 when the app fails in its last frame (the error box is what it last drew)', async () => {
    const p = makeProject({ 'apps/last/__init__.py': 'n = 0\ndef update():\n    global n\n    n += 1\n    if n == 3:\n        raise ValueError("in the last frame")\n' })
    cleanups.push(p.cleanup)
    const r = await cli(['emulate', p.dir, '--app', 'last', '--frames', '3', '--state', p.state])
    expect(r.code).toBe(1)
    expect(r.err.match(/ValueError: in the last frame/g)).toHaveLength(1) // the traceback, once
  })

  it('names the size of a source too large for the badge instead of timing out', async () => {
    const p = makeProject({ 'apps/huge/__init__.py': '# filler\n'.repeat(600_000) + 'def update():\n    pass\n' })
    cleanups.push(p.cleanup)
    const r = await cli(['emulate', p.dir, '--app', 'huge', '--frames', '2', '--state', p.state])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/__init__\.py is \d+ KB: too large for the badge to compile/)
  })

  it('refuses bad options clearly', async () => {
    const p = makeProject({ 'apps/a/__init__.py': 'def update():\n    pass\n' })
    cleanups.push(p.cleanup)
    const r = await cli(['emulate', p.dir, '--press', 'Q@1'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/EMULATOR_BAD_OPTION.*unknown button "Q"/)
    const r2 = await cli(['emulate', p.dir, '--app', 'nope'])
    expect(r2.err).toContain('APP_NOT_FOUND')
  })
})
