import { crc32, inflateSync } from 'node:zlib'
import { decode, encode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { decodePngFile } from '../../../../src/main/emulator/graphics/png'
import { badgePngProblems, encodeBadgePng, readPngChunks } from '../../../../src/main/services/tools/png-writer'
import { createBitmap, setPixel, type Bitmap } from '../../../../src/shared/tools/icon'

function sample(): Bitmap {
  const b = createBitmap()
  for (let i = 0; i < 24; i++) setPixel(b, i, i, [255, 0, 0, 255])
  setPixel(b, 3, 0, [0, 128, 255, 128]) // translucent entry after opaque ones
  setPixel(b, 5, 0, [9, 9, 9, 0]) // transparent with RGB: shares the transparent entry
  return b
}

function expanded(png: Uint8Array): Uint8Array {
  const img = decodePngFile(png)
  if (!img.palette) return img.data
  const out = new Uint8Array(img.width * img.height * 4)
  img.data.forEach((ix, p) => out.set(img.palette!.subarray(ix * 4, ix * 4 + 4), p * 4))
  return out
}

function normalised(b: Bitmap): Uint8Array {
  const d = b.data.slice()
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 0) d.set([0, 0, 0, 0], i)
  return d
}

describe('encodeBadgePng', () => {
  it.each(['auto', 'indexed', 'rgba'] as const)('%s: one IDAT, 8-bit, decodes to the same pixels', (format) => {
    const b = sample()
    const { png, format: used } = encodeBadgePng(b, format)
    expect(used).toBe(format === 'rgba' ? 'rgba' : 'indexed')
    const chunks = readPngChunks(png)
    expect(chunks.map((c) => c.type)).toEqual(used === 'indexed' ? ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'] : ['IHDR', 'IDAT', 'IEND'])
    expect(chunks.every((c) => c.crcOk)).toBe(true)
    const ihdr = chunks[0]!.data
    expect(ihdr[8]).toBe(8)
    expect(ihdr[9]).toBe(used === 'indexed' ? 3 : 6)
    expect(ihdr[12]).toBe(0)
    // every scanline uses filter 0 and the IDAT inflates to exactly height rows
    const raw = inflateSync(chunks.find((c) => c.type === 'IDAT')!.data)
    const stride = 24 * (used === 'indexed' ? 1 : 4) + 1
    expect(raw.length).toBe(24 * stride)
    expect(badgePngProblems(png)).toEqual([])
    expect(expanded(png)).toEqual(used === 'rgba' ? b.data : normalised(b))
    // and an independent decoder agrees
    const other = decode(png)
    expect(other.width).toBe(24)
  })

  it('keeps tRNS in palette order (a translucent entry after opaque ones)', () => {
    const { png } = encodeBadgePng(sample(), 'indexed')
    const img = decodePngFile(png)
    const ix = img.data[3]! // pixel (3, 0)
    expect(Array.from(img.palette!.subarray(ix * 4, ix * 4 + 4))).toEqual([0, 128, 255, 128])
  })

  it('falls back to RGBA above 256 colours', () => {
    const b = createBitmap(20, 20)
    for (let i = 0; i < 400; i++) setPixel(b, i % 20, Math.floor(i / 20), [i & 255, i >> 8, 7, 255])
    const { png, format } = encodeBadgePng(b, 'indexed')
    expect(format).toBe('rgba')
    expect(expanded(png)).toEqual(b.data)
  })

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodeBadgePng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(RangeError)
  })
})

describe('badgePngProblems', () => {
  it('reports split IDAT chunks, 16-bit PNGs and non-PNGs', () => {
    const { png } = encodeBadgePng(sample(), 'rgba')
    const chunks = readPngChunks(png)
    const idat = chunks.find((c) => c.type === 'IDAT')!
    // split the one IDAT into two chunks
    const half = idat.data.length >> 1
    const mk = (type: string, data: Uint8Array): Uint8Array => {
      const buf = Buffer.alloc(12 + data.length)
      buf.writeUInt32BE(data.length, 0)
      buf.write(type, 4, 'latin1')
      Buffer.from(data).copy(buf, 8)
      buf.writeUInt32BE(crc32(buf.subarray(4, 8 + data.length)) >>> 0, 8 + data.length)
      return buf
    }
    const split = Buffer.concat([
      png.subarray(0, idat.offset), mk('IDAT', idat.data.subarray(0, half)), mk('IDAT', idat.data.subarray(half)),
      png.subarray(idat.offset + 12 + idat.data.length),
    ])
    expect(badgePngProblems(split)).toEqual(['2 IDAT chunks (the badge needs exactly one)'])
    expect(badgePngProblems(new Uint8Array([1, 2, 3]))).toEqual(['not a PNG file'])
    const sixteen = encode({ width: 1, height: 1, data: new Uint16Array(4), depth: 16, channels: 4 })
    expect(badgePngProblems(sixteen)).toEqual(['colour type 6 with 16-bit samples'])
  })
})
