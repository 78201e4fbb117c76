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
  it('wraps code once: guarding guarded code changes nothing', () => {
    const once = guardedCode("x = 'é'\nprint(x)\n")
    expect(once).toContain("if len(_s)!=25:") // the code and the line that deletes _s
    expect(guardedCode(once)).toBe(once)
  })
})
