/**
 * One IDE process per user: a second start hands its command line to the first and quits; the first
 * shows that project in its own window. What it does is decided here (pure, unit-tested); index.ts
 * only takes the lock and focuses or opens the window.
 */
import path from 'node:path'
import type { OpenWindow } from '../window-registry'

/**
 * The project folder named on a command line: the first argument that is not a flag (Electron and
 * Chromium add switches such as `--no-sandbox`), resolved against `cwd`. Null when there is none.
 * `defaultApp` is process.defaultApp (under `electron .` the app folder comes second and is skipped).
 */
export function projectArgument(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const first = argv.slice(defaultApp ? 2 : 1).find((a) => !a.startsWith('-'))
  return first === undefined || first === '' ? null : path.resolve(cwd, first)
}

/**
 * What the running IDE does when a second start arrives: `focus` a window (null: whichever was
 * last in front), let an empty window (the welcome screen) `openHere`, or open a `newWindow`.
 */
export type SecondInstanceAction =
  | { kind: 'focus'; window: number | null }
  | { kind: 'openHere'; window: number; root: string }
  | { kind: 'newWindow'; root: string }

/**
 * The answer to a second start with `argv` from `cwd`, given the open `windows`: a project already
 * open in a window focuses that window (never a second window for one project); another project
 * goes to a window showing no project, else to a new window, so every open window keeps its own.
 */
export function secondInstanceAction(argv: readonly string[], defaultApp: boolean, cwd: string, windows: readonly OpenWindow[]): SecondInstanceAction {
  const wanted = projectArgument(argv, defaultApp, cwd)
  return wanted === null ? { kind: 'focus', window: null } : projectWindowAction(wanted, windows, true)
}

/**
 * Where project `root` goes, given the open `windows`: the window showing it is focused (one
 * window per project); else a window on the welcome screen takes it when `reuseEmpty`, else a new
 * window opens. A second start reuses an empty window; "Open in New Window" does not.
 */
export function projectWindowAction(root: string, windows: readonly OpenWindow[], reuseEmpty: boolean): SecondInstanceAction {
  const wanted = path.resolve(root)
  const showing = windows.find((w) => w.root !== null && path.resolve(w.root) === wanted)
  if (showing) return { kind: 'focus', window: showing.id }
  const empty = reuseEmpty ? windows.find((w) => w.root === null) : undefined
  return empty ? { kind: 'openHere', window: empty.id, root: wanted } : { kind: 'newWindow', root: wanted }
}
