import { describe, expect, it } from 'vitest'
import type { TreeNode } from '../../src/shared/ipc/domains/project'
import { defaultExpanded, rowWindow, visibleRows } from '../../src/renderer/src/lib/tree-rows'

const file = (path: string): TreeNode => ({ name: path.split('/').pop()!, path, kind: 'file' })
const dir = (path: string, children: TreeNode[]): TreeNode => ({ name: path.split('/').pop()!, path, kind: 'dir', children })
const ROOT = dir('', [dir('apps', [dir('apps/a', [file('apps/a/__init__.py')]), dir('apps/b', [file('apps/b/__init__.py')])]), dir('assets', [file('assets/x.png')]), file('main.py')])

describe('tree rows', () => {
  it('lists only rows under expanded folders, with depth', () => {
    const rows = visibleRows(ROOT, new Set(['apps', 'apps/b']))
    expect(rows.map((r) => `${r.depth}:${r.node.path}`)).toEqual(['0:apps', '1:apps/a', '1:apps/b', '2:apps/b/__init__.py', '0:assets', '0:main.py'])
    expect(rows.find((r) => r.node.path === 'apps/a')?.expanded).toBe(false)
  })

  it('opens the top level and each app folder by default', () => {
    expect([...defaultExpanded(ROOT)].sort()).toEqual(['apps', 'apps/a', 'apps/b', 'assets'])
  })

  it('computes the rendered window from the scroll position', () => {
    expect(rowWindow(2000, 0, 440, 22, 0)).toEqual({ from: 0, to: 20 })
    expect(rowWindow(2000, 2200, 440, 22, 5)).toEqual({ from: 95, to: 125 })
    expect(rowWindow(10, 0, 440, 22)).toEqual({ from: 0, to: 10 })
  })
})
