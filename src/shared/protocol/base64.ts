/**
 * The one base64 helper (RFC 4648, with padding) over Uint8Array: the device protocol and the
 * bridge's wire format use it. No Node Buffer, so it runs in every process. Encoding is a table
 * loop into bytes (btoa needs a binary string built first, which cost ten times the encoding);
 * decoding goes through atob. The decoder is strict: any character outside the alphabet (other
 * than ASCII whitespace, which MicroPython's b2a_base64 adds as a trailing newline) is an error.
 */

const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
const ASCII = new TextDecoder()
const PAD = 0x3d

/** Encodes bytes as base64 text. */
export function base64Encode(data: Uint8Array): string {
  const n = data.length
  const out = new Uint8Array(Math.ceil(n / 3) * 4)
  let i = 0
  let j = 0
  for (; i + 2 < n; i += 3, j += 4) {
    const v = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
    out[j] = ALPHABET[v >> 18]!
    out[j + 1] = ALPHABET[(v >> 12) & 63]!
    out[j + 2] = ALPHABET[(v >> 6) & 63]!
    out[j + 3] = ALPHABET[v & 63]!
  }
  if (i < n) {
    const two = i + 1 < n
    const v = (data[i]! << 16) | (two ? data[i + 1]! << 8 : 0)
    out[j] = ALPHABET[v >> 18]!
    out[j + 1] = ALPHABET[(v >> 12) & 63]!
    out[j + 2] = two ? ALPHABET[(v >> 6) & 63]! : PAD
    out[j + 3] = PAD
  }
  return ASCII.decode(out)
}

/**
 * Decodes base64 text; throws a RangeError on any invalid character or length. Checked by a scan
 * for a bad character (or an `=` before the end) and the length: one regular expression over the
 * whole text, `^(?:[A-Za-z0-9+/]{4})*…$`, overflowed V8's stack on megabytes (a 10 MB upload
 * through the bridge).
 */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[ \t\r\n]/g, '')
  const bad = /[^A-Za-z0-9+/=]|=(?=[^=])/.exec(clean)
  if (bad) throw new RangeError(`invalid base64 character at ${bad.index}`)
  // `=` only at the end (above), at most two of them, whole quads.
  if (clean.length % 4 !== 0 || clean.endsWith('===')) throw new RangeError('invalid base64 length')
  const s = atob(clean)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
