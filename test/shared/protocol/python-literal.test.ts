import { describe, expect, it } from 'vitest'
import { pyBytes, pyBytesLength, pyStr } from '../../../src/shared/protocol/python-literal'
import { parsePythonRepr } from '../../../src/shared/protocol/python-repr'
import { guardedCode } from '../../../src/shared/protocol/guarded-code'

describe('pyStr (the one quoting function for device paths)', () => {
  it.each([
    ['/main.py', "'/main.py'"],
    ["it's", "'it\\'s'"],
    ['a\\b', "'a\\\\b'"],
    ['line\nbreak\r\t', "'line\\nbreak\\r\\t'"],
    ['\x00\x01\x03\x04\x7f', "'\\x00\\x01\\x03\\x04\\x7f'"],
    ['é', "'\\xe9'"],
    ['€', "'\\u20ac'"],
    ['😀', "'\\U0001f600'"],
    ["'); import os; os.remove('x", "'\\'); import os; os.remove(\\'x'"],
  ])('quotes %j as %s', (input, expected) => {
    expect(pyStr(input)).toBe(expected)
  })

  it('only emits printable ASCII, so no raw-REPL control byte can slip through', () => {
    let all = ''
    for (let c = 0; c < 0x3000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCodePoint(c)
    const q = pyStr(all)
    expect(/^[\x20-\x7e]*$/.test(q)).toBe(true)
    expect(parsePythonRepr(q)).toBe(all)
  })

  it('refuses lone surrogates', () => {
    expect(() => pyStr('\ud800')).toThrow(RangeError)
  })
})

describe('pyBytes', () => {
  it('round-trips all 256 byte values through the repr parser', () => {
    const data = new Uint8Array(256).map((_, i) => i)
    const lit = pyBytes(data)
    expect(lit.length).toBe(pyBytesLength(data))
    expect(/^[\x20-\x7e]*$/.test(lit)).toBe(true)
    expect(parsePythonRepr(lit)).toEqual(data)
  })
  it('keeps printable text compact', () => {
    expect(pyBytes(new TextEncoder().encode("print('hi')\n"))).toBe("b'print(\\'hi\\')\\x0a'")
  })
})

describe('guardedCode', () => {
  it('changes the checked length whichever single byte of the string is lost', () => {
    const code = "def f(a):\n\treturn '\\' + a  # é\r\n"
    const g = guardedCode(code)
    const lit = g.slice(3, g.indexOf('\nif len('))
    const n = Number(/len\(_s\)!=(\d+)/.exec(g)![1])
    expect(n).toBe([...code].length + '\ndel _s\n'.length)
    // A Python reading of a single-quoted literal; null where it would not compile (a quote that ends
    // it early, an escape cut short), which the device reports as a SyntaxError anyway.
    const decode = (l: string): string | null => {
      if (l[0] !== "'" || l[l.length - 1] !== "'") return null
      let out = ''
      for (let i = 1; i < l.length - 1; i++) {
        const c = l[i]!
        if (c === "'") return null
        if (c !== '\\') {
          out += c
          continue
        }
        const e = l[++i]
        if (e === undefined || i >= l.length - 1) return null
        const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0
        if (len) {
          const hex = l.slice(i + 1, i + 1 + len)
          if (!/^[0-9a-f]+$/i.test(hex) || hex.length < len || i + len >= l.length - 1) return null
          out += String.fromCodePoint(parseInt(hex, 16))
          i += len
        } else out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e
      }
      return out
    }
    expect([...decode(lit)!].length).toBe(n)
    for (let i = 1; i < lit.length - 1; i++) {
      const damaged = decode(lit.slice(0, i) + lit.slice(i + 1))
      if (damaged !== null) expect([...damaged].length, `byte ${i} lost`).not.toBe(n)
    }
  })

  it('wraps code once: guarding guarded code changes nothing', () => {
    const once = guardedCode("x = 'é'\nprint(x)\n")
    expect(once).toContain("if len(_s)!=25:") // the code and the line that deletes _s
    expect(guardedCode(once)).toBe(once)
  })
})
