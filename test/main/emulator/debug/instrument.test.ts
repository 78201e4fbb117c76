/**
 * The debugger's instrumenter on real-world shapes: each program runs as written and
 * instrumented (stepping every line) in the emulator's MicroPython, and must print the same,
 * raise with the same traceback lines, and stop on the lines and with the locals expected.
 */
import { describe, expect, it } from 'vitest'
import { instrumentSource } from '../../../../src/main/emulator/instrument'
import { runFiles } from './trace-harness'

/** Runs `src` both ways; returns the instrumented run after checking the outputs agree. */
async function both(src: string, extra: Record<string, string> = {}) {
  const files = { 'prog.py': src, ...extra }
  const plain = await runFiles(files, 'prog', { instrument: false })
  const traced = await runFiles(files, 'prog', { instrument: true })
  expect(traced.out).toBe(plain.out)
  return { plain, traced }
}

const linesOf = (stops: Array<{ line: number; file: string }>, file = 'prog.py') => stops.filter((s) => s.file === file).map((s) => s.line)

describe('instrumentSource', () => {
  it('keeps every line where it was and hooks each statement line once', () => {
    const src = 'import time\nx = 1; y = 2\nif x:\n    y = 3\nelse:\n    pass\n'
    const r = instrumentSource(src, 0)!
    expect(r.code.split('\n')).toHaveLength(src.split('\n').length)
    expect(r.lines).toEqual([1, 2, 3, 4, 6])
    // Each instrumented line holds its original characters in order (only insertions).
    const keeps = (orig: string, done: string): boolean => {
      let j = 0
      for (const ch of done) if (ch === orig[j]) j++
      return j === orig.length
    }
    for (const [i, line] of src.split('\n').entries()) expect(keeps(line, r.code.split('\n')[i])).toBe(true)
  })

  it('leaves a file the parser cannot read exactly as it is', () => {
    expect(instrumentSource('def f(:\n  pass\n', 0)).toBeNull()
  })

  it('nested functions, closures and nonlocal', async () => {
    const { traced } = await both(
      [
        'def outer(a):',
        '    n = 0',
        '    def inner(b):',
        '        nonlocal n',
        '        n += b',
        '        return n',
        '    inner(a)',
        '    return inner(1)',
        'print(outer(4))',
      ].join('\n'),
    )
    const inner = traced.stops.filter((s) => s.fn === 'inner')
    expect(inner.map((s) => s.line)).toEqual([5, 6, 5, 6])
    // nonlocal names are not the inner function's locals; its parameter is.
    expect(inner[0].locals).toEqual({ b: '4' })
    expect(inner[0].depth).toBe(3) // the module, outer, inner
    expect(traced.stops.find((s) => s.line === 8)?.locals).toMatchObject({ a: '4', n: '4' })
  })

  it('classes, methods, decorators and lambdas', async () => {
    const { traced } = await both(
      [
        'def deco(f):',
        '    def w(*a):',
        '        return f(*a) * 2',
        '    return w',
        'class P:',
        '    scale = 3',
        '    def __init__(self, v):',
        '        self.v = v',
        '    @deco',
        '    def get(self):',
        '        k = lambda t: t + 1',
        '        return k(self.v) * self.scale',
        'print(P(1).get())',
      ].join('\n'),
    )
    expect(linesOf(traced.stops)).toEqual(expect.arrayContaining([6, 8, 3, 11, 12]))
    expect(traced.stops.find((s) => s.line === 12)?.locals).toMatchObject({ self: expect.stringContaining('P'), k: expect.stringContaining('function') })
  })

  it('comprehensions and generators', async () => {
    const { traced } = await both(
      [
        'def gen(n):',
        '    i = 0',
        '    while i < n:',
        '        yield i * i',
        '        i += 1',
        'sq = [v for v in gen(3)]',
        'd = {k: k + 1 for k in sq if k}',
        'print(sq, sorted(d.items()), sum(x for x in range(4)))',
      ].join('\n'),
    )
    // The generator's lines run interleaved with the comprehension that drives it.
    expect(linesOf(traced.stops).filter((l) => l >= 3 && l <= 5)).toEqual([3, 4, 5, 3, 4, 5, 3, 4, 5, 3])
    expect(traced.stops.filter((s) => s.line === 4).map((s) => s.locals.i)).toEqual(['0', '1', '2'])
  })

  it('global, multi-line statements and backslashes', async () => {
    const { traced } = await both(
      [
        'total = 0',
        'def add(values,',
        '        extra=0):',
        '    global total',
        '    total += sum(values) + \\',
        '        extra',
        '    return (total',
        '            * 2)',
        'print(add([1, 2,',
        '           3], extra=1))',
        'print(total)',
      ].join('\n'),
    )
    expect(linesOf(traced.stops)).toEqual([1, 9, 5, 7, 11])
    // A global is not a local of add().
    expect(traced.stops.find((s) => s.line === 5)?.locals).toEqual({ values: '[1, 2, 3]', extra: '1' })
  })

  it('try/except/finally, del and except-as in a loop', async () => {
    const { traced } = await both(
      [
        'def f():',
        '    e = 0',
        '    out = []',
        '    for i in range(3):',
        '        out.append(i)',
        '        try:',
        '            if i == 1:',
        '                raise ValueError(i)',
        '        except ValueError as e:',
        '            out.append("caught")',
        '        finally:',
        '            tmp = i',
        '            del tmp',
        '    return out',
        'print(f())',
      ].join('\n'),
    )
    // After an except-as the name is gone: it is passed only inside its handler.
    expect(traced.stops.find((s) => s.line === 5)?.locals).not.toHaveProperty('e')
    expect(traced.stops.find((s) => s.line === 10)?.locals).toHaveProperty('e', 'ValueError(1,)')
  })

  it('with statements and walrus', async () => {
    const { traced } = await both(
      [
        'class CM:',
        '    def __enter__(self):',
        '        return 5',
        '    def __exit__(self, *a):',
        '        return False',
        'def g():',
        '    with CM() as v:',
        '        w = v + 1',
        '    if (z := w * 2) > 3:',
        '        return z',
        'print(g())',
      ].join('\n'),
    )
    expect(traced.stops.find((s) => s.line === 8)?.locals).toEqual({ v: '5' })
    expect(traced.stops.find((s) => s.line === 10)?.locals).toMatchObject({ v: '5', w: '6', z: '12' })
  })

  it('a function whose first statement is a while loop keeps one stack entry', async () => {
    const { traced } = await both(['def spin(n):', '    while n:', '        n -= 1', '    return n', 'print(spin(3))'].join('\n'))
    const spin = traced.stops.filter((s) => s.fn === 'spin')
    expect(new Set(spin.map((s) => s.depth))).toEqual(new Set([2]))
  })

  it('a file starting with a compound statement reads the hooks from builtins', async () => {
    const src = ['def first():', '    return 7', 'print(first())'].join('\n')
    expect(instrumentSource(src, 0)!.code.startsWith('def first():')).toBe(true)
    const { traced } = await both(src)
    expect(linesOf(traced.stops)).toEqual([3, 2])
  })

  it('tracebacks keep the user file line numbers', async () => {
    const { plain, traced } = await both(
      ['def a(x):', '    return 10 // x', 'def b():', '    y = 0', '    return a(y)', 'b()'].join('\n'),
      {},
    )
    expect(plain.out).toMatch(/line 2/)
    expect(plain.out).toMatch(/line 5/)
    expect(traced.out).toBe(plain.out)
  })

  it('imported modules get their own file ids', async () => {
    const { traced } = await both('import helper\nprint(helper.twice(4))', { 'helper.py': 'def twice(n):\n    return n * 2\n' })
    expect(traced.stops.map((s) => `${s.file}:${s.line}`)).toEqual(['prog.py:1', 'prog.py:2', 'helper.py:2'])
  })
})

