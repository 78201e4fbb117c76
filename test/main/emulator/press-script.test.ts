import { describe, expect, it } from 'vitest'
import { parseButton, parseFrameList, parsePressScript } from '../../../src/main/emulator/press-script'
import { exceptionType, parseTraceback, projectPathOf } from '../../../src/main/emulator/traceback'
import { innermostProjectFrame } from '../../../src/shared/traceback'

describe('press script', () => {
  it('holds buttons over frame ranges and combines them', () => {
    expect(parsePressScript('B@60-62,A@90,a@61')).toEqual({ 60: 8, 61: 8 | 16, 62: 8, 90: 16 })
  })
  it.each(['A', 'A@', 'Q@3', 'A@0', 'A@5-3', 'A@x'])('rejects %j with a message', (bad) => {
    expect(() => parsePressScript(bad)).toThrow(/press item|unknown button|frame range/)
  })
  it('parses frame lists sorted and unique', () => {
    expect(parseFrameList('30,1,120,30')).toEqual([1, 30, 120])
    expect(() => parseFrameList('0')).toThrow(/frames start at 1/)
  })
  it('names buttons case-insensitively', () => {
    expect(parseButton('home')).toBe('HOME')
    expect(() => parseButton('X')).toThrow(/use HOME, A, B, C, UP, DOWN/)
  })
})

describe('traceback', () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "/.frozen/badgeware.py", line 50, in run',
    '  File "/system/apps/demo/__init__.py", line 7, in update',
    '  File "/system/apps/demo/util.py", line 3, in helper',
    'ZeroDivisionError: divide by zero',
  ].join('\n')

  it('maps /system files to project paths and keeps the rest unmapped', () => {
    const frames = parseTraceback(text)
    expect(frames.map((f) => [f.file, f.line, f.fn])).toEqual([
      [null, 50, 'run'],
      ['apps/demo/__init__.py', 7, 'update'],
      ['apps/demo/util.py', 3, 'helper'],
    ])
    expect(innermostProjectFrame(frames)?.file).toBe('apps/demo/util.py')
    expect(exceptionType(text)).toBe('ZeroDivisionError')
  })
  it('refuses paths that would leave the project', () => {
    expect(projectPathOf('/system/../etc/x.py')).toBeNull()
    expect(projectPathOf('/main.py')).toBeNull()
  })
})
