import { describe, expect, it } from 'vitest'
import { MAX_SESSION_TABS, parseSession, sessionSnapshot, tabsToRestore } from '../../src/renderer/src/lib/session'

describe('sessionSnapshot', () => {
  const where = (p: string) => (p === 'a.py' ? { anchor: 42, scrollTop: 300 } : undefined)
  it('records each project tab with its cursor and scroll, leaving out read-only badge files', () => {
    const s = sessionSnapshot('/p', [
      { path: 'a.py', readOnly: false },
      { path: 'badge:/system/x.py', readOnly: true },
      { path: 'b.py', readOnly: false },
    ], 'b.py', where)
    expect(s).toEqual({
      root: '/p',
      tabs: [{ path: 'a.py', anchor: 42, scrollTop: 300 }, { path: 'b.py', anchor: 0, scrollTop: 0 }],
      active: 'b.py',
    })
  })
  it('an active tab that is not recorded falls back to the first', () => {
    expect(sessionSnapshot('/p', [{ path: 'a.py', readOnly: false }, { path: 'r', readOnly: true }], 'r', where).active).toBe('a.py')
    expect(sessionSnapshot('/p', [], null, where).active).toBeNull()
  })
  it('keeps at most MAX_SESSION_TABS tabs', () => {
    const docs = Array.from({ length: MAX_SESSION_TABS + 5 }, (_, i) => ({ path: `f${i}.py`, readOnly: false }))
    expect(sessionSnapshot('/p', docs, null, where).tabs).toHaveLength(MAX_SESSION_TABS)
  })
})

describe('parseSession', () => {
  it('refuses values without a root', () => {
    for (const v of [undefined, null, 3, 'x', {}, { root: '' }, { root: 5 }]) expect(parseSession(v)).toBeNull()
  })
  it('drops malformed tabs and cleans numbers', () => {
    expect(parseSession({ root: '/p', tabs: [{ path: 'a.py', anchor: 7.8, scrollTop: -3 }, { anchor: 1 }, null, 'b'], active: 4 })).toEqual({
      root: '/p',
      tabs: [{ path: 'a.py', anchor: 7, scrollTop: 0 }],
      active: null,
    })
  })
  it('round-trips a snapshot', () => {
    const s = sessionSnapshot('/p', [{ path: 'a.py', readOnly: false }], 'a.py', () => ({ anchor: 5, scrollTop: 9 }))
    expect(parseSession(JSON.parse(JSON.stringify(s)))).toEqual(s)
  })
})

describe('tabsToRestore', () => {
  const s = { root: '/p', tabs: [{ path: 'a.py', anchor: 1, scrollTop: 0 }, { path: 'gone.py', anchor: 0, scrollTop: 0 }], active: 'a.py' }
  it('reopens only files that still exist, and only in the same project', () => {
    expect(tabsToRestore(s, '/p', (p) => p === 'a.py').map((t) => t.path)).toEqual(['a.py'])
    expect(tabsToRestore(s, '/other', () => true)).toEqual([])
    expect(tabsToRestore(null, '/p', () => true)).toEqual([])
  })
})
