import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app-core'
import { SettingsStore } from '../../src/main/services/settings'
import { WindowRegistry } from '../../src/main/window-registry'

/** A core that only opens projects and records its disposal. */
function fakeCore(): AppCore & { disposed: boolean } {
  const project = { root: null as string | null }
  const core = {
    project,
    disposed: false,
    dispatch: vi.fn(async (channel: string, args: { root: string }) => {
      if (channel !== 'project:open' || args.root.includes('missing')) return { ok: false, code: 'NOT_FOUND', message: 'no' }
      project.root = args.root
      return { ok: true, value: {} }
    }),
    async dispose() {
      core.disposed = true
    },
  }
  return core as unknown as AppCore & { disposed: boolean }
}

describe('window registry', () => {
  it('gives each window its own core, with its project open before the core is handed out', async () => {
    const made: AppCore[] = []
    const reg = new WindowRegistry(async () => {
      const c = fakeCore()
      made.push(c)
      return c
    })
    const a = await reg.open(1, '/p/one')
    const b = await reg.open(2, '/p/two')
    expect(a).not.toBe(b)
    expect([a.project.root, b.project.root]).toEqual(['/p/one', '/p/two'])
    expect(await reg.open(1)).toBe(a)
    expect(made).toHaveLength(2)
    expect(reg.windows()).toEqual([{ id: 1, root: '/p/one' }, { id: 2, root: '/p/two' }])
    expect([reg.windowFor('/p/two/'), reg.windowFor('/p/three')]).toEqual([2, null])
    expect([reg.shownElsewhere('/p/two', 1), reg.shownElsewhere('/p/two', 2), reg.shownElsewhere('/p/three', 1)]).toEqual([true, false, false])
  })

  it('starts a window whose folder cannot be opened on the welcome screen', async () => {
    const reg = new WindowRegistry(async () => fakeCore())
    expect((await reg.open(5, '/p/missing')).project.root).toBeNull()
    expect(reg.windows()).toEqual([{ id: 5, root: null }])
  })

  it('closing a window disposes only its core; closeAll disposes the rest', async () => {
    const reg = new WindowRegistry(async () => fakeCore())
    const a = (await reg.open(1)) as AppCore & { disposed: boolean }
    const b = (await reg.open(2)) as AppCore & { disposed: boolean }
    await reg.close(1)
    expect([a.disposed, b.disposed]).toEqual([true, false])
    expect(reg.get(1)).toBeUndefined()
    await reg.closeAll()
    expect(b.disposed).toBe(true)
    expect(reg.windows()).toEqual([])
  })

  it('a core added from outside is window `id` like one it built', async () => {
    const reg = new WindowRegistry(async () => fakeCore())
    const c = fakeCore()
    reg.add(1, c)
    await expect(reg.get(1)).resolves.toBe(c)
    expect(reg.windows()).toEqual([{ id: 1, root: null }])
  })

  it('real windows share one settings store, open a project in one window only, and connect the virtual badge in one at a time', async () => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'window-registry-'))
    const settings = new SettingsStore(userDataDir)
    const shell = { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined }
    const reg: WindowRegistry = new WindowRegistry((id) =>
      createAppCore({ userDataDir, settings, watch: false, shell: { ...shell, shownElsewhere: (root) => reg.shownElsewhere(root, id) } }),
    )
    try {
      const [a, b] = await Promise.all([reg.open(1), reg.open(2)])
      expect(a.settings).toBe(b.settings)
      expect(await a.dispatch('project:open', { root: userDataDir })).toMatchObject({ ok: true })
      expect(await a.dispatch('project:open', { root: userDataDir })).toMatchObject({ ok: true })
      expect(await b.dispatch('project:open', { root: `${userDataDir}/` })).toMatchObject({ ok: false, code: 'PROJECT_IN_OTHER_WINDOW', detail: userDataDir })
      expect(b.project.root).toBeNull()
      expect(await a.dispatch('device:connect', { path: 'virtual' })).toMatchObject({ ok: true })
      expect(await b.dispatch('device:connect', { path: 'virtual' })).toMatchObject({ ok: false, code: 'PORT_BUSY' })
      await a.dispatch('device:disconnect', {})
      expect(await b.dispatch('device:connect', { path: 'virtual' })).toMatchObject({ ok: true })
    } finally {
      await reg.closeAll()
      rmSync(userDataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
