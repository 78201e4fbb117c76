import { describe, expect, it } from 'vitest'
import { askUnsaved, settleUnsaved, unsavedPrompt, type UnsavedChoice } from '../../src/renderer/src/lib/unsaved-prompt'

const docs = [{ path: 'a.py' }, { path: 'b.py' }]
const answer = (c: UnsavedChoice) => async () => c

describe('settleUnsaved', () => {
  it('asks nothing and proceeds when no tab is dirty', async () => {
    let asked = false
    const ok = await settleUnsaved('Quit', [], async () => true, async () => ((asked = true), 'cancel'))
    expect(ok).toBe(true)
    expect(asked).toBe(false)
  })
  it('Save all saves every dirty tab, then proceeds', async () => {
    const saved: string[] = []
    const ok = await settleUnsaved('Quit', docs, async (d) => (saved.push(d.path), true), answer('save'))
    expect(ok).toBe(true)
    expect(saved).toEqual(['a.py', 'b.py'])
  })
  it('a failed save keeps the window (the text is not dropped), after trying the others', async () => {
    const saved: string[] = []
    const ok = await settleUnsaved('Quit', docs, async (d) => (saved.push(d.path), d.path !== 'a.py'), answer('save'))
    expect(ok).toBe(false)
    expect(saved).toEqual(['a.py', 'b.py'])
  })
  it("Don't save proceeds without saving; Cancel neither saves nor proceeds", async () => {
    const saved: string[] = []
    const save = async (d: { path: string }) => (saved.push(d.path), true)
    expect(await settleUnsaved('Quit', docs, save, answer('discard'))).toBe(true)
    expect(await settleUnsaved('Quit', docs, save, answer('cancel'))).toBe(false)
    expect(saved).toEqual([])
  })
  it('names the action and the files in the question', async () => {
    let req = { action: '', paths: [] as string[] }
    await settleUnsaved('Open another project', docs, async () => true, async (r) => ((req = r), 'cancel'))
    expect(req).toEqual({ action: 'Open another project', paths: ['a.py', 'b.py'] })
  })
})

describe('askUnsaved', () => {
  it('a newer question cancels the older one', async () => {
    const first = askUnsaved({ action: 'Close tab', paths: ['a.py'] })
    const second = askUnsaved({ action: 'Quit', paths: ['a.py'] })
    await expect(first).resolves.toBe('cancel')
    expect(unsavedPrompt.value?.action).toBe('Quit')
    unsavedPrompt.value!.resolve('discard')
    await expect(second).resolves.toBe('discard')
    expect(unsavedPrompt.value).toBeNull()
  })
})
