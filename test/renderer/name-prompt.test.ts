import { describe, expect, it } from 'vitest'
import { askName, namePrompt } from '../../src/renderer/src/lib/name-prompt'

describe('askName (the window.prompt replacement)', () => {
  it('shows one request and resolves with the answer, clearing the request', async () => {
    const p = askName({ title: 'New file', label: 'Name', initial: 'untitled.py' })
    expect(namePrompt.value?.initial).toBe('untitled.py')
    namePrompt.value!.resolve('notes.py')
    await expect(p).resolves.toBe('notes.py')
    expect(namePrompt.value).toBeNull()
  })

  it('cancels a pending request when a new one is asked', async () => {
    const first = askName({ title: 'A', label: 'a', initial: 'a' })
    const second = askName({ title: 'B', label: 'b', initial: 'b' })
    await expect(first).resolves.toBeNull()
    expect(namePrompt.value?.title).toBe('B')
    namePrompt.value!.resolve(null)
    await expect(second).resolves.toBeNull()
    expect(namePrompt.value).toBeNull()
  })
})
