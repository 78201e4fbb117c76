/** `badge-ide emulate --break FILE:LINE --print-locals`: the debugger's machinery without a window. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { formatStop, parseBreak } from '../../src/cli/commands/emulate'
import { cli } from '../helpers/cli-run'
import { makeProject } from '../main/emulator/project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

const APP = [
  'from badgeware import screen, brushes, shapes, io',
  'n = 0',
  '',
  'def bar(k):',
  '    w = k * 10',
  '    # the width',
  '    return w',
  '',
  'def update():',
  '    global n',
  '    n += 1',
  '    h = bar(n)',
  '    screen.draw(shapes.rectangle(0, 0, h, 10))',
].join('\n')

function project(): string {
  const p = makeProject({ 'apps/dbg/__init__.py': APP })
  cleanups.push(p.cleanup)
  return p.dir
}

describe('badge-ide emulate --break', () => {
  it('prints the locals each time the line is reached, frame by frame', async () => {
    const r = await cli(['emulate', project(), '--app', 'dbg', '--frames', '3', '-q', '--break', 'apps/dbg/__init__.py:7', '--print-locals'])
    expect(r.code).toBe(0)
    expect(r.out.trim().split('\n')).toEqual([
      'break apps/dbg/__init__.py:7 in bar (frame 1): k = 1, w = 10',
      'break apps/dbg/__init__.py:7 in bar (frame 2): k = 2, w = 20',
      'break apps/dbg/__init__.py:7 in bar (frame 3): k = 3, w = 30',
    ])
  })

  it('a condition limits the stops; a line without a statement moves to the next one', async () => {
    const r = await cli(['emulate', project(), '--app', 'dbg', '--frames', '4', '-q', '--break', 'apps/dbg/__init__.py:6 if k > 2', '--print-locals'])
    expect(r.code).toBe(0)
    expect(r.out.trim().split('\n')).toEqual([
      'break apps/dbg/__init__.py:7 in bar (frame 3): k = 3, w = 30',
      'break apps/dbg/__init__.py:7 in bar (frame 4): k = 4, w = 40',
    ])
  })

  it('a run with stops draws exactly what a run without them draws (the clock does not see pauses)', async () => {
    const dir = project()
    const plain = join(dir, 'plain.png')
    const stopped = join(dir, 'stopped.png')
    expect((await cli(['emulate', dir, '--app', 'dbg', '--frames', '5', '-q', '--screenshot', plain])).code).toBe(0)
    const r = await cli(['emulate', dir, '--app', 'dbg', '--frames', '5', '-q', '--screenshot', stopped, '--break', 'apps/dbg/__init__.py:12'])
    expect(r.out.trim().split('\n')).toHaveLength(5)
    expect(readFileSync(stopped).equals(readFileSync(plain))).toBe(true)
  })

  it('refuses a file outside the project and a malformed spec', async () => {
    const dir = project()
    const missing = await cli(['emulate', dir, '--app', 'dbg', '--break', 'apps/nope.py:3'])
    expect(missing.code).not.toBe(0)
    expect(missing.err).toMatch(/apps\/nope\.py is not in the project/)
    expect(() => parseBreak('apps/dbg/__init__.py')).toThrow(/FILE:LINE/)
    expect(parseBreak('./apps/a.py:12 if x > 3')).toEqual({ file: 'apps/a.py', line: 12, condition: 'x > 3' })
  })

  it('formats a module-level stop with the globals', () => {
    const line = formatStop(
      {
        reason: 'breakpoint',
        file: 'main.py',
        line: 2,
        frame: 0,
        stack: [{ file: 'main.py', line: 2, fn: '<module>' }],
        locals: [],
        globals: [{ name: 'x', kind: 'int', value: '1', ref: 0 }],
        watches: [],
      },
      true,
    )
    expect(line).toBe('break main.py:2 in <module> (frame 1): x = 1\n')
  })
})
