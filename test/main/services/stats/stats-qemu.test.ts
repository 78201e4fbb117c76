/** Stats against MicroPython 1.9.2 under QEMU: what it lacks is "not available", the rest is real. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SerialPort } from 'serialport'
import { startMicrobit, type QemuMicrobit } from '../../../helpers/qemu-microbit'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { createStatsService } from '../../../../src/main/services/stats/stats-service'
import { DeviceActivity } from '../../../../src/main/services/deploy/activity'
import { NA, type StatsUpdate } from '../../../../src/shared/stats/types'

let qemu: QemuMicrobit
let session: DeviceSession

beforeAll(async () => {
  qemu = await startMicrobit()
  session = await DeviceSession.open(await SerialTransport.open({ binding: SerialPort.binding, path: qemu.path }))
}, 60_000)

afterAll(async () => {
  await session?.close().catch(() => undefined)
  await qemu?.stop()
})

describe('stats on MicroPython 1.9.2', () => {
  it('reads every field in one exec; missing features are not available', async () => {
    let execs = 0
    // One query; a copy the emulated UART damaged is resent inside execOwn and is not a second query.
    const counting = { execOwn: (...a: Parameters<DeviceSession['execOwn']>) => (execs++, session.execOwn(...a)) } as unknown as DeviceSession
    const svc = createStatsService({ session: () => counting })
    const { stats, history } = await svc.read()
    expect(execs).toBe(1)
    expect(typeof stats.memory.free).toBe('number')
    expect(typeof stats.memory.used).toBe('number')
    expect(stats.memory.total).toBe((stats.memory.free as number) + (stats.memory.used as number))
    expect(stats.storage).toEqual({ mount: '/', total: NA, used: NA, free: NA })
    expect(stats.network.available).toBe(false)
    expect(stats.network.connected).toBe(NA)
    expect(stats.network.ip).toBe(NA)
    expect(stats.system.micropython).toBe('1.9.2')
    expect(stats.system.platform).toBe('microbit')
    expect(stats.system.firmware).toMatch(/MicroPython v1\.9\.2/)
    expect(stats.system.machine).toMatch(/micro:bit/)
    expect(stats.system.screen).toBe(NA)
    expect(typeof stats.system.uptimeMs).toBe('number')
    expect(stats.system.uniqueId).toMatch(/^[0-9a-f]{16}$/)
    expect(history).toHaveLength(1)
  })

  it('collects garbage on request', async () => {
    // The junk is still referenced while `before` is read (a read may collect on its own), then dropped.
    await session.exec('_junk=[bytearray(64) for i in range(20)]\n')
    const svc = createStatsService({ session: () => session })
    const before = (await svc.read()).stats.memory.free as number
    await session.exec('del _junk\n')
    const after = (await svc.collectGarbage()).stats.memory.free as number
    expect(after).toBeGreaterThan(before)
  })

  it('polls only while idle and not during deploys or runs', async () => {
    const activity = new DeviceActivity()
    const updates: StatsUpdate[] = []
    const svc = createStatsService({ session: () => session, activity, emit: (_c, u) => updates.push(u) })
    await svc.setPolling(true, 60_000)
    activity.set({ deploying: true })
    await svc.tick()
    expect(updates).toHaveLength(0)
    activity.set({ deploying: false, running: true })
    await svc.tick()
    expect(updates).toHaveLength(0)
    activity.set({ running: false })
    await svc.tick()
    expect(updates).toHaveLength(1)
    svc.dispose()
  })
})
