/**
 * The one base64 helper (RFC 4648, with padding) over Uint8Array: the device protocol and the
 * bridge's wire format use it. No Node Buffer, so it runs in every process (the platform's btoa/atob
 * do the work). The decoder is strict: any character outside the alphabet (other than ASCII
 * whitespace, which MicroPython's b2a_base64 adds as a trailing newline) is an error.
 */

/** Encodes bytes as base64 text. */
export function base64Encode(data: Uint8Array): string {
  let s = ''
  // Chunks keep String.fromCharCode's argument list small.
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000))
  return btoa(s)
}

const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decodes base64 text; throws a RangeError on any invalid character or length. */
export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[ \t\r\n]/g, '')
  if (!STRICT.test(clean)) {
    const bad = /[^A-Za-z0-9+/=]|=(?=[^=])/.exec(clean)
    throw new RangeError(bad ? `invalid base64 character at ${bad.index}` : 'invalid base64 length')
  }
  const s = atob(clean)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
