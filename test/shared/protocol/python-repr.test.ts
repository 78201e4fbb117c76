import { describe, expect, it } from 'vitest'
import { parsePythonRepr } from '../../../src/shared/protocol/python-repr'

describe('parsePythonRepr', () => {
  it.each([
    ["{'impl': 'micropython', 'free': 5648, 'ok': True, 'x': None}", { impl: 'micropython', free: 5648, ok: true, x: null }],
    ["('a.txt', -1)", ['a.txt', -1]],
    ["['x', (1, 2), []]", ['x', [1, 2], []]],
    ['"it\'s"', "it's"],
    ["'\\xe9\\u20ac'", 'é€'],
    ["'é€'", 'é€'],
    ['1.5', 1.5],
    ['(1,)', [1]],
    ['{}', {}],
  ])('parses %s', (text, value) => {
    expect(parsePythonRepr(text)).toEqual(value)
  })

  it('parses bytes with every escape MicroPython prints', () => {
    expect(parsePythonRepr("b'\\x00\\xff\\'\"\\\\\\n\\r\\tA'")).toEqual(Uint8Array.of(0, 255, 39, 34, 92, 10, 13, 9, 65))
    expect(parsePythonRepr('b"\'"')).toEqual(Uint8Array.of(39))
  })

  it.each(["'unterminated", "{'a' 1}", '[1, 2', 'b"\u00e9"', "'x' trailing", 'nonsense', "'\\q'"])('rejects %s', (text) => {
    expect(() => parsePythonRepr(text)).toThrow(SyntaxError)
  })
})
