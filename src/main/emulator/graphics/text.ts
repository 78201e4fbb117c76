/**
 * Text (API spec §9): byte-wise bitmap text with the device's top-edge clipping quirk, its
 * measurement, and vector-font text filled with the §7.3 filler (pixel-exact vector text is
 * optional in the spec).
 */
import { paintA } from './blend'
import { f32, truncInt } from './f32'
import type { PixelFontData } from './fonts/ppf'
import type { VectorFontData } from './fonts/af'
import { fillPaths } from './raster/scanline'
import type { Surface } from './surface'

const enc = new TextEncoder()

/** UTF-8 bytes of a message (what the device iterates over). */
export function messageBytes(message: string | Uint8Array): Uint8Array {
  return typeof message === 'string' ? enc.encode(message) : message
}

/**
 * Width of a bitmap-font message: pen position after the last drawable non-space glyph
 * (trailing spaces excluded; 0 when nothing is drawable).
 */
export function measurePixelText(font: PixelFontData, bytes: Uint8Array): number {
  let pen = 0, width = 0
  const space = Math.floor(font.cellWidth / 3)
  for (const b of bytes) {
    if (b === 32) {
      pen += space
      continue
    }
    const g = font.byByte[b]
    if (g < 0) continue
    pen += font.widths[g] + 1
    width = pen
  }
  return width
}

/** Draws bitmap text with its cell's top-left at (trunc x, trunc y); colour brushes only (rule Q). */
export function drawPixelText(t: Surface, font: PixelFontData, bytes: Uint8Array, x: number, y: number): void {
  const br = t.brush
  if (br.kind !== 'color' || t.palette) return
  let pen = truncInt(x)
  const top = truncInt(y)
  const ch = font.cellHeight
  const width = measurePixelText(font, bytes)
  if (width <= 0 || pen >= t.width || pen + width <= 0 || top >= t.height || top + ch <= 0) return
  const skip = Math.max(0, -top)
  const stride = Math.ceil(font.cellWidth / 8)
  const gsize = stride * ch
  const space = Math.floor(font.cellWidth / 3)
  const d = t.data
  const paint = paintA
  for (const b of bytes) {
    if (b === 32) {
      pen += space
      continue
    }
    const g = font.byByte[b]
    if (g < 0) continue
    const gw = font.widths[g]
    const base = g * gsize
    for (let i = 0; i < ch - skip; i++) {
      const tr = top + skip + i
      if (tr >= t.height) break
      const rowBase = base + i * stride
      // only the columns that land inside the target (glyph widths come from the file)
      const c0 = pen < 0 ? -pen : 0
      const c1 = Math.min(gw, t.width - pen)
      for (let col = c0; col < c1; col++) {
        const tc = pen + col
        if (font.bitmaps[rowBase + (col >> 3)] & (0x80 >> (col & 7))) paint(d, t.index(tc, tr), br.r, br.g, br.b, br.a)
      }
    }
    pen += gw + 1
  }
}

/** Vector-font width: (sum of advances of found glyphs + 1) × size/128. */
export function measureVectorText(font: VectorFontData, bytes: Uint8Array, size: number): number {
  let adv = 0
  for (const b of bytes) {
    const g = font.byByte[b]
    if (g) adv += g.advance
  }
  return f32(f32(adv + 1) * f32(size / 128))
}

/**
 * Draws vector text: each glyph outline mapped through translate(x + advances, y + size) ·
 * scale(size/128), filled even-odd with the target's antialias level and brush.
 */
export function drawVectorText(t: Surface, font: VectorFontData, bytes: Uint8Array, x: number, y: number, size: number): void {
  const s = f32(size / 128)
  let ox = f32(x)
  const oy = f32(y + size)
  for (const b of bytes) {
    const g = font.byByte[b]
    if (!g) continue
    if (g.paths.length) fillPaths(t, g.paths, Float32Array.of(s, 0, ox, 0, s, oy))
    ox = f32(ox + f32(g.advance * s))
  }
}
