/**
 * The `.af` vector font format (API spec §10.2): parser and writer (for tests).
 */
import { FontFormatError } from './ppf'

/** One glyph of a vector font; outlines in font units (128 per em, y down, baseline at 0). */
export interface AfGlyph {
  codepoint: number
  /** Bounding box x, bottom y (upwards from the baseline), width, height. */
  bx: number; by: number; bw: number; bh: number
  /** Advance as the device holds it: a signed 8-bit value. */
  advance: number
  /** Closed polygons: x0, y0, x1, y1, … */
  paths: Float32Array[]
}

/** A parsed vector font. */
export interface VectorFontData {
  glyphs: AfGlyph[]
  /** Byte → glyph (undefined when missing). */
  byByte: (AfGlyph | undefined)[]
  /** Device bytes this font would hold. */
  deviceBytes: number
}

/** Parses an `.af` file; throws FontFormatError on a bad magic or truncated data. */
export function parseAf(buf: Uint8Array): VectorFontData {
  if (buf.length < 4 || buf[0] !== 0x61 || buf[1] !== 0x66 || buf[2] !== 0x21 || buf[3] !== 0x3f)
    throw new FontFormatError('failed to load font, missing AF header')
  if (buf.length < 12) throw new FontFormatError('failed to load font, truncated AF header')
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const wide = (dv.getUint16(4) & 1) === 1
  const g = dv.getUint16(6)
  let o = 12
  const truncated = (): never => {
    throw new FontFormatError('failed to load font, truncated AF data')
  }
  if (o + 8 * g > buf.length) truncated()
  const recs: { glyph: AfGlyph; npaths: number }[] = []
  for (let i = 0; i < g; i++, o += 8) {
    recs.push({
      glyph: {
        codepoint: dv.getUint16(o), bx: dv.getInt8(o + 2), by: dv.getInt8(o + 3), bw: buf[o + 4], bh: buf[o + 5],
        advance: dv.getInt8(o + 6), paths: [],
      },
      npaths: buf[o + 7],
    })
  }
  const counts: number[][] = []
  for (const r of recs) {
    const c: number[] = []
    for (let p = 0; p < r.npaths; p++) {
      if (o + (wide ? 2 : 1) > buf.length) truncated()
      c.push(wide ? dv.getUint16(o) : buf[o])
      o += wide ? 2 : 1
    }
    counts.push(c)
  }
  recs.forEach((r, i) => {
    for (const n of counts[i]) {
      if (o + 2 * n > buf.length) truncated()
      const pts = new Float32Array(2 * n)
      for (let k = 0; k < 2 * n; k++) pts[k] = dv.getInt8(o + k)
      o += 2 * n
      r.glyph.paths.push(pts)
    }
  })
  const glyphs = recs.map((r) => r.glyph)
  const byByte: (AfGlyph | undefined)[] = new Array(256)
  for (const gl of glyphs) if (gl.codepoint < 256 && !byByte[gl.codepoint]) byByte[gl.codepoint] = gl
  return { glyphs, byByte, deviceBytes: buf.length + 64 }
}

/** Writes an `.af` file (u8 point counts unless a path has more than 255 points). */
export function encodeAf(glyphs: AfGlyph[]): Uint8Array {
  const wide = glyphs.some((g) => g.paths.some((p) => p.length / 2 > 255))
  const paths = glyphs.reduce((s, g) => s + g.paths.length, 0)
  const points = glyphs.reduce((s, g) => s + g.paths.reduce((t, p) => t + p.length / 2, 0), 0)
  const out = new Uint8Array(12 + 8 * glyphs.length + paths * (wide ? 2 : 1) + points * 2)
  const dv = new DataView(out.buffer)
  out.set([0x61, 0x66, 0x21, 0x3f])
  dv.setUint16(4, wide ? 1 : 0)
  dv.setUint16(6, glyphs.length)
  dv.setUint16(8, paths)
  dv.setUint16(10, points)
  let o = 12
  for (const g of glyphs) {
    dv.setUint16(o, g.codepoint); dv.setInt8(o + 2, g.bx); dv.setInt8(o + 3, g.by)
    out[o + 4] = g.bw; out[o + 5] = g.bh; dv.setInt8(o + 6, g.advance); out[o + 7] = g.paths.length
    o += 8
  }
  for (const g of glyphs) for (const p of g.paths) {
    if (wide) { dv.setUint16(o, p.length / 2); o += 2 } else out[o++] = p.length / 2
  }
  for (const g of glyphs) for (const p of g.paths) for (const v of p) dv.setInt8(o++, v)
  return out
}
