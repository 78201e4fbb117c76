import { describe, expect, it } from 'vitest'
import { encode } from 'fast-png'
import { decodePngFile, PngError } from '../../../../src/main/emulator/graphics/png'
import { pngWithChunk } from '../../../helpers/png-chunks'

type Enc = Parameters<typeof encode>[0]
const png = (o: Partial<Enc> & { width: number; height: number; data: Uint8Array }): Uint8Array =>
  encode({ depth: 8, channels: 4, ...o } as Enc)

describe('PNG decoding (§10.3)', () => {
  it.each([
    ['8-bit RGB → opaque', png({ width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) }), [1, 2, 3, 255, 4, 5, 6, 255]],
    ['8-bit RGBA', png({ width: 1, height: 1, data: Uint8Array.of(9, 8, 7, 6) }), [9, 8, 7, 6]],
    ['8-bit grey', png({ width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 200) }), [0, 0, 0, 255, 200, 200, 200, 255]],
    // 4-bit grey v → v·17; packed 0x1F → 1, 15
    ['4-bit grey', png({ width: 2, height: 1, channels: 1, depth: 4, data: Uint8Array.of(0x1f) }), [17, 17, 17, 255, 255, 255, 255, 255]],
    // 1-bit grey: 0b10 → 255, 0
    ['1-bit grey', png({ width: 2, height: 1, channels: 1, depth: 1, data: Uint8Array.of(0x80) }), [255, 255, 255, 255, 0, 0, 0, 255]],
    ['16-bit RGBA (high bytes)', png({ width: 1, height: 1, depth: 16, data: new Uint16Array([0x1234, 0xff00, 0x0100, 0xffff]) as unknown as Uint8Array }), [0x12, 0xff, 0x01, 0xff]],
    ['grey + alpha', png({ width: 1, height: 1, channels: 2, data: Uint8Array.of(100, 50) }), [100, 100, 100, 50]],
  ])('%s', (_n, bytes, want) => {
    const d = decodePngFile(bytes)
    expect(d.palette).toBeNull()
    expect([...d.data]).toEqual(want)
  })

  it('indexed PNG stays paletted; tRNS alpha goes into the palette', () => {
    const base = png({ width: 3, height: 1, channels: 1, data: Uint8Array.of(2, 0, 1), palette: [[255, 0, 0], [0, 255, 0], [0, 0, 255]] })
    const d = decodePngFile(pngWithChunk(base, 'tRNS', Uint8Array.of(255, 128, 0)))
    expect([...d.data]).toEqual([2, 0, 1])
    expect([...d.palette!.subarray(0, 12)]).toEqual([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0])
  })

  it('tRNS on an RGB PNG is ignored (pixels stay opaque)', () => {
    const base = png({ width: 1, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3) })
    const d = decodePngFile(pngWithChunk(base, 'tRNS', Uint8Array.of(0, 1, 0, 2, 0, 3)))
    expect([...d.data]).toEqual([1, 2, 3, 255])
  })

  it.each([
    ['16-bit', png({ width: 1, height: 1, depth: 16, data: new Uint16Array(4) as unknown as Uint8Array }), '16-bit'],
    ['grey+alpha', png({ width: 1, height: 1, channels: 2, data: new Uint8Array(2) }), 'alpha'],
    ['interlaced', encode({ width: 2, height: 2, depth: 8, channels: 4, data: new Uint8Array(16) }, { interlace: 'Adam7' }), 'interlaced'],
  ])('flags types the badge cannot decode: %s', (_n, b, why) => {
    expect(decodePngFile(b).deviceUnsupported).toContain(why)
  })

  const good = png({ width: 4, height: 4, data: new Uint8Array(64).fill(7) })
  const huge = good.slice()
  new DataView(huge.buffer).setUint32(16, 100000)
  const crcBroken = good.slice()
  crcBroken[40] ^= 0xff
  it.each([
    ['empty', new Uint8Array(0)],
    ['JPEG magic', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, ...new Array(40).fill(0))],
    ['truncated after IHDR', good.subarray(0, 40)],
    ['truncated mid-IDAT', good.subarray(0, good.length - 20)],
    ['corrupt bytes (CRC)', crcBroken],
    ['enormous size in IHDR', huge],
  ])('%s → PngError', (_n, b) => {
    expect(() => decodePngFile(b)).toThrow(PngError)
  })
})
