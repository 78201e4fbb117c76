/**
 * The editor session remembered between runs (settings key `session`): the project, its open tabs
 * with their cursor and scroll, and the active tab. Pure functions; `stores/session.ts` reads and
 * writes it.
 */

/** One remembered tab. */
export interface SessionTab {
  path: string
  /** Cursor offset in the text. */
  anchor: number
  /** Editor scroll offset in pixels. */
  scrollTop: number
}

/** What is remembered. */
export interface Session {
  root: string
  tabs: SessionTab[]
  active: string | null
}

/** Most tabs remembered (a session of hundreds would slow every start). */
export const MAX_SESSION_TABS = 30

/**
 * The session to save: the writable project tabs (badge files opened read-only are not project files
 * and are left out), with where each one's cursor and scroll are.
 */
export function sessionSnapshot(
  root: string,
  docs: Array<{ path: string; readOnly: boolean }>,
  active: string | null,
  where: (path: string) => { anchor: number; scrollTop: number } | undefined,
): Session {
  const tabs = docs
    .filter((d) => !d.readOnly)
    .slice(0, MAX_SESSION_TABS)
    .map((d) => ({ path: d.path, anchor: 0, scrollTop: 0, ...where(d.path) }))
  return { root, tabs, active: tabs.some((t) => t.path === active) ? active : (tabs[0]?.path ?? null) }
}

/**
 * Reads a saved session (settings may hold anything): null unless it has a root; tabs with
 * malformed fields are dropped, numbers are made whole and non-negative.
 */
export function parseSession(value: unknown): Session | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  if (typeof v['root'] !== 'string' || !v['root']) return null
  const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.floor(x) : 0)
  const tabs: SessionTab[] = []
  for (const t of Array.isArray(v['tabs']) ? v['tabs'] : []) {
    if (!t || typeof t !== 'object' || typeof (t as SessionTab).path !== 'string') continue
    const tab = t as Record<string, unknown>
    tabs.push({ path: tab['path'] as string, anchor: num(tab['anchor']), scrollTop: num(tab['scrollTop']) })
  }
  const active = typeof v['active'] === 'string' ? v['active'] : null
  return { root: v['root'], tabs: tabs.slice(0, MAX_SESSION_TABS), active }
}

/** The tabs of `session` to reopen in project `root` whose files still exist. */
export function tabsToRestore(session: Session | null, root: string, exists: (path: string) => boolean): SessionTab[] {
  if (!session || session.root !== root) return []
  return session.tabs.filter((t) => exists(t.path))
}