describe('stepping', () => {
  const src = ['def sq(n):', '    r = n * n', '    return r', 'a = sq(2)', 'b = sq(3)', 'print(a + b)'].join('\n')

  it('step over stays in the frame, step out returns to the caller', async () => {
    const answers = new Map<number, string>([
      [1, 'into'], // line 4 → into sq → 2
      [2, 'over'], // line 2 → 3
      [3, 'out'], // line 3 → out → back at module level: line 5
      [4, 'over'], // line 5 → over the call → 6
      [5, 'continue'],
    ])
    const r = await runFiles({ 'prog.py': src }, 'prog', { instrument: true, answer: (_s, n) => answers.get(n) ?? 'continue' })
    expect(r.stops.map((s) => s.line)).toEqual([4, 2, 3, 5, 6])
    expect(r.out).toBe('13\n')
  })

  it('breakpoints with a condition stop only when it holds', async () => {
    const loop = ['for i in range(6):', '    j = i * 2', 'print("done")'].join('\n')
    const r = await runFiles({ 'prog.py': loop }, 'prog', {
      instrument: true,
      answer: () => 'continue',
      config: { pause: 0, breakpoints: { 0: [[2, 'i > 3']] } },
    })
    expect(r.stops.map((s) => s.line)).toEqual([2, 2])
    expect(r.out).toBe('done\n')
  })
})
