/**
 * 2-D affine matrices in single precision (API spec §8). Stored as
 * `[m00, m01, m02, m10, m11, m12]`: x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12.
 */

// A local alias: calls through an imported binding can defeat inlining in CommonJS builds (tsx).
const f32 = Math.fround

/** A 2×3 affine matrix (third row implicitly 0 0 1). */
export type Mat = Float32Array

/** A new identity matrix. */
export function identity(): Mat {
  return Float32Array.of(1, 0, 0, 0, 1, 0)
}

/** Replaces `m` by `m · o` (right-multiplication: `o` applies first to points); returns `m`. */
export function multiplyInPlace(m: Mat, o: ArrayLike<number>): Mat {
  const a00 = m[0], a01 = m[1], a02 = m[2], a10 = m[3], a11 = m[4], a12 = m[5]
  const b00 = f32(o[0]), b01 = f32(o[1]), b02 = f32(o[2]), b10 = f32(o[3]), b11 = f32(o[4]), b12 = f32(o[5])
  m[0] = f32(f32(a00 * b00) + f32(a01 * b10))
  m[1] = f32(f32(a00 * b01) + f32(a01 * b11))
  m[2] = f32(f32(f32(a00 * b02) + f32(a01 * b12)) + a02)
  m[3] = f32(f32(a10 * b00) + f32(a11 * b10))
  m[4] = f32(f32(a10 * b01) + f32(a11 * b11))
  m[5] = f32(f32(f32(a10 * b02) + f32(a11 * b12)) + a12)
  return m
}

/** `m · translate(x, y)` in place. */
export function translate(m: Mat, x: number, y: number): Mat {
  return multiplyInPlace(m, [1, 0, x, 0, 1, y])
}

/** `m · scale(sx, sy)` in place. */
export function scale(m: Mat, sx: number, sy: number): Mat {
  return multiplyInPlace(m, [sx, 0, 0, 0, sy, 0])
}

/** `m · rotate(radians)` in place; positive angles turn clockwise on the y-down screen. */
export function rotateRadians(m: Mat, a: number): Mat {
  const fa = f32(a)
  const c = f32(Math.cos(fa)), s = f32(Math.sin(fa))
  return multiplyInPlace(m, [c, -s, 0, s, c, 0])
}

/** `m · rotate(degrees)` in place. */
export function rotateDegrees(m: Mat, deg: number): Mat {
  return rotateRadians(m, f32(f32(deg) * f32(Math.PI / 180)))
}

/** Maps (x, y) through `m` in single precision; returns [x', y']. */
export function apply(m: Mat, x: number, y: number): [number, number] {
  return [f32(f32(f32(m[0] * x) + f32(m[1] * y)) + m[2]), f32(f32(f32(m[3] * x) + f32(m[4] * y)) + m[5])]
}
