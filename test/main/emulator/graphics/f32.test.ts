import { describe, expect, it } from 'vitest'
import { roundHalfAway, truncInt, wrapByte, f32 } from '../../../../src/main/emulator/graphics/f32'

describe('numeric conversions', () => {
  it.each([
    [2.5, 3], [-2.5, -3], [0.5, 1], [-0.5, -1], [1.4999, 1], [3.5, 4], [4.5, 5], [-1.2, -1],
  ])('roundHalfAway(%d) = %d (not banker’s rounding)', (x, want) => expect(roundHalfAway(x)).toBe(want))
  it.each([
    [300, 44], [-1, 255], [256, 0], [255.9, 255], [-0.5, 0], [-256.5, 0], [NaN, 0], [Infinity, 0], [1e12 + 7, (1e12 + 7) % 256],
  ])('wrapByte(%d) = %d', (x, want) => expect(wrapByte(x)).toBe(want))
  it.each([
    [1.9, 1], [-1.9, -1], [NaN, 0], [1e20, 2147483647], [-1e20, -2147483648],
  ])('truncInt(%d) = %d', (x, want) => expect(truncInt(x)).toBe(want))
  it('f32 rounds to single precision', () => {
    expect(f32(0.1)).not.toBe(0.1)
    expect(f32(1.1) + f32(2.2)).not.toBe(1.1 + 2.2)
  })
})
