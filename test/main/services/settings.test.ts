import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, MAX_RECENT, SettingsStore } from '../../../src/main/services/settings'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('SettingsStore', () => {
  it('starts from defaults and persists patches', async () => {
    const s = new SettingsStore(dir)
    expect(await s.get()).toEqual(DEFAULT_SETTINGS)
    await s.set({ theme: 'light', layout: { tree: 300 } })
    const again = new SettingsStore(dir)
    expect(await again.get()).toMatchObject({ theme: 'light', layout: { tree: 300 }, statsIntervalMs: 2000 })
  })

  it('saves calls made at the same time one after another: none fails, none is lost', async () => {
    const s = new SettingsStore(dir)
    await Promise.all([s.set({ theme: 'light' }), s.set({ layout: { tree: 200 } }), s.set({ statsIntervalMs: 5000 })])
    const again = new SettingsStore(dir)
    expect(await again.get()).toMatchObject({ theme: 'light', layout: { tree: 200 }, statsIntervalMs: 5000 })
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('keeps a bounded, de-duplicated recent list, newest first', async () => {
    const s = new SettingsStore(dir)
    for (let i = 0; i < MAX_RECENT + 3; i++) await s.addRecent(`/p/${i}`)
    await s.addRecent('/p/5')
    const r = await s.recent()
    expect(r[0]).toBe('/p/5')
    expect(r).toHaveLength(MAX_RECENT)
    expect(new Set(r).size).toBe(r.length)
  })

  it('moves a corrupt file aside and uses defaults', async () => {
    writeFileSync(path.join(dir, 'settings.json'), '{ not json')
    const s = new SettingsStore(dir)
    expect(await s.get()).toEqual(DEFAULT_SETTINGS)
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true)
    await s.set({ theme: 'light' })
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).theme).toBe('light')
  })
})
