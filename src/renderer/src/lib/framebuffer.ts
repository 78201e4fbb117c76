/**
 * Emulator frames for a canvas. A frame arrives as the badge's 160×120 RGBA framebuffer (the
 * `emulator:frame` contract) and is painted as it is: no copy, only its alpha made opaque in place
 * (the badge's panel has no transparency).
 */

/** Badge screen size. */
export const SCREEN_W = 160
export const SCREEN_H = 120

/**
 * The frame `rgba` (SCREEN_W×SCREEN_H×4 bytes, owned by the caller) made opaque in place and
 * viewed as canvas pixels; null when it has another length.
 */
export function opaqueFrame(rgba: Uint8Array): Uint8ClampedArray<ArrayBuffer> | null {
  if (rgba.length !== SCREEN_W * SCREEN_H * 4) return null
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255
  return new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length)
}

/** The largest integer scale at which a width×height image fits in the box (at least 1). */
export function integerScale(boxW: number, boxH: number, width = SCREEN_W, height = SCREEN_H): number {
  return Math.max(1, Math.floor(Math.min(boxW / width, boxH / height)))
}
