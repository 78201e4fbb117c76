/** The port list in the window: a listing answered after a newer one was asked for is stale. */
import { describe, expect, it, vi } from 'vitest'
import type { PortInfo } from '../../src/shared/ipc/domains/device'

const pending: Array<(v: unknown) => void> = []
vi.mock('../../src/renderer/src/api', async () => {
  const api = {
    device: { listPorts: () => new Promise((resolve) => pending.push(resolve)) },
    on: () => () => {},
  }
  return { ...(await import('./fake-api')).apiModule, api }
})

const { device, pollPorts, refreshPorts } = await import('../../src/renderer/src/stores/device')

const virtual: PortInfo = { path: 'virtual', kind: 'virtual', label: 'Virtual badge' } as PortInfo
const badge: PortInfo = { path: '/dev/ttyACM0', kind: 'badge', label: 'Badge' } as PortInfo
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('port listings', () => {
  it('a slow answer from before a badge was plugged in does not hide it again', async () => {
    device.ports = [virtual]
    device.selected = 'virtual'
    const first = refreshPorts() // asked before the plug, answered last
    const second = pollPorts() // asked after the plug
    pending[1]!({ ok: true, value: [virtual, badge] })
    await second
    expect(device.selected).toBe(badge.path)
    pending[0]!({ ok: true, value: [virtual] })
    await first
    await settle()
    expect(device.ports.map((p) => p.path)).toEqual(['virtual', badge.path])
    expect(device.selected).toBe(badge.path)
  })
})
