import { describe, expect, it } from 'vitest'
import { LineFramer } from '../../../../src/main/services/device/line-framer'

describe('LineFramer', () => {
  it('returns completed lines with their line breaks, in order, in the same call', () => {
    const f = new LineFramer()
    expect(f.push('a\r\nb')).toEqual(['a\r\n'])
    expect(f.pending).toBe('b')
    expect(f.push('c\n\nd\n')).toEqual(['bc\n', '\n', 'd\n'])
    expect(f.pending).toBe('')
  })
  it('frames many lines from one chunk (more than the stream buffers by default)', () => {
    const f = new LineFramer()
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}\n`)
    expect(f.push(text.join(''))).toEqual(text)
    expect(f.push('next\n')).toEqual(['next\n'])
  })
  it('forgets a used incomplete line; its rest comes back alone', () => {
    const f = new LineFramer()
    f.push('prompt> ')
    f.discardPending()
    expect(f.pending).toBe('')
    expect(f.push('typed\n')).toEqual(['typed\n'])
  })
  it('gives the incomplete last line at the end', () => {
    const f = new LineFramer()
    f.push('x\nhalf')
    expect(f.end()).toBe('half')
  })
})
