import { afterAll, describe, expect, it, vi } from 'vitest'
import { CheckService } from '../../../../src/main/services/check/check-service'
import { MAX_CHECK_SOURCE, SyntaxChecker } from '../../../../src/main/services/check/syntax-checker'

const service = new CheckService()
afterAll(() => service.dispose())

/** `line: message` of the badge's compiler for `src`, or 'ok'. */
async function mp(src: string): Promise<string> {
  const [d] = await service.syntax('apps/demo/__init__.py', src)
  return d ? `${d.line}: ${d.message}` : 'ok'
}

describe('syntax errors from MicroPython’s compiler', () => {
  it('reports the line and the message of the badge’s compiler', async () => {
    expect(await mp('x = 1\nif x\n    pass\n')).toBe('2: SyntaxError: invalid syntax')
    expect(await mp('x = 1\n  y = 2\n')).toBe('2: IndentationError: unexpected indent')
    expect(await mp('def f():\n    return 1\n\nreturn 2\n')).toBe("4: SyntaxError: 'return' outside function")
    expect(await mp('from badgeware import screen\n\ndef update():\n    screen.clear()\n')).toBe('ok')
  })

  // Each of these compiles under CPython 3.11 (checked by hand: `compile(src, 'f.py', 'exec')`) and is
  // refused by the badge's MicroPython: a desktop linter would let them through.
  it.each([
    ['match statement', 'match x:\n    case 1:\n        pass\n', '1: SyntaxError: invalid syntax'],
    ['positional-only parameters', 'def f(a, /, b):\n    pass\n', '1: SyntaxError: invalid syntax'],
    ['parenthesised context managers', 'with (open("a") as f, open("b") as g):\n    pass\n', '1: SyntaxError: invalid syntax'],
    ['except*', 'try:\n    pass\nexcept* ValueError:\n    pass\n', '3: SyntaxError: invalid syntax'],
    ['a number run into a keyword', 'y = 1if x else 2\n', "1: SyntaxError: invalid syntax for integer with base 10: '1if'"],
    ['\\N{...} escapes', 'dash = "\\N{EM DASH}"\n', '1: NotImplementedError: unicode name escapes'],
    ['await in an async comprehension', 'async def f(z):\n    return [await y async for y in z]\n', '2: SyntaxError: invalid syntax'],
  ])('refuses what CPython accepts: %s', async (_what, src, expected) => {
    expect(await mp(src)).toBe(expected)
  })

  // Each of these is a SyntaxError (or TabError) under CPython 3.11 and compiles on the badge: an
  // error a desktop linter would report that the badge does not have.
  it.each([
    ['an unparenthesised generator argument', 'f(a for a in b, c)\n'],
    ['a repeated keyword argument', 'f(x=1, x=2)\n'],
    ['a bare * without keyword-only parameters', 'def f(*):\n    pass\n'],
    ['global after assignment', 'def f():\n    global x\n    x = 1\n    global x\n'],
    ['yield from in an async function', 'async def f():\n    yield from g()\n'],
    ['an empty f-string expression', 'print(f"{}")\n'],
    ['tabs and spaces mixed', 'if 1:\n\tx = 1\n        y = 2\n'],
  ])('accepts what CPython refuses: %s', async (_what, src) => {
    expect(await mp(src)).toBe('ok')
  })

  it('never runs the code it checks', async () => {
    // Would raise at run time (and print); compiling it is fine.
    expect(await mp('print("ran")\nraise SystemExit\nimport nothing_here\n')).toBe('ok')
  })

  it('refuses a source over the bound with a warning, and checks one at the bound', async () => {
    const big = 'x = 1\n'.repeat(Math.ceil((MAX_CHECK_SOURCE + 1) / 6))
    const [d] = await service.syntax('big.py', big)
    expect(d).toMatchObject({ severity: 'warning', line: 1 })
    expect(d!.message).toContain(`up to ${MAX_CHECK_SOURCE}`)
    expect(await mp('#'.repeat(MAX_CHECK_SOURCE - 7) + '\nx = (\n')).toBe('2: SyntaxError: invalid syntax')
  })

  it('hands over to a fresh interpreter after its share of compiles, and answers the same', async () => {
    const checker = new SyntaxChecker({ compilesPerInterpreter: 2 })
    try {
      const answers: Array<string | null> = []
      for (let i = 0; i < 2; i++) answers.push(await checker.compile('a.py', i % 2 ? 'x = (\n' : 'x = 1\n'))
      // The next one starts as soon as the second compile is answered, before anything asks.
      await vi.waitFor(() => expect(checker.started).toBe(2))
      for (let i = 2; i < 5; i++) answers.push(await checker.compile('a.py', i % 2 ? 'x = (\n' : 'x = 1\n'))
      expect(answers.map((a) => (a === null ? 'ok' : a.trim().split('\n').pop()))).toEqual(['ok', 'SyntaxError: invalid syntax', 'ok', 'SyntaxError: invalid syntax', 'ok'])
      expect(checker.started).toBe(3)
    } finally {
      await checker.dispose()
    }
  })

  it('answers queued requests in order', async () => {
    const results = await Promise.all(['a = 1\n', 'b = (\n', 'def c(:\n'].map((s, i) => service.syntax(`f${i}.py`, s)))
    expect(results.map((r) => r.map((d) => `${d.path}:${d.line}`))).toEqual([[], ['f1.py:1'], ['f2.py:1']])
  })
})
