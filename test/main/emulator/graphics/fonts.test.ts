import { describe, expect, it } from 'vitest'
import { encodePpf, FontFormatError, parsePpf } from '../../../../src/main/emulator/graphics/fonts/ppf'
import { encodeAf, parseAf, type AfGlyph } from '../../../../src/main/emulator/graphics/fonts/af'
import { defaultFont } from '../../../../src/main/emulator/graphics/fonts/default-font'
import { createSurface, type Surface } from '../../../../src/main/emulator/graphics/surface'
import { drawPixelText, drawVectorText, measurePixelText, measureVectorText, messageBytes } from '../../../../src/main/emulator/graphics/text'

// Test font: cell 7 × 3 (space advance 7 // 3 = 2), glyphs:
//   'A' (width 2): ## / #. / ##      'B' (width 1): # / . / #
//   0xC2 and 0xA3 (the UTF-8 bytes of '£') width 1, full column; U+2603 (unreachable)
const FONT = parsePpf(
  encodePpf('Test 3', 7, 3, [
    { codepoint: 32, rows: [], width: 0 },
    { codepoint: 65, rows: ['##', '#.', '##'] },
    { codepoint: 66, rows: ['#', '.', '#'] },
    { codepoint: 0xc2, rows: ['#', '#', '#'] },
    { codepoint: 0xa3, rows: ['#', '#', '#'] },
    { codepoint: 0x2603, rows: ['###', '###', '###'] },
  ]),
)
const ink = (s: Surface): string[] =>
  Array.from({ length: s.height }, (_, y) => Array.from({ length: s.width }, (_, x) => (s.data[s.index(x, y) + 3] ? '#' : '.')).join(''))
function draw(msg: string, x: number, y: number, w = 12, h = 4): Surface {
  const s = createSurface(w, h)
  drawPixelText(s, FONT, messageBytes(msg), x, y)
  return s
}

describe('.ppf parsing (§10.1)', () => {
  it('reads the header, name up to NUL, table and bitmaps', () => {
    expect([FONT.name, FONT.cellWidth, FONT.cellHeight, FONT.codepoints.length]).toEqual(['Test 3', 7, 3, 6])
    expect([...FONT.codepoints]).toEqual([32, 65, 66, 0xa3, 0xc2, 0x2603])
    expect(FONT.byByte[65]).toBe(1)
    expect(FONT.byByte[0x26]).toBe(-1)
  })
  it.each([
    ['wrong magic', Uint8Array.from([0x50, 0x50, 0x46, 0x21, ...new Array(60).fill(0)]), 'failed to load font, missing PPF header'],
    ['empty file', new Uint8Array(0), 'failed to load font, missing PPF header'],
    ['truncated header', Uint8Array.from([0x70, 0x70, 0x66, 0x21, 0, 0]), 'truncated'],
    ['truncated bitmaps', encodePpf('x', 8, 8, [{ codepoint: 65, rows: ['#'] }]).subarray(0, 59), 'truncated'],
    ['absurd glyph count', (() => { const b = encodePpf('x', 8, 8, []); b[6] = 0xff; return b })(), 'truncated'],
  ])('%s → FontFormatError', (_n, bytes, msg) => {
    expect(() => parsePpf(bytes)).toThrow(FontFormatError)
    expect(() => parsePpf(bytes)).toThrow(msg)
  })
})

