import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appHandlers } from '../../../src/main/handlers/app'
import { SettingsStore } from '../../../src/main/services/settings'

describe('app:openWindow', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'app-handlers-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const base = { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined }

  it('hands the project (or null for an empty window) to the shell', async () => {
    const asked: Array<string | null> = []
    const h = appHandlers(new SettingsStore(dir), { ...base, openWindow: async (root) => void asked.push(root) })
    await h['app:openWindow']!({ root: '/p' })
    await h['app:openWindow']!({})
    expect(asked).toEqual(['/p', null])
  })

  it('says so where there are no other windows (browser mode)', async () => {
    const h = appHandlers(new SettingsStore(dir), base)
    await expect(h['app:openWindow']!({ root: '/p' })).rejects.toMatchObject({ code: 'NO_HANDLER' })
  })
})
