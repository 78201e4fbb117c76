/**
 * The `.ppf` bitmap font format (API spec §10.1): parser and a writer (used for the built-in
 * font and by tests).
 */

/** A parsed bitmap font. */
export interface PixelFontData {
  /** Name field up to the first NUL. */
  name: string
  /** Cell width CW (row stride source, space advance CW // 3). */
  cellWidth: number
  /** Cell height CH. */
  cellHeight: number
  /** Codepoints in table order (ascending). */
  codepoints: Uint32Array
  /** Glyph widths in table order. */
  widths: Uint16Array
  /** All bitmaps, S = ceil(CW/8)·CH bytes each, in table order. */
  bitmaps: Uint8Array
  /** Byte → glyph index (−1 when no glyph has that codepoint). */
  byByte: Int16Array
  /** Device bytes this font would hold (§17). */
  deviceBytes: number
}

/** Error raised for malformed font files; `message` is shown to the Python program. */
export class FontFormatError extends Error {}

const td = new TextDecoder('latin1')

/** Parses a `.ppf` file. Throws FontFormatError on a bad magic or a truncated/oversized file. */
export function parsePpf(buf: Uint8Array): PixelFontData {
  if (buf.length < 4 || buf[0] !== 0x70 || buf[1] !== 0x70 || buf[2] !== 0x66 || buf[3] !== 0x21)
    throw new FontFormatError('failed to load font, missing PPF header')
  if (buf.length < 46) throw new FontFormatError('failed to load font, truncated PPF header')
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const n = dv.getUint32(6)
  const cw = dv.getUint16(10)
  const ch = dv.getUint16(12)
  const stride = Math.ceil(cw / 8)
  const s = stride * ch
  const need = 46 + 6 * n + n * s
  if (n > 65536 || need > buf.length)
    throw new FontFormatError(`failed to load font, truncated PPF data (${buf.length} of ${need} bytes)`)
  let end = 14
  while (end < 46 && buf[end] !== 0) end++
  const name = td.decode(buf.subarray(14, end))
  const codepoints = new Uint32Array(n)
  const widths = new Uint16Array(n)
  for (let i = 0; i < n; i++) {
    codepoints[i] = dv.getUint32(46 + 6 * i)
    widths[i] = dv.getUint16(50 + 6 * i)
  }
  const bitmaps = buf.slice(46 + 6 * n, need)
  const byByte = new Int16Array(256).fill(-1)
  for (let b = 0; b < 256; b++) byByte[b] = binarySearch(codepoints, b)
  return { name, cellWidth: cw, cellHeight: ch, codepoints, widths, bitmaps, byByte, deviceBytes: need + 64 }
}

function binarySearch(cps: Uint32Array, v: number): number {
  let lo = 0, hi = cps.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cps[mid] === v) return mid
    if (cps[mid] < v) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** One glyph for `encodePpf`: rows of '#' (set) and '.' (clear); width = longest row unless given. */
export interface PpfGlyphSpec { codepoint: number; rows: string[]; width?: number }

/**
 * Writes a `.ppf` file. Glyphs are sorted by codepoint; bitmaps are MSB-first rows of
 * ceil(CW/8) bytes.
 */
export function encodePpf(name: string, cellWidth: number, cellHeight: number, glyphs: PpfGlyphSpec[]): Uint8Array {
  const gs = [...glyphs].sort((a, b) => a.codepoint - b.codepoint)
  const stride = Math.ceil(cellWidth / 8)
  const s = stride * cellHeight
  const out = new Uint8Array(46 + 6 * gs.length + gs.length * s)
  const dv = new DataView(out.buffer)
  out.set([0x70, 0x70, 0x66, 0x21], 0)
  dv.setUint32(6, gs.length)
  dv.setUint16(10, cellWidth)
  dv.setUint16(12, cellHeight)
  for (let i = 0; i < Math.min(32, name.length); i++) out[14 + i] = name.charCodeAt(i) & 0xff
  gs.forEach((g, i) => {
    const w = g.width ?? Math.max(0, ...g.rows.map((r) => r.length))
    dv.setUint32(46 + 6 * i, g.codepoint)
    dv.setUint16(50 + 6 * i, w)
    const base = 46 + 6 * gs.length + i * s
    g.rows.slice(0, cellHeight).forEach((row, y) => {
      for (let x = 0; x < row.length && x < cellWidth; x++)
        if (row[x] === '#') out[base + y * stride + (x >> 3)] |= 0x80 >> (x & 7)
    })
  })
  return out
}
