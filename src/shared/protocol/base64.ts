/**
 * Base64 (RFC 4648, with padding) over Uint8Array without Node's Buffer, so it runs in every process.
 * The decoder is strict and single-pass: any character outside the alphabet (other than ASCII
 * whitespace, which MicroPython's b2a_base64 adds as a trailing newline) is an error.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Encodes bytes as base64 text. */
export function base64Encode(data: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < data.length; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = data.length - i
  if (rest === 1) {
    const n = data[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '='
  }
  return out
}

/** Decodes base64 text; throws a RangeError on any invalid character or length. */
export function base64Decode(text: string): Uint8Array {
  const clean: number[] = []
  let pad = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue
    if (c === 0x3d) {
      pad++
      continue
    }
    const v = c < 128 ? LOOKUP[c]! : -1
    if (v < 0 || pad > 0) throw new RangeError(`invalid base64 character at ${i}`)
    clean.push(v)
  }
  if ((clean.length + pad) % 4 !== 0 || pad > 2) throw new RangeError('invalid base64 length')
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8))
  let o = 0
  for (let i = 0; i < clean.length; i += 4) {
    const n = (clean[i]! << 18) | (clean[i + 1]! << 12) | ((clean[i + 2] ?? 0) << 6) | (clean[i + 3] ?? 0)
    out[o++] = n >> 16
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}
