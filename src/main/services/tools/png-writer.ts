/**
 * PNG output the badge's decoder accepts (API spec §10.3): 8-bit RGBA or 8-bit indexed (PLTE +
 * tRNS), not interlaced, with all image data in a single IDAT chunk and no ancillary chunks.
 *
 * The chunks are assembled here rather than by fast-png: fast-png 8 does write one IDAT, but its
 * tRNS chunk lists only the non-opaque palette entries (so alpha lands on the wrong indices unless
 * those come first) and it offers no control over extra chunks. Deflate is Node's zlib.
 */
import { deflateSync, crc32 as zlibCrc32 } from 'node:zlib'
import { toIndexed, type Bitmap } from '../../../shared/tools/icon'

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** Output colour type: `auto` = indexed when the image has ≤ 256 colours, else RGBA. */
export type PngFormat = 'auto' | 'rgba' | 'indexed'

/** One chunk of a PNG file. */
export interface PngChunk {
  type: string
  /** Offset of the chunk's length field in the file. */
  offset: number
  data: Uint8Array
  crcOk: boolean
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

/** CRC-32 as PNG uses it (zlib's when this Node has it). */
export function crc32(bytes: Uint8Array): number {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(bytes) >>> 0
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** Filter type 0 (None) before every row, as the decoder on the badge expects nothing fancier. */
function scanlines(width: number, height: number, bytesPerPixel: number, pixels: Uint8Array): Uint8Array {
  const stride = width * bytesPerPixel
  const raw = new Uint8Array(height * (stride + 1))
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  return raw
}

/**
 * Encodes an RGBA bitmap as a badge-compatible PNG. With `auto` (default) images of at most 256
 * colours become indexed (smaller; `Image.load` keeps them paletted); `indexed` falls back to RGBA
 * when there are more colours. Fully transparent pixels may lose their RGB (they are invisible).
 */
export function encodeBadgePng(bitmap: Bitmap, format: PngFormat = 'auto'): { png: Uint8Array; format: 'rgba' | 'indexed' } {
  const { width, height, data } = bitmap
  if (data.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of RGBA, got ${data.length}`)
  const indexed = format === 'rgba' ? null : toIndexed(bitmap)
  const ihdr = new Uint8Array(13)
  const dv = new DataView(ihdr.buffer)
  dv.setUint32(0, width)
  dv.setUint32(4, height)
  ihdr[8] = 8 // bit depth
  ihdr[9] = indexed ? 3 : 6 // colour type: indexed or RGBA
  // compression 0, filter 0, interlace 0 (bytes 10–12 already zero)
  const parts = [SIGNATURE, chunk('IHDR', ihdr)]
  if (indexed) {
    const plte = new Uint8Array(indexed.palette.length * 3)
    indexed.palette.forEach((c, i) => plte.set([c[0], c[1], c[2]], i * 3))
    parts.push(chunk('PLTE', plte))
    // tRNS holds alpha for palette entries 0…k in order; trailing opaque entries may be left out.
    let last = -1
    indexed.palette.forEach((c, i) => {
      if (c[3] !== 255) last = i
    })
    if (last >= 0) parts.push(chunk('tRNS', Uint8Array.from(indexed.palette.slice(0, last + 1).map((c) => c[3]))))
    parts.push(chunk('IDAT', deflateSync(scanlines(width, height, 1, indexed.indices), { level: 9 })))
  } else {
    parts.push(chunk('IDAT', deflateSync(scanlines(width, height, 4, data), { level: 9 })))
  }
  parts.push(chunk('IEND', new Uint8Array(0)))
  return { png: concat(parts), format: indexed ? 'indexed' : 'rgba' }
}

/** Splits a PNG into its chunks (checking CRCs). Throws `Error` when it is not a PNG or is truncated. */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (png.length < 8 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file')
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const out: PngChunk[] = []
  let o = 8
  while (o < png.length) {
    if (o + 12 > png.length) throw new Error('truncated PNG chunk')
    const len = dv.getUint32(o)
    if (o + 12 + len > png.length) throw new Error('truncated PNG chunk')
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8))
    const data = png.subarray(o + 8, o + 8 + len)
    const crcOk = dv.getUint32(o + 8 + len) === crc32(png.subarray(o + 4, o + 8 + len))
    out.push({ type, offset: o, data, crcOk })
    o += 12 + len
    if (type === 'IEND') break
  }
  return out
}

/**
 * Problems the badge's decoder would have with this PNG (empty when it is fine): colour type and
 * depth outside 8-bit RGB/RGBA/grey/indexed and 1/4-bit grey, interlacing, or IDAT split into
 * several chunks.
 */
export function badgePngProblems(png: Uint8Array): string[] {
  let chunks: PngChunk[]
  try {
    chunks = readPngChunks(png)
  } catch (e) {
    return [(e as Error).message]
  }
  const problems: string[] = []
  const ihdr = chunks[0]
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length !== 13) return ['missing IHDR chunk']
  const depth = ihdr.data[8]!, type = ihdr.data[9]!, interlace = ihdr.data[12]!
  const ok = (depth === 8 && [0, 2, 3, 6].includes(type)) || (type === 0 && (depth === 1 || depth === 4))
  if (!ok) problems.push(`colour type ${type} with ${depth}-bit samples`)
  if (interlace !== 0) problems.push('interlaced')
  const idats = chunks.filter((c) => c.type === 'IDAT').length
  if (idats !== 1) problems.push(`${idats} IDAT chunks (the badge needs exactly one)`)
  if (chunks.some((c) => !c.crcOk)) problems.push('bad chunk CRC')
  return problems
}
