/**
 * Python literal quoting: the only way device paths and other values are embedded into Python source
 * sent to the badge. Output uses only printable ASCII, so it survives any transport and any firmware
 * source decoder, and never contains the raw-REPL control bytes (0x01–0x05).
 */

const HEX = '0123456789abcdef'

function hex2(n: number): string {
  return HEX[(n >> 4) & 15]! + HEX[n & 15]!
}

/**
 * Quotes `s` as a Python 3 `str` literal in single quotes. Non-ASCII characters become `\uXXXX` /
 * `\UXXXXXXXX` escapes (MicroPython decodes them when built with unicode, which every port we target is).
 * Lone surrogates are refused because they cannot name a file. With `longEscapes`, newline, CR and
 * tab become `\xNN` too: then any one byte lost from the literal changes the string's length (a lost
 * backslash of `\n` would not), which is what guarded code checks.
 */
export function pyStr(s: string, longEscapes = false): string {
  let out = "'"
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp >= 0xd800 && cp <= 0xdfff) throw new RangeError('lone surrogate in string')
    if (ch === '\\') out += '\\\\'
    else if (ch === "'") out += "\\'"
    else if (cp >= 0x20 && cp < 0x7f) out += ch
    else if (longEscapes && cp < 0x100) out += '\\x' + hex2(cp)
    else if (cp === 0x0a) out += '\\n'
    else if (cp === 0x0d) out += '\\r'
    else if (cp === 0x09) out += '\\t'
    else if (cp < 0x100) out += '\\x' + hex2(cp)
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0')
    else out += '\\U' + cp.toString(16).padStart(8, '0')
  }
  return out + "'"
}

/**
 * Quotes bytes as a Python `bytes` literal (`b'…'`), printable ASCII kept as is and everything else as
 * `\xNN`. The shortest portable form when the device lacks binascii.
 */
export function pyBytes(data: Uint8Array): string {
  let out = "b'"
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!
    if (b === 0x5c) out += '\\\\'
    else if (b === 0x27) out += "\\'"
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b)
    else out += '\\x' + hex2(b)
  }
  return out + "'"
}

/** Length in characters of {@link pyBytes}(data) without building it (for chunk planning). */
export function pyBytesLength(data: Uint8Array): number {
  let n = 3
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!
    n += b === 0x5c || b === 0x27 ? 2 : b >= 0x20 && b < 0x7f ? 1 : 4
  }
  return n
}
