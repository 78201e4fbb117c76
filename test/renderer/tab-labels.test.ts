import { describe, expect, it } from 'vitest'
import { tabLabels } from '../../src/renderer/src/lib/tab-labels'

describe('tab labels', () => {
  it('is the file name when it is unique', () => {
    expect(tabLabels(['apps/snake/__init__.py', 'main.py'])).toEqual(['__init__.py', 'main.py'])
  })

  it('adds folders until files of the same name differ', () => {
    expect(tabLabels(['apps/snake/__init__.py', 'apps/flappy/__init__.py', 'README.md'])).toEqual(['snake/__init__.py', 'flappy/__init__.py', 'README.md'])
    expect(tabLabels(['a/x/util.py', 'b/x/util.py'])).toEqual(['a/x/util.py', 'b/x/util.py'])
  })

  it('stops at the full path (a badge file and a project file)', () => {
    expect(tabLabels(['main.py', 'badge:/main.py'])).toEqual(['main.py', 'badge:/main.py'])
  })
})
