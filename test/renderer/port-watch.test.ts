import { describe, expect, it } from 'vitest'
import type { PortInfo } from '../../src/shared/ipc/domains/device'
import { chosenPort, MAX_RECONNECT_ATTEMPTS, replugStep, samePorts, type LostLink } from '../../src/renderer/src/lib/port-watch'

const badge = (path: string, serialNumber?: string): PortInfo => ({ path, kind: 'badge', label: `Badge (${path})`, ...(serialNumber ? { serialNumber } : {}) })
const virtual: PortInfo = { path: 'virtual', kind: 'virtual', label: 'Virtual badge' }

describe('port watch', () => {
  it('sees a port plugged in or out, and nothing when the listing is the same', () => {
    expect(samePorts([virtual], [virtual])).toBe(true)
    expect(samePorts([virtual], [badge('/dev/ttyACM0'), virtual])).toBe(false)
    expect(samePorts([badge('/dev/ttyACM0'), virtual], [badge('/dev/ttyACM1'), virtual])).toBe(false)
  })

  it('reconnects a replugged badge, on its new path when its serial number says it is the same one', () => {
    const lost: LostLink = { path: '/dev/ttyACM0', serialNumber: 'E661', attempts: 0 }
    const gone = replugStep(lost, [virtual])
    expect(gone.reconnect).toBeNull()
    expect(replugStep(gone.lost, [badge('/dev/ttyACM1', 'E661'), virtual]).reconnect).toBe('/dev/ttyACM1')
    // Another badge on the old path is not the one that was lost.
    expect(replugStep(gone.lost, [badge('/dev/ttyACM0', 'B0B'), virtual]).reconnect).toBeNull()
  })

  it('without a serial number, the same path counts', () => {
    expect(replugStep({ path: '/dev/ttyACM0', attempts: 0 }, [badge('/dev/ttyACM0')]).reconnect).toBe('/dev/ttyACM0')
  })

  it('tries a few times while the port stays listed (a reset), and afresh after it went missing', () => {
    let lost: LostLink | null = { path: '/dev/ttyACM0', attempts: 0 }
    const tries: Array<string | null> = []
    for (let i = 0; i < MAX_RECONNECT_ATTEMPTS + 2; i++) {
      const step = replugStep(lost, [badge('/dev/ttyACM0')])
      tries.push(step.reconnect)
      lost = step.lost
    }
    expect(tries.filter(Boolean)).toHaveLength(MAX_RECONNECT_ATTEMPTS)
    expect(tries.at(-1)).toBeNull()
    lost = replugStep(lost, []).lost
    expect(replugStep(lost, [badge('/dev/ttyACM0')]).reconnect).toBe('/dev/ttyACM0')
  })

  it('chooses a badge just plugged in; otherwise keeps the choice while it is listed', () => {
    expect(chosenPort([virtual], [badge('/dev/ttyACM0'), virtual], 'virtual')).toBe('/dev/ttyACM0')
    const both = [badge('/dev/ttyACM0'), virtual]
    expect(chosenPort(both, both, 'virtual')).toBe('virtual')
    expect(chosenPort(both, [virtual], '/dev/ttyACM0')).toBe('virtual')
    const other: PortInfo = { path: '/dev/ttyUSB0', kind: 'other', label: 'Serial' }
    expect(chosenPort([virtual], [virtual, other], 'virtual')).toBe('virtual')
  })

  it('does nothing without a lost link', () => {
    expect(replugStep(null, [badge('/dev/ttyACM0')])).toEqual({ lost: null, reconnect: null })
  })
})
