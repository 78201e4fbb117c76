import { describe, expect, it } from 'vitest'
import { checkRelPath, joinRel, parentOf } from '../../../src/shared/project/paths'

describe('checkRelPath', () => {
  it.each([
    ['apps/hello/__init__.py', 'apps/hello/__init__.py'],
    ['./apps//hello/./x.py', 'apps/hello/x.py'],
    ['main.py', 'main.py'],
    ['assets/ünïcødé.png', 'assets/ünïcødé.png'],
  ])('accepts %j as %j', (input, normalised) => {
    expect(checkRelPath(input)).toEqual({ ok: true, path: normalised })
  })

  it.each([
    ['', 'PATH_EMPTY'],
    ['./', 'PATH_EMPTY'],
    ['../secrets.py', 'PATH_TRAVERSAL'],
    ['apps/../../etc/passwd', 'PATH_TRAVERSAL'],
    ['/etc/passwd', 'PATH_ABSOLUTE'],
    ['C:/Windows/win.ini', 'PATH_ABSOLUTE'],
    ['c:evil', 'PATH_ABSOLUTE'],
    ['\\\\server\\share', 'PATH_ABSOLUTE'],
    ['apps\\..\\x', 'PATH_INVALID'],
    ['a\0b', 'PATH_NUL'],
    ['apps/con', 'PATH_INVALID'],
    ['apps/LPT1.txt', 'PATH_INVALID'],
    ['apps/what?.py', 'PATH_INVALID'],
    ['apps/trailing.', 'PATH_INVALID'],
  ])('refuses %j with %s', (input, code) => {
    expect(checkRelPath(input)).toEqual({ ok: false, code })
  })

  it('allows the root only when asked', () => {
    expect(checkRelPath('', { allowRoot: true })).toEqual({ ok: true, path: '' })
  })

  it('joins and splits', () => {
    expect(joinRel('', 'apps', 'x.py')).toBe('apps/x.py')
    expect(parentOf('apps/x.py')).toBe('apps')
    expect(parentOf('x.py')).toBe('')
  })
})
