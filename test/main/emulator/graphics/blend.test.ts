import { describe, expect, it } from 'vitest'
import { blendB1, blendB2, blendB3, coverageAlpha, paintA, paintP } from '../../../../src/main/emulator/graphics/blend'

// Expected values are worked out by hand from the integer formulas of API spec §4.2.
const px = (r: number, g: number, b: number, a: number): Uint8Array => Uint8Array.of(r, g, b, a)

describe('rule P coverage alpha', () => {
  it.each([
    // m, s.a, expected a = ((m*a+128) + ((m*a+128)>>8)) >> 8
    [0, 255, 0],
    [255, 255, 255],
    [255, 128, 128],
    [128, 255, 128], // t = 32768, (32768 + 128) >> 8 = 128
    [64, 255, 64], // t = 16448, (16448 + 64) >> 8 = 64
    [1, 1, 0], // t = 129, (129 + 0) >> 8 = 0
    [16, 200, 13], // t = 3328, (3328 + 13) >> 8 = 13
  ])('m=%i s.a=%i -> %i', (m, a, want) => expect(coverageAlpha(m, a)).toBe(want))
})

describe('rules P and Q', () => {
  it.each([
    // dest, colour, alpha, expected
    [px(10, 20, 30, 0), [200, 100, 50], 0, px(10, 20, 30, 0)], // a = 0: unchanged
    [px(10, 20, 30, 0), [200, 100, 50], 255, px(200, 100, 50, 255)], // a = 255: replace
    // a = 128: (200*128 + 10*127) >> 8 = (25600+1270)>>8 = 104; (12800+2540)>>8 = 59; (6400+3810)>>8 = 39
    [px(10, 20, 30, 0), [200, 100, 50], 128, px(104, 59, 39, 255)],
    // translucent onto transparent black darkens and forces alpha 255: (255*100)>>8 = 99
    [px(0, 0, 0, 0), [255, 255, 255], 100, px(99, 99, 99, 255)],
  ])('paintA %j + %j @%i', (d, [r, g, b], a, want) => {
    paintA(d, 0, r, g, b, a)
    expect([...d]).toEqual([...want])
  })
  it('rule P combines coverage with brush alpha', () => {
    const d = px(0, 0, 0, 255)
    paintP(d, 0, 255, 0, 0, 128, 128) // a = coverageAlpha(128,128) = (16512+64)>>8 = 64
    expect([...d]).toEqual([(255 * 64) >> 8, 0, 0, 255])
  })
})

describe('blit rules B1/B2/B3', () => {
  const cases: [string, typeof blendB1, Uint8Array, number[], number, number[]][] = [
    // B1: ca = 128*255//255 = 128; (100*128 + 50*127) >> 8 = (12800+6350)>>8 = 74; alpha forced 255
    ['B1 translucent', blendB1, px(50, 50, 50, 0), [100, 100, 100, 128], 255, [74, 74, 74, 255]],
    // B1 image alpha: ca = 255*100//255 = 100; (200*100 + 0) >> 8 = 78
    ['B1 image alpha', blendB1, px(0, 0, 0, 0), [200, 200, 200, 255], 100, [78, 78, 78, 255]],
    ['B1 opaque', blendB1, px(1, 2, 3, 4), [9, 8, 7, 255], 255, [9, 8, 7, 255]],
    ['B1 skip', blendB1, px(1, 2, 3, 4), [9, 8, 7, 0], 255, [1, 2, 3, 4]],
    // B2: ca = 128; (50*127 + 100*128) // 255 = 19150 // 255 = 75; alpha unchanged
    ['B2 translucent', blendB2, px(50, 50, 50, 0), [100, 100, 100, 128], 255, [75, 75, 75, 0]],
    ['B2 opaque sets alpha', blendB2, px(50, 50, 50, 0), [100, 100, 100, 255], 255, [100, 100, 100, 255]],
    // B3: ca = 128*(255+1)//256 = 128 -> same as B2
    ['B3 translucent', blendB3, px(50, 50, 50, 7), [100, 100, 100, 128], 255, [75, 75, 75, 7]],
    // B3 with alpha 254: ca = 255*255//256 = 254 -> (0*1 + 255*254)//255 = 254
    ['B3 alpha 254', blendB3, px(0, 0, 0, 0), [255, 255, 255, 255], 254, [254, 254, 254, 0]],
    // B3 with alpha 0: ca = 255*1//256 = 0 -> skipped
    ['B3 alpha 0', blendB3, px(5, 5, 5, 5), [255, 255, 255, 255], 0, [5, 5, 5, 5]],
  ]
  it.each(cases)('%s', (_n, f, d, [r, g, b, a], alpha, want) => {
    f(d, 0, r, g, b, a, alpha)
    expect([...d]).toEqual(want)
  })
})
