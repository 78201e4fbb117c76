/**
 * The composition root without Electron: every contract operation has a real handler (no
 * placeholders), stats and deploy share one activity, and the memory an app reports while it runs
 * on the badge reaches Live stats.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app-core'
import { OP_CHANNELS } from '../../src/shared/ipc/contract'
import { tempProject } from '../helpers/temp-project'

describe('createAppCore', () => {
  let core: AppCore
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'app-core-'))
  const project = tempProject('hello')
  beforeAll(async () => {
    core = await createAppCore({
      userDataDir,
      watch: false,
      shell: { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined },
    })
  })
  afterAll(async () => {
    await core?.dispose()
    rmSync(userDataDir, { recursive: true, force: true })
    project.cleanup()
  })

  it('has a handler for every contract operation, none of them a NO_HANDLER placeholder', async () => {
    expect(OP_CHANNELS.filter((c) => typeof core.handlers[c] !== 'function')).toEqual([])
    // A placeholder answered NO_HANDLER whatever it was asked; real handlers answer their own errors.
    for (const c of OP_CHANNELS.filter((x) => x.startsWith('emulator:') || x.startsWith('deploy:') || x.startsWith('stats:') || x.startsWith('tools:'))) {
      const r = (await core.dispatch(c, {})) as { ok: boolean; code?: string }
      expect(r.ok || r.code !== 'NO_HANDLER', c).toBe(true)
    }
  })

  it('the memory an app reports while it runs on the (virtual) badge reaches Live stats', async () => {
    await core.project.open(project.dir)
    const seen = new Promise<{ source: string; memory?: { total: number } }>((resolve) => {
      const off = core.bus.listen((channel, payload) => {
        const u = payload as { stats?: { source: string; memory?: { total: number } } }
        if (channel === 'stats:update' && u.stats?.source === 'run-hook') {
          off()
          resolve(u.stats)
        }
      })
    })
    expect(await core.dispatch('device:connect', { path: 'virtual' })).toMatchObject({ ok: true })
    expect(await core.dispatch('deploy:run', { app: 'hello' })).toMatchObject({ ok: true })
    const stats = await seen
    expect(stats.memory!.total).toBeGreaterThan(0)
    await core.dispatch('deploy:stop', {})
  }, 60_000)

  it('stats polling takes its interval from the settings and shares one activity with deploy', async () => {
    await core.dispatch('app:setSettings', { patch: { statsIntervalMs: 1500 } })
    expect(await core.dispatch('stats:setPolling', { enabled: true })).toMatchObject({ ok: true, value: { enabled: true, intervalMs: 1500 } })
    await core.dispatch('stats:setPolling', { enabled: false })
    // Connected to the virtual badge by the test before: idle until a deploy says otherwise.
    expect(core.services.stats.idle()).toBe(true)
    core.services.deploy.activity.set({ deploying: true })
    expect(core.services.stats.idle()).toBe(false)
    core.services.deploy.activity.set({ deploying: false })
  })
})
