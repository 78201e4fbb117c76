/**
 * Image blits (API spec §5.4, §5.5): unscaled copies with rules B1/B2 and the device's exact
 * scaled sampler (16.16 fixed-point columns, float32 running-sum rows, rule B3).
 */
import { blendB1, blendB2, blendB3 } from './blend'
import { truncInt } from './f32'

import type { Surface } from './surface'

// A local alias: calls through an imported binding can defeat inlining in CommonJS builds (tsx).
const f32 = Math.fround

/**
 * Reads source pixel at linear pixel index `li` of `src.data` into `out` (r, g, b, a). Returns
 * false when the index lies outside the buffer (treated as a transparent pixel).
 */
function readPixel(src: Surface, li: number, out: Int32Array): boolean {
  const d = src.data
  if (src.palette) {
    if (li < 0 || li >= d.length) return false
    const p = d[li] * 4, pal = src.palette
    out[0] = pal[p]; out[1] = pal[p + 1]; out[2] = pal[p + 2]; out[3] = pal[p + 3]
    return true
  }
  const i = li * 4
  if (li < 0 || i >= d.length) return false
  out[0] = d[i]; out[1] = d[i + 1]; out[2] = d[i + 2]; out[3] = d[i + 3]
  return true
}
const px = new Int32Array(4)

/**
 * `dst.blit(src, x, y)`: top-left at (trunc x, trunc y), clipped; rule B1 (B2 for a paletted
 * source) with the source's `alpha`. Paletted destinations are left unchanged.
 */
export function blit(dst: Surface, src: Surface, x: number, y: number): void {
  if (dst.palette) return
  const X = truncInt(x), Y = truncInt(y)
  const l = Math.max(X, 0), t = Math.max(Y, 0)
  const r = Math.min(X + src.width, dst.width), b = Math.min(Y + src.height, dst.height)
  if (r <= l || b <= t) return
  const alpha = src.alpha
  const d = dst.data
  const paletted = src.palette !== null
  const B1 = blendB1, B2 = blendB2, read = readPixel
  const s = src.data
  for (let row = t; row < b; row++) {
    const sRow = src.offset + (row - Y) * src.stride - X
    let di = dst.index(l, row)
    if (!paletted) {
      // true colour: inline reads, opaque pixels at full alpha copied as they are
      for (let col = l, si = (sRow + l) * 4; col < r; col++, di += 4, si += 4) {
        const sa = s[si + 3]
        if (sa === 0) continue
        if (sa === 255 && alpha === 255) {
          d[di] = s[si]; d[di + 1] = s[si + 1]; d[di + 2] = s[si + 2]; d[di + 3] = 255
        } else B1(d, di, s[si], s[si + 1], s[si + 2], sa, alpha)
      }
      continue
    }
    for (let col = l; col < r; col++, di += 4) {
      read(src, sRow + col, px)
      B2(d, di, px[0], px[1], px[2], px[3], alpha)
    }
  }
}

/**
 * `dst.scale_blit(src, x, y, w, h)`: `src` stretched into [X, X+|W|) × [Y, Y+|H|) (negative
 * sizes mirror in place), sampled with the device's arithmetic of §5.5 including the column −1
 * read of mirrored enlargements (the pixel stored just before the row, or transparent).
 */
export function scaleBlit(dst: Surface, src: Surface, x: number, y: number, w: number, h: number): void {
  if (dst.palette) return
  const X = truncInt(x), Y = truncInt(y)
  let W = truncInt(w), H = truncInt(h)
  const mx = W < 0, my = H < 0
  W = Math.abs(W)
  H = Math.abs(H)
  if (W === 0 || H === 0 || src.width === 0 || src.height === 0) return
  const l = Math.max(X, 0), t = Math.max(Y, 0)
  const r = Math.min(X + W, dst.width), b = Math.min(Y + H, dst.height)
  if (r <= l || b <= t) return
  const stepx = f32((mx ? -1 : 1) * f32(src.width / W))
  const stepy = f32((my ? -1 : 1) * f32(src.height / H))
  const fx = f32((mx ? src.width - 1 : 0) + f32((l - X) * stepx))
  let fy = f32((my ? src.height - 1 : 0) + f32((t - Y) * stepy))
  const p0 = truncInt(fx * 65536)
  const dp = truncInt(stepx * 65536)
  const alpha = src.alpha
  const d = dst.data
  const s = src.data, paletted = src.palette !== null, slen = s.length >> 2
  const B3 = blendB3, read = readPixel
  for (let row = t; row < b; row++) {
    const sr = truncInt(fy)
    const base = src.offset + sr * src.stride
    let p = p0
    let di = dst.index(l, row)
    for (let col = l; col < r; col++, di += 4) {
      const li = base + Math.floor(p / 65536)
      p += dp
      if (paletted) {
        if (read(src, li, px)) B3(d, di, px[0], px[1], px[2], px[3], alpha)
      } else if (li >= 0 && li < slen) {
        const si = li * 4
        B3(d, di, s[si], s[si + 1], s[si + 2], s[si + 3], alpha)
      }
    }
    fy = f32(fy + stepy)
  }
}
