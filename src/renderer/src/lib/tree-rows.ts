/**
 * Flattens the project tree into the rows that are visible with the current expanded folders, so
 * the tree view renders only the rows in its viewport (2,000-file projects stay fast).
 */
import type { TreeNode } from '@shared/ipc/domains/project'

/** One visible row of the tree. */
export interface TreeRow {
  node: TreeNode
  depth: number
  expanded: boolean
}

/** The visible rows in display order; children of folders in `expanded` are included. */
export function visibleRows(root: TreeNode | undefined, expanded: ReadonlySet<string>): TreeRow[] {
  const out: TreeRow[] = []
  if (!root) return out
  const walk = (nodes: TreeNode[] | undefined, depth: number): void => {
    for (const n of nodes ?? []) {
      const open = n.kind === 'dir' && expanded.has(n.path)
      out.push({ node: n, depth, expanded: open })
      if (open) walk(n.children, depth + 1)
    }
  }
  walk(root.children, 0)
  return out
}

/** Folders open by default: the top level and `apps/<slug>` folders. */
export function defaultExpanded(root: TreeNode | undefined): Set<string> {
  const set = new Set<string>()
  for (const n of root?.children ?? []) {
    if (n.kind !== 'dir') continue
    set.add(n.path)
    if (n.name === 'apps') for (const c of n.children ?? []) if (c.kind === 'dir') set.add(c.path)
  }
  return set
}

/** The rows to render for a scroll position: a window of `count` rows with `overscan` extra. */
export function rowWindow(total: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 8): { from: number; to: number } {
  const from = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const to = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan)
  return { from, to }
}
