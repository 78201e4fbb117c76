import { describe, expect, it } from 'vitest'
import { parseMemMarker, showablePrefix, splitMarkers } from '../../../src/shared/stats/run-marker'

describe('run markers', () => {
  it('parses memory markers', () => {
    expect(parseMemMarker('mem 100 200')).toEqual({ free: 100, used: 200, total: 300 })
    expect(parseMemMarker('mem x')).toBeUndefined()
  })
  it('splits a complete line into text and payloads, taking the line break of a marker with it', () => {
    expect(splitMarkers('a\x1ebide:mem 1 2\x1f\r\n')).toEqual({ text: 'a', markers: ['mem 1 2'] })
    expect(splitMarkers('a\x1eother\x1f\n')).toEqual({ text: 'a\x1eother\x1f\n', markers: [] })
  })
  it('shows an incomplete line up to where a marker might start', () => {
    expect(showablePrefix('prompt> ')).toBe('prompt> ')
    expect(showablePrefix('p\x1eb')).toBe('p')
    expect(showablePrefix('p\x1ebide:mem 1\x1f more')).toBe('p')
    expect(showablePrefix('p\x1ebx')).toBe('p\x1ebx')
  })
})
