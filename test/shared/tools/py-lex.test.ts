import { describe, expect, it } from 'vitest'
import { decodePyString, encodePyString, logicalLines, tokenize } from '../../../src/shared/tools/py-lex'

describe('tokenize', () => {
  it('keeps exact spans and splits logical lines across brackets, continuations and triple quotes', () => {
    const src = 'A = [1,\n  "x#y",  # c\n]\nB = 1 + \\\n  2\nC = """a\nb"""\n# only a comment\n\nD = 4'
    const toks = tokenize(src)
    for (const t of toks) expect(src.slice(t.start, t.end)).toBe(t.text)
    const lines = logicalLines(toks).map((l) => l.filter((t) => t.type === 'name').map((t) => t.text))
    expect(lines).toEqual([['A'], ['B'], ['C'], ['D']])
    expect(toks.find((t) => t.type === 'string' && t.text === '"x#y"')).toBeDefined()
    expect(toks.filter((t) => t.type === 'comment').map((t) => t.text)).toEqual(['# c', '# only a comment'])
  })

  it('turns an unterminated string into an error token instead of throwing', () => {
    const toks = tokenize('A = "oops\nB = 2\n')
    expect(toks.some((t) => t.type === 'error')).toBe(true)
    expect(logicalLines(toks).map((l) => l[0]!.text)).toEqual(['A', 'B'])
  })
})

describe('string literals', () => {
  it.each([
    [`'a\\'b'`, "a'b"], [`"\\x41\\u00e9\\U0001F600\\101\\n"`, 'Aé😀A\n'], [`r'\\d+'`, '\\d+'], [`u"ü"`, 'ü'],
    [`'''x'y'''`, "x'y"], [`"\\q"`, '\\q'],
  ])('decodes %s', (lit, value) => expect(decodePyString(lit)?.value).toBe(value))

  it('refuses bytes, f-strings and \\N escapes', () => {
    expect(decodePyString(`b'x'`)).toBeNull()
    expect(decodePyString(`f'{x}'`)).toBeNull()
    expect(decodePyString(`'\\N{BULLET}'`)).toBeNull()
  })

  it.each(['plain', `it's`, `say "hi"`, `both ' "`, 'a\\b', 'tab\t\nnl', 'ünï 😀', '\u0000\u007f'])('round-trips %j', (v) => {
    const lit = encodePyString(v)
    expect(lit).not.toMatch(/[\n\r]/)
    expect(decodePyString(lit)?.value).toBe(v)
  })
})
