import { describe, expect, it } from 'vitest'
import { RunMarkerFilter, parseMemMarker } from '../../../src/shared/stats/run-marker'

describe('RunMarkerFilter', () => {
  it('removes marker lines, keeps the app output byte for byte', () => {
    const f = new RunMarkerFilter()
    expect(f.push('hello\n\x1ebide:mem 100 200\x1f\r\nworld\n')).toEqual({ text: 'hello\nworld\n', markers: ['mem 100 200'] })
    const g = new RunMarkerFilter()
    expect(g.push('no newline\x1ebide:mem 1 2\x1f').text).toBe('no newline')
    expect(g.push('\r').text).toBe('')
    expect(g.push('\nnext\n').text).toBe('next\n')
  })
  it('joins markers split across chunks', () => {
    const f = new RunMarkerFilter()
    const a = f.push('ab\x1ebi')
    const b = f.push('de:mem 1 2')
    const c = f.push('\x1fcd')
    expect(a.text + b.text + c.text).toBe('abcd')
    expect([...a.markers, ...b.markers, ...c.markers]).toEqual(['mem 1 2'])
  })
  it('passes through a record separator that is not ours', () => {
    const f = new RunMarkerFilter()
    const r = f.push('x\x1eother\x1fy')
    expect(r.text).toBe('x\x1eother\x1fy')
    const g = new RunMarkerFilter()
    expect(g.push('x\x1ezzz').text).toBe('x\x1ezzz')
    const h = new RunMarkerFilter()
    expect(h.push('x\x1ebid').text).toBe('x')
    expect(h.end()).toBe('\x1ebid')
  })
  it('parses memory markers', () => {
    expect(parseMemMarker('mem 100 200')).toEqual({ free: 100, used: 200, total: 300 })
    expect(parseMemMarker('mem x')).toBeUndefined()
  })
})
