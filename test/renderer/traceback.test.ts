import { describe, expect, it } from 'vitest'
import { projectResolver, resolveProjectPath } from '../../src/renderer/src/lib/traceback'
import { innermostProjectFrame, parseExceptionLine, parseFrames, plainFrames } from '../../src/shared/traceback'

const FILES = new Set(['apps/hello/__init__.py', 'main.py', 'lib/util.py'])
const TB = `Traceback (most recent call last):
  File "/system/apps/hello/__init__.py", line 12, in update
  File "lib/util.py", line 3, in helper
  File "<stdin>", line 1
ZeroDivisionError: divide by zero`

describe('traceback frames', () => {
  it('finds File "...", line N with its offsets (the link covers the path and line)', () => {
    const [f] = parseFrames('  File "/system/apps/hello/__init__.py", line 12, in update')
    expect(f).toEqual({ vfsPath: '/system/apps/hello/__init__.py', file: null, line: 12, fn: 'update', start: 2, end: 48 })
    expect(parseFrames('no frame here')).toEqual([])
    expect(plainFrames(parseFrames('File "<stdin>", line 1\r\n'))).toEqual([{ vfsPath: '<stdin>', file: null, line: 1 }])
  })

  it('maps device and emulator paths to project files by their longest matching tail', () => {
    expect(resolveProjectPath('/system/apps/hello/__init__.py', FILES)).toBe('apps/hello/__init__.py')
    expect(resolveProjectPath('apps/hello/__init__.py', FILES)).toBe('apps/hello/__init__.py')
    expect(resolveProjectPath('/main.py', FILES)).toBe('main.py')
    expect(resolveProjectPath('<stdin>', FILES)).toBeNull()
    expect(resolveProjectPath('/frozen/badgeware.py', FILES)).toBeNull()
  })

  it('returns the innermost project frame of a traceback and its exception', () => {
    expect(innermostProjectFrame(parseFrames(TB, projectResolver(FILES)))).toMatchObject({ file: 'lib/util.py', line: 3, fn: 'helper' })
    expect(innermostProjectFrame(parseFrames('Traceback:\n  File "<stdin>", line 1', projectResolver(FILES)))).toBeUndefined()
    expect(parseExceptionLine(TB)).toEqual({ type: 'ZeroDivisionError', message: 'divide by zero' })
    expect(parseExceptionLine('MemoryError\r\n\r\n')).toEqual({ type: 'MemoryError', message: '' })
    expect(parseExceptionLine('some words here')).toBeUndefined()
  })
})
