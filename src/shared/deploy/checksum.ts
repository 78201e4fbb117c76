/**
 * Adler-32: the cheap checksum devices without hashlib compute in the batched query. Chosen because
 * a MicroPython loop computes it with small ints only (no allocation per byte).
 */

/** Adler-32 of `data` as an unsigned 32-bit number. */
export function adler32(data: Uint8Array): number {
  let a = 1
  let b = 0
  // 5552 is the largest block for which the sums cannot exceed 2^32 before the modulo.
  for (let i = 0; i < data.length; ) {
    const end = Math.min(data.length, i + 5552)
    for (; i < end; i++) {
      a += data[i]!
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return (b * 65536 + a) >>> 0
}
