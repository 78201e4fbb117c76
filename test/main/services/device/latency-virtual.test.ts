/**
 * The virtual badge behind the fault relay at every link setting: exec, binary put/get, stats and
 * deploy give the right result from a clean link up to 50 ms of latency with 16-byte deliveries.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, it } from 'vitest'
import { createFaultRelay, type FaultPlan } from '../../../helpers/fault-relay'
import { createVirtualBadgeBinding } from '../../../../src/main/emulator/virtual-badge'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { toDevicePath, BADGE_LAYOUT } from '../../../../src/shared/deploy/layout'
import { LINK_SETTINGS, checkDeploy, checkExec, checkPutGet, checkStats } from './link-matrix'

const dir = mkdtempSync(join(tmpdir(), 'device-lat-'))
let open: DeviceSession | undefined

async function through(plan: FaultPlan): Promise<DeviceSession> {
  const relay = createFaultRelay(createVirtualBadgeBinding({ dir }), plan)
  // A closed link is still being released for a moment (the flash folder stays locked until then).
  for (let attempt = 0; ; attempt++) {
    try {
      open = await DeviceSession.open(await SerialTransport.open({ binding: relay.binding, path: 'virtual' }))
      return open
    } catch (e) {
      if (attempt >= 30 || (e as { code?: string }).code !== 'PORT_BUSY') throw e
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

afterEach(async () => {
  await open?.close()
  open = undefined
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.each(LINK_SETTINGS)('virtual badge through %s', (_name, plan) => {
  it('exec, put/get of binary data, stats and deploy give the right result', { timeout: 120_000 }, async () => {
    const s = await through(plan)
    await checkExec(s)
    await checkPutGet(s, '/lat.bin')
    await checkStats(s)
    await checkDeploy(s, (rel) => toDevicePath(rel, BADGE_LAYOUT))
  })
})
