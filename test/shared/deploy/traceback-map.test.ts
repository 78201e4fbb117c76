import { describe, expect, it } from 'vitest'
import { deployResolver, rewriteTraceback } from '../../../src/shared/deploy/traceback-map'
import { innermostProjectFrame, parseFrames } from '../../../src/shared/traceback'

const table = new Map([
  ['/system/apps/x/__init__.py', 'apps/x/__init__.py'],
  ['/system/apps/x/lib.py', 'apps/x/lib.py'],
  ['/apps-y-__init__.py', 'apps/y/__init__.py'],
])

describe('traceback mapping', () => {
  const tb = 'Traceback (most recent call last):\r\n  File "<stdin>", line 12, in <module>\r\n  File "/system/apps/x/__init__.py", line 7, in update\r\n  File "lib.py", line 3, in f\r\nZeroDivisionError: division by zero\r\n'
  it('maps badge paths, relative names and leaves <stdin> alone', () => {
    const frames = parseFrames(tb, deployResolver(table))
    expect(frames.map((f) => [f.file, f.line, f.fn])).toEqual([
      [null, 12, '<module>'],
      ['apps/x/__init__.py', 7, 'update'],
      ['apps/x/lib.py', 3, 'f'],
    ])
    expect(innermostProjectFrame(frames)).toMatchObject({ file: 'apps/x/lib.py', line: 3 })
  })
  it('rewrites frames to project paths, keeping the rest byte for byte', () => {
    const out = rewriteTraceback(tb, table)
    expect(out).toBe(tb.replace('"/system/apps/x/__init__.py"', '"apps/x/__init__.py"').replace('"lib.py"', '"apps/x/lib.py"'))
  })
  it('maps flat device names', () => {
    expect(innermostProjectFrame(parseFrames('  File "apps-y-__init__.py", line 2, in <module>\n', deployResolver(table)))).toMatchObject({ file: 'apps/y/__init__.py', line: 2 })
  })
})
