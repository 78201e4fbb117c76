/**
 * Converts emulator frames to RGBA for a canvas. Frames may arrive as RGBA8888, RGB888 or
 * little-endian RGB565 (told apart by their length), so the view keeps working whatever packing the
 * runtime picks.
 */

/** Badge screen size. */
export const SCREEN_W = 160
export const SCREEN_H = 120

/** Fills `out` (RGBA, width*height*4) from `src`; returns false when the length fits no format. */
export function toRgba(src: Uint8Array, width: number, height: number, out: Uint8ClampedArray): boolean {
  const n = width * height
  if (src.length === n * 4) {
    out.set(src)
    for (let i = 3; i < out.length; i += 4) out[i] = 255
    return true
  }
  if (src.length === n * 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      out[i * 4] = src[j]!
      out[i * 4 + 1] = src[j + 1]!
      out[i * 4 + 2] = src[j + 2]!
      out[i * 4 + 3] = 255
    }
    return true
  }
  if (src.length === n * 2) {
    for (let i = 0; i < n; i++) {
      const v = src[i * 2]! | (src[i * 2 + 1]! << 8)
      const r = (v >> 11) & 0x1f
      const g = (v >> 5) & 0x3f
      const b = v & 0x1f
      out[i * 4] = (r << 3) | (r >> 2)
      out[i * 4 + 1] = (g << 2) | (g >> 4)
      out[i * 4 + 2] = (b << 3) | (b >> 2)
      out[i * 4 + 3] = 255
    }
    return true
  }
  return false
}

/** The largest integer scale at which a width×height image fits in the box (at least 1). */
export function integerScale(boxW: number, boxH: number, width = SCREEN_W, height = SCREEN_H): number {
  return Math.max(1, Math.floor(Math.min(boxW / width, boxH / height)))
}
