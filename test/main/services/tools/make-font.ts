/** Test fonts: small, valid `.ppf` files made from scratch (never the badge's real fonts). */

/**
 * A `.ppf` bitmap font (API spec §10.1) covering ASCII 32–126 with `cw × ch` cells; every glyph is
 * a distinctive pattern derived from its code point, so text renders visibly and deterministically.
 */
export function makePpf(name = 'testfont', cw = 6, ch = 8): Uint8Array {
  const codes = Array.from({ length: 95 }, (_, i) => 32 + i)
  const rowBytes = Math.ceil(cw / 8)
  const glyphBytes = rowBytes * ch
  const buf = Buffer.alloc(46 + 6 * codes.length + glyphBytes * codes.length)
  buf.write('ppf!', 0, 'latin1')
  buf.writeUInt16BE(0, 4)
  buf.writeUInt32BE(codes.length, 6)
  buf.writeUInt16BE(cw, 10)
  buf.writeUInt16BE(ch, 12)
  buf.write(name.slice(0, 31), 14, 'latin1')
  codes.forEach((cp, i) => {
    buf.writeUInt32BE(cp, 46 + i * 6)
    buf.writeUInt16BE(cp === 32 ? 0 : cw - 1, 46 + i * 6 + 4)
    const base = 46 + 6 * codes.length + i * glyphBytes
    if (cp === 32) return
    for (let y = 1; y < ch - 1; y++) {
      // a frame with the code point's bits inside
      const bits = y === 1 || y === ch - 2 ? 0xff : 0x80 | ((cp >> (y % 7)) & 1 ? 0x30 : 0) | 0x08
      buf[base + y * rowBytes] = bits & (0xff << (8 - (cw - 1)))
    }
  })
  return buf
}
