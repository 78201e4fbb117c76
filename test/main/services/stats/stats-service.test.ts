/** The stats service against a fake device: one exec per read, every field, run hook, polling rules. */
import { describe, expect, it } from 'vitest'
import { DeviceActivity } from '../../../../src/main/services/deploy/activity'
import type { DeviceSession } from '../../../../src/main/services/device/device-session'
import { createStatsService, statsHandlers } from '../../../../src/main/services/stats/stats-service'
import { NA, type StatsUpdate } from '../../../../src/shared/stats/types'
import { BADGE_OUTPUT } from '../../../shared/stats/badge-output'

function fakeDevice(stdout = BADGE_OUTPUT) {
  const codes: string[] = []
  const state = { busy: false, replActive: false }
  const session = {
    execOwn: async (code: string) => {
      codes.push(code)
      return { stdout, stderr: '', stdoutBytes: new Uint8Array() }
    },
    get busy() {
      return state.busy
    },
    get replActive() {
      return state.replActive
    },
    transport: { closed: false },
  } as unknown as DeviceSession
  return { session, codes, state }
}

describe('StatsService with a fake badge', () => {
  it('reads every field in one exec and keeps a memory history', async () => {
    const dev = fakeDevice()
    const svc = createStatsService({ session: () => dev.session })
    const a = await svc.read()
    await svc.read()
    expect(dev.codes).toHaveLength(2)
    expect(a.stats.network.connected).toBe(true)
    expect(a.stats.system.screen).toBe('160x120')
    const all = [a.stats.memory, a.stats.storage, a.stats.network, a.stats.system].flatMap((o) => Object.values(o))
    expect(all.filter((v) => v === NA)).toEqual([])
    expect((await svc.read()).history).toHaveLength(3)
  })

  it('collect garbage runs gc.collect() before reading', async () => {
    const dev = fakeDevice()
    const svc = createStatsService({ session: () => dev.session })
    await svc.collectGarbage()
    expect(dev.codes[0]).toMatch(/^import sys,gc\ngc\.collect\(\)/)
  })

  it('does not touch the device while an app runs; memory comes from the run hook', async () => {
    const dev = fakeDevice()
    const activity = new DeviceActivity()
    const updates: StatsUpdate[] = []
    const svc = createStatsService({ session: () => dev.session, activity, emit: (_c, u) => updates.push(u) })
    await svc.read()
    activity.set({ running: true })
    svc.runMemory({ free: 1000, used: 3000, total: 4000 })
    const during = await svc.read()
    expect(dev.codes).toHaveLength(1)
    expect(during.stats.source).toBe('run-hook')
    expect(during.stats.memory).toEqual({ free: 1000, used: 3000, total: 4000 })
    expect(during.stats.network.ssid).toBe('universe')
    expect(updates.map((u) => u.stats.source)).toEqual(['poll', 'run-hook'])
    await expect(svc.collectGarbage()).rejects.toMatchObject({ code: 'DEVICE_BUSY' })
  })

  it('polls at the settings interval, skipping REPL input and busy queues', async () => {
    const dev = fakeDevice()
    const svc = createStatsService({ session: () => dev.session, intervalMs: () => 1234 })
    expect(await svc.setPolling(true)).toEqual({ enabled: true, intervalMs: 1234 })
    dev.state.replActive = true
    await svc.tick()
    dev.state.replActive = false
    dev.state.busy = true
    await svc.tick()
    expect(dev.codes).toHaveLength(0)
    dev.state.busy = false
    await svc.tick()
    expect(dev.codes).toHaveLength(1)
    await svc.setPolling(false)
    await svc.tick()
    expect(dev.codes).toHaveLength(1)
  })

  it('reads once when a deploy or a run ends, even with the REPL open (polls skip it)', async () => {
    const dev = fakeDevice()
    const activity = new DeviceActivity()
    const svc = createStatsService({ session: () => dev.session, activity, intervalMs: () => 60_000 })
    await svc.setPolling(true)
    dev.state.replActive = true
    await svc.tick()
    expect(dev.codes).toHaveLength(0)
    activity.set({ deploying: true })
    activity.set({ deploying: false })
    await expect.poll(() => dev.codes.length).toBe(1)
    activity.set({ running: true })
    activity.set({ running: false })
    await expect.poll(() => dev.codes.length).toBe(2)
    await svc.setPolling(false)
    activity.set({ deploying: true })
    activity.set({ deploying: false })
    await new Promise((r) => setTimeout(r, 20))
    expect(dev.codes).toHaveLength(2)
  })

  it('says NOT_CONNECTED without a device, and exposes a handler per operation', async () => {
    const svc = createStatsService({ session: () => undefined })
    await expect(svc.read()).rejects.toMatchObject({ code: 'NOT_CONNECTED' })
    expect(Object.keys(statsHandlers(svc)).sort()).toEqual(['stats:collectGarbage', 'stats:read', 'stats:setPolling'])
  })
})
