/**
 * PNG loading (API spec §10.3) on top of `fast-png`: true-colour RGBA output, or palette indices
 * plus a 256-entry RGBA palette for indexed PNGs (kept paletted by `Image.load`).
 */
import { decode } from 'fast-png'
import { MAX_PIXELS, MAX_SIDE } from './surface'

/** Decoded PNG in the emulator's pixel layout. */
export interface DecodedImage {
  width: number
  height: number
  /** RGBA bytes (true colour) or one index per pixel (paletted). */
  data: Uint8Array
  /** 1024-byte RGBA palette for indexed PNGs, else null. */
  palette: Uint8Array | null
  /** Set when the device could not decode this PNG type (§10.3); the text says why. */
  deviceUnsupported: string | null
}

/** A file that is not a decodable PNG; the message is shown in the Python `OSError`. */
export class PngError extends Error {}

const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Decodes a PNG file. Throws PngError for anything that is not a valid, reasonably sized PNG. */
export function decodePngFile(buf: Uint8Array): DecodedImage {
  if (buf.length < 33 || SIG.some((v, i) => buf[i] !== v)) throw new PngError('not a PNG file')
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const w = dv.getUint32(16), h = dv.getUint32(20)
  if (w === 0 || h === 0 || w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS)
    throw new PngError(`unsupported PNG size ${w}x${h}`)
  let png
  try {
    // tRNS is ignored on RGB/grey PNGs (§10.3); dropping it also avoids fast-png rejecting a
    // valid RGB tRNS on images with fewer than 3 pixels.
    png = decode(buf[25] === 3 ? buf : withoutChunk(buf, 'tRNS'), { checkCrc: true })
  } catch (e) {
    throw new PngError(`corrupt PNG: ${(e as Error).message}`)
  }
  const { width, height, depth, channels } = png
  const interlaced = buf[28] === 1
  const src = png.data
  const n = width * height
  const expected = depth < 8 ? height * Math.ceil((width * depth * channels) / 8) : n * channels
  if (src.length < expected) throw new PngError('corrupt PNG: truncated image data')
  let unsupported: string | null = interlaced ? 'interlaced PNG' : null
  // Sample k (0-based, row-major, channel-interleaved) normalised to 8 bits.
  const rowBytes = Math.ceil((width * depth * channels) / 8)
  const sample = (y: number, k: number): number => {
    if (depth === 8) return src[y * width * channels + k]
    if (depth === 16) return src[y * width * channels + k] >> 8
    const bit = k * depth
    const byte = src[y * rowBytes + (bit >> 3)]
    return (byte >> (8 - depth - (bit & 7))) & ((1 << depth) - 1)
  }
  if (png.palette) {
    if (depth !== 8) unsupported = `indexed PNG with ${depth}-bit indices`
    const pal = new Uint8Array(1024)
    png.palette.forEach((c, i) => {
      if (i < 256) pal.set([c[0], c[1], c[2], c.length > 3 ? c[3] : 255], i * 4)
    })
    const data = new Uint8Array(n)
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = sample(y, x)
    return { width, height, data, palette: pal, deviceUnsupported: unsupported }
  }
  if (depth === 16) unsupported = '16-bit PNG'
  if (channels === 2) unsupported = 'greyscale+alpha PNG'
  if (channels === 1 && depth === 2) unsupported = '2-bit greyscale PNG'
  const data = new Uint8Array(n * 4)
  const scaleGrey = depth === 1 ? 255 : depth === 2 ? 85 : depth === 4 ? 17 : 1
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      if (channels >= 3) {
        const k = x * channels
        data[o] = sample(y, k); data[o + 1] = sample(y, k + 1); data[o + 2] = sample(y, k + 2)
        data[o + 3] = channels === 4 ? sample(y, k + 3) : 255
      } else {
        const v = depth < 8 ? sample(y, x * channels) * scaleGrey : sample(y, x * channels)
        data[o] = data[o + 1] = data[o + 2] = v
        data[o + 3] = channels === 2 ? sample(y, x * 2 + 1) : 255
      }
    }
  }
  return { width, height, data, palette: null, deviceUnsupported: unsupported }
}

/** `buf` without chunks of the given type (chunk layout: length, type, data, CRC). */
function withoutChunk(buf: Uint8Array, type: string): Uint8Array {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const parts: Uint8Array[] = [buf.subarray(0, 8)]
  let o = 8
  let dropped = false
  while (o + 8 <= buf.length) {
    const end = o + 12 + dv.getUint32(o)
    const t = String.fromCharCode(buf[o + 4], buf[o + 5], buf[o + 6], buf[o + 7])
    if (t === type) dropped = true
    else parts.push(buf.subarray(o, Math.min(end, buf.length)))
    o = end
  }
  if (!dropped) return buf
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let k = 0
  for (const p of parts) {
    out.set(p, k)
    k += p.length
  }
  return out
}
