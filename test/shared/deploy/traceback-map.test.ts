import { describe, expect, it } from 'vitest'
import { innermostProjectFrame, mapFrames, rewriteTraceback } from '../../../src/shared/deploy/traceback-map'

const table = new Map([
  ['/system/apps/x/__init__.py', 'apps/x/__init__.py'],
  ['/system/apps/x/lib.py', 'apps/x/lib.py'],
  ['/apps-y-__init__.py', 'apps/y/__init__.py'],
])

describe('traceback mapping', () => {
  const tb = 'Traceback (most recent call last):\r\n  File "<stdin>", line 12, in <module>\r\n  File "/system/apps/x/__init__.py", line 7, in update\r\n  File "lib.py", line 3, in f\r\nZeroDivisionError: division by zero\r\n'
  it('maps badge paths, relative names and leaves <stdin> alone', () => {
    expect(mapFrames(tb, table).map((f) => [f.rel, f.line])).toEqual([
      [null, 12],
      ['apps/x/__init__.py', 7],
      ['apps/x/lib.py', 3],
    ])
    expect(innermostProjectFrame(tb, table)).toEqual({ rel: 'apps/x/lib.py', line: 3 })
  })
  it('rewrites frames to project paths', () => {
    const out = rewriteTraceback(tb, table)
    expect(out).toContain('File "apps/x/__init__.py", line 7')
    expect(out).toContain('File "<stdin>", line 12')
  })
  it('maps flat device names', () => {
    expect(innermostProjectFrame('  File "apps-y-__init__.py", line 2, in <module>\n', table)).toEqual({ rel: 'apps/y/__init__.py', line: 2 })
  })
})
