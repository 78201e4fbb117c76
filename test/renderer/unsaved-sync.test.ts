import { describe, expect, it } from 'vitest'
import { unsavedSync, type SyncDoc } from '../../src/renderer/src/lib/unsaved-sync'

const doc = (path: string, text: string, savedText = 'saved', o: Partial<SyncDoc> = {}): SyncDoc => ({ path, text, savedText, readOnly: false, mtimeMs: 9, ...o })

describe('unsavedSync', () => {
  it('keeps the modified tabs not kept yet, with the time of the file they were edited from', () => {
    expect(unsavedSync([doc('a.py', 'edited'), doc('b.py', 'saved')], new Map(), 100)).toEqual({
      keep: [{ path: 'a.py', text: 'edited', baseMtimeMs: 9 }],
      forget: [],
    })
  })
  it('sends nothing for a copy that is up to date, and again once the text changed', () => {
    const kept = new Map([['a.py', 'edited']])
    expect(unsavedSync([doc('a.py', 'edited')], kept, 100)).toEqual({ keep: [], forget: [] })
    expect(unsavedSync([doc('a.py', 'edited more')], kept, 100).keep).toEqual([{ path: 'a.py', text: 'edited more', baseMtimeMs: 9 }])
  })
  it('forgets the copies of tabs saved, reverted or closed', () => {
    const kept = new Map([['saved.py', 'x'], ['reverted.py', 'y'], ['closed.py', 'z']])
    expect(unsavedSync([doc('saved.py', 'x', 'x'), doc('reverted.py', 'saved')], kept, 100)).toEqual({ keep: [], forget: ['saved.py', 'reverted.py', 'closed.py'] })
  })
  it('never keeps read-only tabs (badge files) and drops the copy of a tab grown past the limit', () => {
    expect(unsavedSync([doc('badge:/x.py', 'shown', '', { readOnly: true })], new Map(), 100).keep).toEqual([])
    expect(unsavedSync([doc('big.py', 'x'.repeat(101))], new Map([['big.py', 'x']]), 100)).toEqual({ keep: [], forget: ['big.py'] })
  })
})
