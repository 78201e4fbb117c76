import { describe, expect, it } from 'vitest'
import { RunOutputFilter } from '../../../../src/main/services/deploy/run-output'

/** Feeds every chunk; returns what was shown (chunk by chunk) and the markers. */
function feed(chunks: string[]): { shown: string[]; markers: string[]; tail: string } {
  const f = new RunOutputFilter()
  const shown: string[] = []
  const markers: string[] = []
  for (const c of chunks) {
    const r = f.push(c)
    shown.push(r.text)
    markers.push(...r.markers)
  }
  const end = f.end()
  markers.push(...end.markers)
  return { shown, markers, tail: end.text }
}

describe('RunOutputFilter', () => {
  it('removes marker lines, keeps the app output byte for byte', () => {
    expect(feed(['hello\n\x1ebide:mem 100 200\x1f\r\nworld\r\n'])).toEqual({ shown: ['hello\nworld\r\n'], markers: ['mem 100 200'], tail: '' })
  })

  it('shows a line without a newline at once (an input() prompt)', () => {
    const r = feed(['Name? ', 'still typing', '\n'])
    expect(r.shown).toEqual(['Name? ', 'still typing', '\n'])
  })

  it('eats the line break of a marker that arrives in a later chunk', () => {
    const r = feed(['no newline\x1ebide:mem 1 2\x1f', '\r', '\nnext\n'])
    expect(r.shown).toEqual(['no newline', '', 'next\n'])
    expect(r.markers).toEqual(['mem 1 2'])
  })

  it('joins markers split across chunks and holds only the marker back', () => {
    const r = feed(['ab\x1ebi', 'de:mem 1 2', '\x1f\ncd'])
    expect(r.shown).toEqual(['ab', '', 'cd'])
    expect(r.markers).toEqual(['mem 1 2'])
  })

  it('passes through a record separator that is not ours', () => {
    expect(feed(['x\x1eother\x1fy']).shown).toEqual(['x\x1eother\x1fy'])
    expect(feed(['x\x1ezzz']).shown).toEqual(['x\x1ezzz'])
    const long = feed(['\x1ebide:' + 'y'.repeat(201), '\x1f\n'])
    expect(long.shown.join('')).toBe('\x1ebide:' + 'y'.repeat(201) + '\x1f\n')
    expect(long.markers).toEqual([])
  })

  it('gives an unfinished marker back as text at the end, a finished one as a marker', () => {
    expect(feed(['x\x1ebid'])).toEqual({ shown: ['x'], markers: [], tail: '\x1ebid' })
    expect(feed(['x\x1ebide:mem 3 4\x1f'])).toEqual({ shown: ['x'], markers: ['mem 3 4'], tail: '' })
  })

  it('keeps nothing of a line that never ends once it is shown (a status line redrawn with \\r)', () => {
    const f = new RunOutputFilter()
    let shown = ''
    for (let i = 0; i < 2000; i++) shown += f.push(`\rframe ${i}`).text
    expect(shown).toBe(Array.from({ length: 2000 }, (_, i) => `\rframe ${i}`).join(''))
    expect(f.buffered).toBeLessThan(4096 + 20)
    // A marker that starts now is still held and framed with the rest of its line.
    const r = f.push(' \x1ebide:mem 5 6')
    expect(r.text).toBe(' ')
    expect(f.buffered).toBeLessThan(4096 + 40)
    expect(f.push('\x1f\r\nnext\n')).toEqual({ text: 'next\n', markers: ['mem 5 6'] })
  })

  it('keeps multi-byte text whole across lines', () => {
    expect(feed(['grüße\n€', ' ✓\n']).shown).toEqual(['grüße\n€', ' ✓\n'])
  })
})
