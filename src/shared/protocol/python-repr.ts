/**
 * A strict parser for the `repr()` of plain Python values as MicroPython prints them: str, bytes,
 * int, float, True/False/None, tuples, lists and dicts. Lets the device answer structured questions
 * without a json module (the micro:bit firmware has none), and carries file bytes without binascii.
 */

/** A parsed Python value: bytes become Uint8Array, tuples become arrays, dicts become objects. */
export type PyValue = string | number | boolean | null | Uint8Array | PyValue[] | { [key: string]: PyValue }

class Reader {
  i = 0
  constructor(readonly s: string) {}
  fail(what: string): never {
    throw new SyntaxError(`python repr: ${what} at ${this.i} in ${JSON.stringify(this.s.slice(Math.max(0, this.i - 20), this.i + 20))}`)
  }
  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++
  }
  peek(): string {
    return this.s[this.i] ?? ''
  }
  eat(ch: string): boolean {
    this.ws()
    if (this.s.startsWith(ch, this.i)) {
      this.i += ch.length
      return true
    }
    return false
  }
}

function hexAt(r: Reader, n: number): number {
  const h = r.s.slice(r.i, r.i + n)
  if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) r.fail('bad hex escape')
  r.i += n
  return parseInt(h, 16)
}

const SIMPLE_ESCAPES: Record<string, number> = { '\\': 0x5c, "'": 0x27, '"': 0x22, n: 0x0a, r: 0x0d, t: 0x09, a: 0x07, b: 0x08, f: 0x0c, v: 0x0b, '0': 0 }

function parseQuoted(r: Reader, isBytes: boolean): string | Uint8Array {
  const q = r.peek()
  if (q !== "'" && q !== '"') r.fail('expected a quote')
  r.i++
  const bytes: number[] = []
  let text = ''
  for (;;) {
    if (r.i >= r.s.length) r.fail('unterminated literal')
    const ch = r.s[r.i]!
    if (ch === q) {
      r.i++
      break
    }
    if (ch !== '\\') {
      const cp = r.s.codePointAt(r.i)!
      if (isBytes) {
        if (cp > 0x7f) r.fail('non-ASCII character in bytes literal')
        bytes.push(cp)
      } else text += String.fromCodePoint(cp)
      r.i += cp > 0xffff ? 2 : 1
      continue
    }
    r.i++
    const e = r.s[r.i++] ?? r.fail('dangling backslash')
    let cp: number
    if (e in SIMPLE_ESCAPES) cp = SIMPLE_ESCAPES[e]!
    else if (e === 'x') cp = hexAt(r, 2)
    else if (e === 'u' && !isBytes) cp = hexAt(r, 4)
    else if (e === 'U' && !isBytes) cp = hexAt(r, 8)
    else r.fail(`unknown escape \\${e}`)
    if (isBytes) bytes.push(cp)
    else text += String.fromCodePoint(cp)
  }
  return isBytes ? Uint8Array.from(bytes) : text
}

function parseValue(r: Reader): PyValue {
  r.ws()
  const c = r.peek()
  if (c === "'" || c === '"') return parseQuoted(r, false)
  if (c === 'b' && (r.s[r.i + 1] === "'" || r.s[r.i + 1] === '"')) {
    r.i++
    return parseQuoted(r, true)
  }
  if (c === '(' || c === '[') {
    const close = c === '(' ? ')' : ']'
    r.i++
    const items: PyValue[] = []
    while (!r.eat(close)) {
      items.push(parseValue(r))
      if (!r.eat(',')) {
        if (!r.eat(close)) r.fail(`expected , or ${close}`)
        break
      }
    }
    return items
  }
  if (c === '{') {
    r.i++
    const obj: { [k: string]: PyValue } = {}
    while (!r.eat('}')) {
      const k = parseValue(r)
      if (typeof k !== 'string' && typeof k !== 'number') r.fail('dict keys must be str or int')
      if (!r.eat(':')) r.fail('expected :')
      obj[String(k)] = parseValue(r)
      if (!r.eat(',')) {
        if (!r.eat('}')) r.fail('expected , or }')
        break
      }
    }
    return obj
  }
  for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
    if (r.s.startsWith(word, r.i)) {
      r.i += word.length
      return v
    }
  }
  const m = /^-?(\d+\.?\d*(e[+-]?\d+)?|inf|nan)/i.exec(r.s.slice(r.i))
  if (m) {
    r.i += m[0].length
    const t = m[0].toLowerCase()
    if (t.endsWith('inf')) return t.startsWith('-') ? -Infinity : Infinity
    if (t === 'nan') return NaN
    return Number(m[0])
  }
  return r.fail('unexpected character')
}

/** Parses one Python repr; throws SyntaxError on anything else (including trailing text). */
export function parsePythonRepr(text: string): PyValue {
  const r = new Reader(text)
  const v = parseValue(r)
  r.ws()
  if (r.i !== text.length) r.fail('trailing text')
  return v
}
