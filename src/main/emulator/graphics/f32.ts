/**
 * Numeric helpers that reproduce the device's C arithmetic: single-precision floats,
 * truncation towards zero, `round()` halves away from zero and byte wrap-around.
 */

/** Rounds a double to the nearest single-precision (32-bit) float, like a C `float` store. */
export const f32 = Math.fround

/** C `roundf`: rounds halves away from zero (Python's `round()` rounds them to even). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5)
}

/**
 * Truncates towards zero and saturates to the int32 range (C conversion of an out-of-range
 * float is undefined; saturating keeps huge coordinates harmless). NaN becomes 0.
 */
export function truncInt(x: number): number {
  if (x !== x) return 0
  if (x >= 2147483647) return 2147483647
  if (x <= -2147483648) return -2147483648
  return x | 0
}

/** Brush component conversion of §4.3: truncate, then keep the low 8 bits (300 → 44, −1 → 255). */
export function wrapByte(x: number): number {
  if (!Number.isFinite(x)) return 0
  return ((Math.trunc(x) % 256) + 256) % 256
}
