/**
 * One IDE per user: a second start hands its project folder to the first and quits. What the first
 * instance does with the second one's command line is decided here (pure, unit-tested); index.ts
 * only takes the lock, focuses the window and opens the folder.
 */
import path from 'node:path'

/**
 * The project folder named on a command line: the first argument that is not a flag (Electron and
 * Chromium add switches such as `--no-sandbox`), resolved against `cwd`. Null when there is none.
 * `defaultApp` is process.defaultApp (under `electron .` the app folder comes second and is skipped).
 */
export function projectArgument(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const first = argv.slice(defaultApp ? 2 : 1).find((a) => !a.startsWith('-'))
  return first === undefined || first === '' ? null : path.resolve(cwd, first)
}

/** What the running IDE does when a second start arrives. */
export interface SecondInstanceAction {
  /** Bring the window to the front (always). */
  focus: true
  /** Open this folder in the window (the renderer settles unsaved tabs first); null to keep the project. */
  open: string | null
}

/**
 * The answer to a second start with `argv` from `cwd`: focus the window, and open its project unless
 * that is the project already open (`openRoot`), so a second start for the same project changes nothing.
 */
export function secondInstanceAction(argv: readonly string[], defaultApp: boolean, cwd: string, openRoot: string | null): SecondInstanceAction {
  const wanted = projectArgument(argv, defaultApp, cwd)
  const same = wanted !== null && openRoot !== null && path.resolve(openRoot) === wanted
  return { focus: true, open: same ? null : wanted }
}
