import { describe, expect, it } from 'vitest'
import { LineSplitter, MAX_SERIES, parsePlotLine } from '../../src/renderer/src/lib/plot-lines'

describe('parsePlotLine', () => {
  it('reads numbers separated by commas, spaces, tabs or semicolons, and tuples', () => {
    expect(parsePlotLine('1, 2.5, -3')).toEqual({ kind: 'sample', values: [1, 2.5, -3] })
    expect(parsePlotLine('  4 5\t6 ')).toEqual({ kind: 'sample', values: [4, 5, 6] })
    expect(parsePlotLine('(7, 8)')).toEqual({ kind: 'sample', values: [7, 8] })
    expect(parsePlotLine('1e3;.5;+2')).toEqual({ kind: 'sample', values: [1000, 0.5, 2] })
    expect(parsePlotLine('42')).toEqual({ kind: 'sample', values: [42] })
  })
  it('reads name:value and name=value pairs, which name the series', () => {
    expect(parsePlotLine('temp: 21.5 light=300')).toEqual({ kind: 'sample', values: [21.5, 300], names: ['temp', 'light'] })
    expect(parsePlotLine('x:1, y:-2')).toEqual({ kind: 'sample', values: [1, -2], names: ['x', 'y'] })
  })
  it('reads a line of names (a header)', () => {
    expect(parsePlotLine('temp, light')).toEqual({ kind: 'names', names: ['temp', 'light'] })
    expect(parsePlotLine('sin cos')).toEqual({ kind: 'names', names: ['sin', 'cos'], loose: true })
    expect(parsePlotLine('ready')).toBeNull()
  })
  it('is not fooled by other output: text, tracebacks, prompts, dates, half pairs', () => {
    for (const line of ['hello, world!', 'Traceback (most recent call last):', '>>> 1+1', '  File "main.py", line 3, in <module>', '2026-12-07', 'x: 1 extra', 'x: abc', '1, 2, three', '', '   ', 'nan', '0x10'])
      expect(parsePlotLine(line), line).toBeNull()
  })
  it(`keeps at most ${MAX_SERIES} series`, () => {
    const r = parsePlotLine(Array.from({ length: 12 }, (_, i) => i).join(','))
    expect(r).toEqual({ kind: 'sample', values: [0, 1, 2, 3, 4, 5, 6, 7] })
  })
})

describe('LineSplitter', () => {
  it('gives whole lines only, joining a line split across chunks', () => {
    const s = new LineSplitter()
    expect(s.push('1, 2\r\n3,')).toEqual(['1, 2'])
    expect(s.push(' 4\n5')).toEqual(['3, 4'])
    expect(s.push('\n')).toEqual(['5'])
    s.push('partial')
    s.reset()
    expect(s.push('6\n')).toEqual(['6'])
  })
})
