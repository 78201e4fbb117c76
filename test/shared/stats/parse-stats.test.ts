import { describe, expect, it } from 'vitest'
import { parseStats } from '../../../src/shared/stats/parse-stats'
import { NA } from '../../../src/shared/stats/types'
import { BADGE_OUTPUT } from './badge-output'


describe('parseStats', () => {
  it('reads every field of a full reply', () => {
    const s = parseStats(BADGE_OUTPUT, 1000)
    expect(s.at).toBe(1000)
    expect(s.memory).toEqual({ free: 180000, used: 66912, total: 246912 })
    expect(s.storage).toEqual({ mount: '/system', total: 4096 * 3072, free: 4096 * 1024, used: 4096 * 2048 })
    expect(s.network).toEqual({
      available: true,
      active: true,
      connected: true,
      ssid: 'universe',
      ip: '192.168.1.20',
      netmask: '255.255.255.0',
      gateway: '192.168.1.1',
      dns: '1.1.1.1',
      mac: '28:cd:c1:00:11:22',
      rssi: -57,
      configuredSsid: 'universe',
    })
    expect(s.system).toEqual({
      firmware: 'v1.26.0 on 2025-08-01',
      micropython: '1.26.0',
      platform: 'rp2',
      machine: 'Tufty 2350 with RP2350',
      cpuFreqHz: 200000000,
      screen: '160x120',
      uptimeMs: 123456,
      uniqueId: '0102030405060708',
    })
  })

  it('turns an empty reply into "not available" everywhere', () => {
    const s = parseStats('')
    expect(s.memory).toEqual({ free: NA, used: NA, total: NA })
    expect(s.network.available).toBe(false)
    expect(Object.values(s.system).every((v) => v === NA)).toBe(true)
  })

  it('keeps every complete line of a truncated reply', () => {
    const cut = BADGE_OUTPUT.slice(0, BADGE_OUTPUT.indexOf("un\t('rp2'") + 12)
    const s = parseStats(cut)
    expect(s.memory.free).toBe(180000)
    expect(s.system.platform).toBe('rp2')
    expect(s.system.firmware).toBe(NA)
    expect(s.network.ip).toBe(NA)
  })

  it('skips garbled lines and wrong types without failing the read', () => {
    const s = parseStats(['mf\t12x', 'ma\t100', 'garbage without tab', "hz\t'fast'", 'fs\t(1, 2)', "wi\t('1.2.3.4',)", 'wr\tNone', '\x04>'].join('\n'))
    expect(s.memory).toEqual({ free: NA, used: 100, total: NA })
    expect(s.system.cpuFreqHz).toBe(NA)
    expect(s.storage.total).toBe(NA)
    expect(s.network.ip).toBe('1.2.3.4')
    expect(s.network.netmask).toBe(NA)
    expect(s.network.rssi).toBe(NA)
  })
})
