/**
 * Brushes (API spec §6): how covered pixels change. A brush is immutable; images hold a reference.
 */
import { paintA, coverageAlpha } from './blend'

/** Solid colour, painted with rules P (shapes) and Q (clear, bitmap text). */
export interface ColorBrush { readonly kind: 'color'; readonly r: number; readonly g: number; readonly b: number; readonly a: number }
/** XOR with a colour, blended by coverage. */
export interface XorBrush { readonly kind: 'xor'; readonly r: number; readonly g: number; readonly b: number }
/** Brightens/darkens by `amount` scaled by pixel alpha; only `clear()` uses it. */
export interface BrightenBrush { readonly kind: 'brighten'; readonly amount: number }
/** Any brush. */
export type Brush = ColorBrush | XorBrush | BrightenBrush

/** The brush of an image that never had one assigned: opaque white. */
export const WHITE: ColorBrush = Object.freeze({ kind: 'color', r: 255, g: 255, b: 255, a: 255 })

/**
 * Paints one pixel (byte index `i` of `d`) with brush `br` at coverage `m` (rule P for colour,
 * coverage-blended XOR for xor; brighten paints nothing with shapes).
 */
export function paintCovered(d: Uint8Array, i: number, br: Brush, m: number): void {
  if (m === 0) return
  if (br.kind === 'color') {
    paintA(d, i, br.r, br.g, br.b, coverageAlpha(m, br.a))
  } else if (br.kind === 'xor') {
    paintA(d, i, d[i] ^ br.r, d[i + 1] ^ br.g, d[i + 2] ^ br.b, coverageAlpha(m, 255))
  }
}

/**
 * Paints a run of `count` pixels of one row starting at byte index `i` with coverage values
 * `cov[c0 .. c0+count)`. Fast path for opaque colour at full coverage.
 */
export function paintRow(s: { data32: Uint32Array | null }, d: Uint8Array, i: number, br: Brush, cov: Uint8Array, c0: number, count: number): void {
  const blend = paintA, cover = coverageAlpha
  if (br.kind === 'color') {
    const { r, g, b, a } = br
    if (a === 0) return
    const d32 = a === 255 ? s.data32 : null
    const packed = (r | (g << 8) | (b << 16) | (255 << 24)) >>> 0
    for (let k = 0; k < count; k++, i += 4) {
      const m = cov[c0 + k]
      if (m === 0) continue
      if (m === 255 && a === 255) {
        if (d32 !== null) {
          // run of full coverage: one 32-bit store per pixel (little-endian RGBA)
          let q = i >> 2
          d32[q] = packed
          while (k + 1 < count && cov[c0 + k + 1] === 255) {
            d32[++q] = packed
            k++
            i += 4
          }
          continue
        }
        d[i] = r
        d[i + 1] = g
        d[i + 2] = b
        d[i + 3] = 255
      } else {
        blend(d, i, r, g, b, cover(m, a))
      }
    }
  } else if (br.kind === 'xor') {
    for (let k = 0; k < count; k++, i += 4) paintCovered(d, i, br, cov[c0 + k])
  }
}