describe('bitmap text (§9.2, §9.3)', () => {
  it.each([
    ['A', 3], ['A ', 3], [' A', 5], ['A A', 8], ['', 0], ['   ', 0], ['AZ', 3], ['Z', 0], ['A\nB', 5],
    ['£', 4], // bytes C2 A3: (1+1) + (1+1)
    ['\u2603', 0], // three bytes, none a glyph; U+2603 itself unreachable
  ])('measure %j = %i', (msg, w) => expect(measurePixelText(FONT, messageBytes(msg))).toBe(w))

  it('draws glyph bits with advance width+1, spaces CW//3, missing glyphs skipped with no advance', () => {
    // A at 0 (pen → 3), Z missing (no advance), B at 3 (pen → 5), space (pen → 7), A at 7
    expect(ink(draw('AZB A', 0, 0))).toEqual(['##.#...##...', '#......#....', '##.#...##...', '............'])
  })
  it('positions are truncated', () => {
    expect(ink(draw('B', 1.9, 0.7))).toEqual(ink(draw('B', 1, 0)))
  })
  it('top-edge quirk: text at y = −1 is text at y = 0 with its bottom row cut', () => {
    const at0 = ink(draw('A', 0, 0))
    expect(ink(draw('A', 0, -1))).toEqual([at0[0], at0[1], '............', '............'])
  })
  it('left, right and bottom clipping are ordinary', () => {
    expect(ink(draw('AB', -1, 2))[2]).toBe('#.#.........')
    expect(ink(draw('A', 11, 0))[0]).toBe('...........#')
  })
  it('early-out uses the measured box: entirely off-screen text draws nothing', () => {
    expect(ink(draw('A', -3, 0)).join('')).not.toContain('#')
    expect(ink(draw('A', 0, 4)).join('')).not.toContain('#')
  })
  it('only colour brushes paint glyphs', () => {
    const s = createSurface(4, 3)
    s.brush = { kind: 'xor', r: 255, g: 255, b: 255 }
    drawPixelText(s, FONT, messageBytes('A'), 0, 0)
    s.brush = { kind: 'brighten', amount: 99 }
    drawPixelText(s, FONT, messageBytes('A'), 0, 0)
    expect(s.data.every((v) => v === 0)).toBe(true)
  })
  it('glyph pixels use rule Q (brush alpha applies, no antialiasing)', () => {
    const s = createSurface(2, 3)
    s.antialias = 4
    s.brush = { kind: 'color', r: 200, g: 100, b: 0, a: 128 }
    drawPixelText(s, FONT, messageBytes('B'), 0, 0)
    expect([...s.data.subarray(0, 4)]).toEqual([100, 50, 0, 255]) // (200·128)>>8, (100·128)>>8
  })
  it('the built-in font covers printable ASCII with a glyph per byte', () => {
    const f = defaultFont()
    for (let b = 33; b < 127; b++) expect(f.byByte[b], String.fromCharCode(b)).toBeGreaterThanOrEqual(0)
    expect(f.widths[f.byByte[32]]).toBe(0)
    expect(measurePixelText(f, messageBytes('Hi'))).toBe(5 + 1 + 1 + 1)
  })
})

describe('.af vector fonts (§10.2, §9.4)', () => {
  const square: AfGlyph = { codepoint: 65, bx: 0, by: 0, bw: 64, bh: 64, advance: 80, paths: [Float32Array.of(0, -64, 64, -64, 64, 0, 0, 0)] }
  const neg: AfGlyph = { codepoint: 66, bx: 0, by: 0, bw: 0, bh: 0, advance: -56, paths: [] }
  const bytes = encodeAf([square, neg])
  it('round-trips records, signed advances and points', () => {
    const f = parseAf(bytes)
    expect(f.glyphs).toHaveLength(2)
    expect(f.byByte[65]?.advance).toBe(80)
    expect(f.byByte[66]?.advance).toBe(-56) // stored byte 200 acts as −56
    expect([...f.byByte[65]!.paths[0]]).toEqual([0, -64, 64, -64, 64, 0, 0, 0])
  })
  it('uses u16 point counts when flag bit 0 is set', () => {
    const big: AfGlyph = { ...square, paths: [Float32Array.from({ length: 600 }, (_, i) => (i % 2 ? -(i % 100) : i % 120))] }
    const f = parseAf(encodeAf([big]))
    expect(f.glyphs[0].paths[0].length).toBe(600)
  })
  it('measure = (sum of advances + 1) × size/128', () => {
    const f = parseAf(bytes)
    expect(measureVectorText(f, messageBytes('AAB?'), 128)).toBe(80 + 80 - 56 + 1)
    expect(measureVectorText(f, messageBytes('A'), 64)).toBe(40.5)
  })
  it('draws the outline scaled by size/128 with its baseline at y + size', () => {
    const s = createSurface(20, 20)
    drawVectorText(s, parseAf(bytes), messageBytes('A'), 2, 0, 16)
    // square 64 units = 8 px, from x 2..10, y (0+16−8)..16
    const rows = ink(s)
    expect(rows[8]).toBe('..########..........')
    expect(rows[7]).toBe('....................')
    expect(rows[15]).toBe('..########..........')
    expect(rows[16]).toBe('....................')
  })
  it.each([
    ['wrong magic', Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]), 'missing AF header'],
    ['truncated records', bytes.subarray(0, 15), 'truncated'],
    ['truncated points', bytes.subarray(0, bytes.length - 1), 'truncated'],
    ['header only', bytes.subarray(0, 6), 'truncated'],
  ])('%s → FontFormatError', (_n, b, msg) => {
    expect(() => parseAf(b)).toThrow(FontFormatError)
    expect(() => parseAf(b)).toThrow(msg)
  })
})
