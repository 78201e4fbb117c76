import { describe, expect, it } from 'vitest'
import { findFrames, lastProjectFrame, resolveProjectPath } from '../../src/renderer/src/lib/traceback'

const FILES = new Set(['apps/hello/__init__.py', 'main.py', 'lib/util.py'])
const TB = `Traceback (most recent call last):
  File "/system/apps/hello/__init__.py", line 12, in update
  File "lib/util.py", line 3, in helper
  File "<stdin>", line 1
ZeroDivisionError: divide by zero`

describe('traceback frames', () => {
  it('finds File "...", line N with its offsets', () => {
    const [f] = findFrames('  File "/system/apps/hello/__init__.py", line 12, in update')
    expect(f).toEqual({ file: '/system/apps/hello/__init__.py', line: 12, start: 2, end: 48 })
    expect(findFrames('no frame here')).toEqual([])
  })

  it('maps device and emulator paths to project files by their longest matching tail', () => {
    expect(resolveProjectPath('/system/apps/hello/__init__.py', FILES)).toBe('apps/hello/__init__.py')
    expect(resolveProjectPath('apps/hello/__init__.py', FILES)).toBe('apps/hello/__init__.py')
    expect(resolveProjectPath('/main.py', FILES)).toBe('main.py')
    expect(resolveProjectPath('<stdin>', FILES)).toBeNull()
    expect(resolveProjectPath('/frozen/badgeware.py', FILES)).toBeNull()
  })

  it('returns the innermost project frame of a traceback', () => {
    expect(lastProjectFrame(TB, FILES)).toEqual({ path: 'lib/util.py', line: 3 })
    expect(lastProjectFrame('Traceback:\n  File "<stdin>", line 1', FILES)).toBeNull()
  })
})
