/** PNG test helpers: insert a chunk (e.g. tRNS) that fast-png's encoder does not write. */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

/** CRC-32 as PNG uses it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Returns `png` with a chunk `type` holding `data` inserted just before the first IDAT. */
export function pngWithChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength)
  let o = 8
  while (o < png.length) {
    const len = dv.getUint32(o)
    const t = String.fromCharCode(...png.subarray(o + 4, o + 8))
    if (t === 'IDAT') break
    o += 12 + len
  }
  const chunk = new Uint8Array(12 + data.length)
  const cdv = new DataView(chunk.buffer)
  cdv.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i)
  chunk.set(data, 8)
  cdv.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)))
  const out = new Uint8Array(png.length + chunk.length)
  out.set(png.subarray(0, o))
  out.set(chunk, o)
  out.set(png.subarray(o), o + chunk.length)
  return out
}
