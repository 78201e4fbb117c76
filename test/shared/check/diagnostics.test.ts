import { describe, expect, it } from 'vitest'
import { compilerDiagnostic, formatDiagnostic, lineSpan, sortDiagnostics, type Diagnostic } from '../../../src/shared/check/diagnostics'

describe('diagnostics', () => {
  it("reads the file's line and the message from MicroPython's report of a failed compile()", () => {
    const report = 'Traceback (most recent call last):\n  File "<stdin>", line 5, in _chk\n  File "apps/a/__init__.py", line 2\nSyntaxError: invalid syntax\n'
    expect(compilerDiagnostic('apps/a/__init__.py', 'x = 1\n    if x\n', report)).toEqual({
      path: 'apps/a/__init__.py', line: 2, col: 5, endLine: 2, endCol: 9, severity: 'error', message: 'SyntaxError: invalid syntax', source: 'micropython',
    })
  })

  it('puts a failure without a line of the file on line 1, and a line past the end on the last line', () => {
    const noLine = 'Traceback (most recent call last):\n  File "<stdin>", line 5, in _chk\nNotImplementedError: unicode name escapes\n'
    expect(compilerDiagnostic('a.py', 'x = "\\N{DASH}"\n', noLine)).toMatchObject({ line: 1, message: 'NotImplementedError: unicode name escapes' })
    // An unclosed bracket is reported on the line after the last one.
    const eof = '  File "a.py", line 3\nSyntaxError: invalid syntax\n'
    expect(compilerDiagnostic('a.py', 'a = 1\nx = (1,\n', eof)).toMatchObject({ line: 2, col: 1, endCol: 8 })
  })

  it('spans a blank line by one column so the underline shows', () => {
    expect(lineSpan('a\n\nb', 2)).toEqual({ line: 2, col: 1, endCol: 2 })
  })

  it('formats as file:line:col: message and sorts by file then position', () => {
    const d = (path: string, line: number, col: number): Diagnostic => ({ path, line, col, endLine: line, endCol: col + 1, severity: 'error', message: 'm', source: 'badgeware' })
    expect(formatDiagnostic(d('apps/a/__init__.py', 3, 7))).toBe('apps/a/__init__.py:3:7: m')
    expect(sortDiagnostics([d('b.py', 1, 1), d('a.py', 2, 1), d('a.py', 1, 5), d('a.py', 1, 2)]).map(formatDiagnostic)).toEqual(['a.py:1:2: m', 'a.py:1:5: m', 'a.py:2:1: m', 'b.py:1:1: m'])
  })
})
