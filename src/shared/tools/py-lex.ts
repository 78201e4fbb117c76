/**
 * A small Python tokenizer for the IDE's minimal source edits (secrets.py, the launcher's app list).
 * It knows strings (prefixes, triple quotes, escapes), comments, brackets, line continuations and
 * logical lines; it is not a full Python lexer (no indentation tokens, no f-string internals). Every
 * token keeps its exact source span, so edits can splice text and leave everything else untouched.
 */

/** Kinds of token. `newline` ends a logical line; `nl` is a line break inside brackets or a blank line. */
export type PyTokenType = 'name' | 'number' | 'string' | 'op' | 'comment' | 'newline' | 'nl' | 'error'

/** One token with its source span (`text === source.slice(start, end)`). */
export interface PyToken {
  type: PyTokenType
  start: number
  end: number
  text: string
  /** Bracket depth before this token. */
  depth: number
  /** True when the token is the first non-blank token on its physical line. */
  lineStart: boolean
  /** Column (in UTF-16 units) of the token on its physical line. */
  col: number
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(?='|")/
const NAME = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/
const OPS3 = ['**=', '//=', '>>=', '<<=', '...']
const OPS2 = ['==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '//', '<<', '>>', '->', ':=', '@=']

/** Splits Python source into tokens. Never throws: an unterminated string becomes an `error` token. */
export function tokenize(source: string): PyToken[] {
  const out: PyToken[] = []
  let i = 0
  let depth = 0
  let lineBegin = 0
  let sawTokenOnLine = false
  const push = (type: PyTokenType, start: number, end: number): void => {
    out.push({ type, start, end, text: source.slice(start, end), depth, lineStart: !sawTokenOnLine, col: start - lineBegin })
    sawTokenOnLine = true
  }
  while (i < source.length) {
    const c = source[i]!
    if (c === ' ' || c === '\t' || c === '\f') {
      i++
      continue
    }
    if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3
      lineBegin = i
      continue
    }
    if (c === '\n' || c === '\r') {
      const end = c === '\r' && source[i + 1] === '\n' ? i + 2 : i + 1
      const type: PyTokenType = depth === 0 && hasCodeOnLine(out) ? 'newline' : 'nl'
      out.push({ type, start: i, end, text: source.slice(i, end), depth, lineStart: !sawTokenOnLine, col: i - lineBegin })
      i = end
      lineBegin = i
      sawTokenOnLine = false
      continue
    }
    if (c === '#') {
      let j = i
      while (j < source.length && source[j] !== '\n' && source[j] !== '\r') j++
      push('comment', i, j)
      i = j
      continue
    }
    const rest = source.slice(i, i + 4)
    const prefix = STRING_PREFIX.exec(source.slice(i, i + 3))
    if (prefix) {
      const end = scanString(source, i + prefix[0].length, /[rR]/.test(prefix[0]))
      push(end < 0 ? 'error' : 'string', i, end < 0 ? lineEndOf(source, i) : end)
      i = end < 0 ? lineEndOf(source, i) : end
      continue
    }
    const num = /[0-9.]/.test(c) ? NUMBER.exec(source.slice(i, i + 64)) : null
    if (num && num[0] !== '.' && num[0] !== '') {
      push('number', i, i + num[0].length)
      i += num[0].length
      continue
    }
    const name = NAME.exec(source.slice(i, i + 256))
    if (name) {
      push('name', i, i + name[0].length)
      i += name[0].length
      continue
    }
    const op = OPS3.find((o) => rest.startsWith(o)) ?? OPS2.find((o) => rest.startsWith(o)) ?? c
    if (op === '(' || op === '[' || op === '{') {
      push('op', i, i + 1)
      depth++
    } else if (op === ')' || op === ']' || op === '}') {
      depth = Math.max(0, depth - 1)
      push('op', i, i + 1)
    } else {
      push('op', i, i + op.length)
    }
    i += op.length
  }
  if (sawTokenOnLine && hasCodeOnLine(out)) {
    out.push({ type: 'newline', start: source.length, end: source.length, text: '', depth, lineStart: false, col: source.length - lineBegin })
  }
  return out
}

// True when the current physical line (since the last newline token) has a non-comment token.
function hasCodeOnLine(out: PyToken[]): boolean {
  for (let k = out.length - 1; k >= 0; k--) {
    const t = out[k]!
    if (t.type === 'newline' || t.type === 'nl') return false
    if (t.type !== 'comment') return true
  }
  return false
}

function lineEndOf(source: string, i: number): number {
  let j = i
  while (j < source.length && source[j] !== '\n' && source[j] !== '\r') j++
  return j
}

/** Scans a string body starting at its opening quote; returns the index after the closing quote, or -1. */
function scanString(source: string, q: number, _raw: boolean): number {
  const quote = source[q]!
  const triple = source.startsWith(quote.repeat(3), q)
  let j = q + (triple ? 3 : 1)
  while (j < source.length) {
    const ch = source[j]!
    // Backslash escapes the next character in raw strings too (r"\"" is a valid literal).
    if (ch === '\\') {
      j += 2
      continue
    }
    if (!triple && (ch === '\n' || ch === '\r')) return -1
    if (triple ? source.startsWith(quote.repeat(3), j) : ch === quote) return j + (triple ? 3 : 1)
    j++
  }
  return -1
}

/** Groups tokens into logical lines (each ends with its `newline` token, which is included). */
export function logicalLines(tokens: PyToken[]): PyToken[][] {
  const lines: PyToken[][] = []
  let cur: PyToken[] = []
  for (const t of tokens) {
    if (t.type === 'nl' && cur.every((x) => x.type === 'comment')) {
      cur = []
      continue
    }
    cur.push(t)
    if (t.type === 'newline') {
      lines.push(cur)
      cur = []
    }
  }
  return lines
}

/** Result of {@link decodePyString}: the value, or null when the literal is not a plain text string. */
export type DecodedString = { value: string; quote: string; triple: boolean; raw: boolean } | null

/**
 * Decodes a Python string literal token (`'a'`, `"b\\n"`, `r'c'`, `'''d'''`, `u"e"`). Bytes and
 * f-strings, and escapes this decoder does not know (`\N{...}`), give null (kept as raw source).
 */
export function decodePyString(text: string): DecodedString {
  const m = /^([rRuU]?)('''|"""|'|")/.exec(text)
  if (!m) return null
  const raw = /[rR]/.test(m[1]!)
  const quote = m[2]!
  const body = text.slice(m[0].length, text.length - quote.length)
  if (!text.endsWith(quote) || text.length < m[0].length + quote.length) return null
  if (raw) return { value: body, quote: quote[0]!, triple: quote.length === 3, raw }
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (ch !== '\\') {
      out += ch
      continue
    }
    const n = body[++i]
    if (n === undefined) return null
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' }
    if (n === '\n') continue
    if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8
      const hex = body.slice(i + 1, i + 1 + len)
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return null
      const cp = parseInt(hex, 16)
      if (cp > 0x10ffff) return null
      out += String.fromCodePoint(cp)
      i += len
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0]
      out += String.fromCharCode(parseInt(oct, 8))
      i += oct.length - 1
    } else if (n in simple) {
      out += simple[n]
    } else if (n === 'N') {
      return null
    } else {
      out += '\\' + n
    }
  }
  return { value: out, quote: quote[0]!, triple: quote.length === 3, raw: false }
}

/**
 * Encodes `value` as a single-line Python string literal, using `quote` (`"` by default, or the other
 * quote when that needs fewer escapes). Non-ASCII characters stay as they are (source is UTF-8);
 * control characters are escaped.
 */
export function encodePyString(value: string, quote: '"' | "'" = '"'): string {
  const other = quote === '"' ? "'" : '"'
  const q = value.includes(quote) && !value.includes(other) ? other : quote
  let out = q
  for (const ch of value) {
    const cp = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === q) out += '\\' + q
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0')
    else if (cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16)
    else out += ch
  }
  return out + q
}
