/** The one-call wiring: a handler for every deploy and stats operation, polling paused by deploys. */
import { describe, expect, it } from 'vitest'
import { createDeployAndStats } from '../../../../src/main/services/deploy/deploy-wiring'
import { OP_CHANNELS } from '../../../../src/shared/ipc/contract'
import { CodedError } from '../../../../src/shared/ipc/result'

describe('createDeployAndStats', () => {
  it('handles every deploy:* and stats:* operation of the contract', () => {
    const ds = createDeployAndStats({
      device: {
        get session(): never {
          throw new CodedError('NOT_CONNECTED')
        },
      },
      project: { root: null },
      settings: { get: async () => ({ theme: 'dark', layout: {}, statsIntervalMs: 1500 }) },
      emit: () => undefined,
    })
    const mine = OP_CHANNELS.filter((c) => c.startsWith('deploy:') || c.startsWith('stats:'))
    expect(mine.length).toBeGreaterThan(5)
    expect(mine.filter((c) => typeof ds.handlers[c] !== 'function')).toEqual([])
    expect(Object.keys(ds.handlers).sort()).toEqual([...mine].sort())
  })

  it('takes the polling interval from the settings and shares the activity with deploy', async () => {
    const ds = createDeployAndStats({
      device: {
        get session(): never {
          throw new CodedError('NOT_CONNECTED')
        },
      },
      project: { root: null },
      settings: { get: async () => ({ theme: 'dark', layout: {}, statsIntervalMs: 1500 }) },
      emit: () => undefined,
    })
    expect(await ds.stats.setPolling(true)).toEqual({ enabled: true, intervalMs: 1500 })
    ds.deploy.activity.set({ deploying: true })
    expect(ds.stats.idle()).toBe(false)
    await expect(ds.deploy.deploy({})).rejects.toMatchObject({ code: 'NO_PROJECT' })
    await ds.dispose()
  })
})
