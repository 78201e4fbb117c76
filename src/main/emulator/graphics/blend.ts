/**
 * The three blending rules of the badge (API spec §4.2) on RGBA8888 byte arrays, not premultiplied.
 * `d` is the destination byte array and `i` the byte index of the pixel's red channel.
 */

/** Rule P alpha: `m * a / 255` rounded, exactly as the firmware's integer formula. */
export function coverageAlpha(m: number, a: number): number {
  const t = m * a + 128
  return (t + (t >> 8)) >> 8
}

/**
 * Rule Q (and rule P once its alpha is computed): paint colour (r, g, b) with effective alpha `a`.
 * a = 0 leaves the pixel, a = 255 replaces it (alpha 255), otherwise `(s·a + d·(255−a)) >> 8` and
 * the destination alpha becomes 255.
 */
export function paintA(d: Uint8Array, i: number, r: number, g: number, b: number, a: number): void {
  if (a === 0) return
  if (a === 255) {
    d[i] = r
    d[i + 1] = g
    d[i + 2] = b
    d[i + 3] = 255
    return
  }
  const na = 255 - a
  d[i] = (r * a + d[i] * na) >> 8
  d[i + 1] = (g * a + d[i + 1] * na) >> 8
  d[i + 2] = (b * a + d[i + 2] * na) >> 8
  d[i + 3] = 255
}

/** Rule P: brush colour (r, g, b, a) at coverage `m` (0–255). */
export function paintP(d: Uint8Array, i: number, r: number, g: number, b: number, a: number, m: number): void {
  paintA(d, i, r, g, b, coverageAlpha(m, a))
}

/**
 * Rule B1 (plain blit of a true-colour source): `ca = s.a·alpha // 255`, `>> 8` divisor,
 * destination alpha forced to 255 when painted.
 */
export function blendB1(d: Uint8Array, i: number, r: number, g: number, b: number, sa: number, alpha: number): void {
  const ca = ((sa * alpha) / 255) | 0
  if (ca === 0) return
  if (ca === 255) {
    d[i] = r
    d[i + 1] = g
    d[i + 2] = b
    d[i + 3] = 255
    return
  }
  const na = 255 - ca
  d[i] = (r * ca + d[i] * na) >> 8
  d[i + 1] = (g * ca + d[i + 1] * na) >> 8
  d[i + 2] = (b * ca + d[i + 2] * na) >> 8
  d[i + 3] = 255
}

/** Shared tail of rules B2/B3: `// 255` divisor, destination alpha untouched when translucent. */
function blendDiv255(d: Uint8Array, i: number, r: number, g: number, b: number, ca: number): void {
  if (ca === 0) return
  if (ca === 255) {
    d[i] = r
    d[i + 1] = g
    d[i + 2] = b
    d[i + 3] = 255
    return
  }
  const na = 255 - ca
  d[i] = ((d[i] * na + r * ca) / 255) | 0
  d[i + 1] = ((d[i + 1] * na + g * ca) / 255) | 0
  d[i + 2] = ((d[i + 2] * na + b * ca) / 255) | 0
}

/** Rule B2 (plain blit of a paletted source; `s` is the palette entry). */
export function blendB2(d: Uint8Array, i: number, r: number, g: number, b: number, sa: number, alpha: number): void {
  blendDiv255(d, i, r, g, b, ((sa * alpha) / 255) | 0)
}

/** Rule B3 (scale_blit, either kind of source): `ca = s.a·(alpha+1) // 256`. */
export function blendB3(d: Uint8Array, i: number, r: number, g: number, b: number, sa: number, alpha: number): void {
  blendDiv255(d, i, r, g, b, (sa * (alpha + 1)) >> 8)
}
