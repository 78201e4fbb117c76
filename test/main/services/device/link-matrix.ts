/**
 * The link settings every device feature must survive (none up to 50 ms of latency with 16-byte
 * deliveries), and one check per feature: exec, a binary put/get round trip, stats and deploy. Used
 * against the QEMU micro:bit (faults.test.ts) and the virtual badge (latency-virtual.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { tempProject } from '../../../helpers/temp-project'
import type { FaultPlan } from '../../../helpers/fault-relay'
import type { DeviceSession } from '../../../../src/main/services/device/device-session'
import { createDeployService } from '../../../../src/main/services/deploy/deploy-service'
import { memoryRecordStore } from '../../../../src/main/services/deploy/deploy-record'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import { readStats } from '../../../../src/main/services/stats/stats-reader'

/** Named link settings, from a clean link to a slow bridge. */
export const LINK_SETTINGS: Array<[string, FaultPlan]> = [
  ['a clean link', {}],
  ['5 ms before each delivery', { latencyMs: 5 }],
  ['16-byte deliveries with 35 ms of jitter', { deliverBytes: 16, jitterMs: 35 }],
  ['64-byte deliveries with 30 ms latency and 10 ms jitter', { deliverBytes: 64, latencyMs: 30, jitterMs: 10 }],
  ['50 ms latency with 16-byte deliveries', { latencyMs: 50, deliverBytes: 16 }],
]

/** Binary test data: every byte value, including the REPL's control bytes. */
export function binaryData(n: number, seed = 7): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 151 + seed + (i >> 8)) & 255)
}

/** exec: the answer, and a device exception returned in the result. */
export async function checkExec(s: DeviceSession): Promise<void> {
  const r = await s.exec('print(sum(range(100)))')
  expect(r.stdout.trim()).toBe('4950')
  const e = await s.exec('1/0')
  expect(e.exception?.type).toBe('ZeroDivisionError')
}

/** put/get of binary data, byte for byte. */
export async function checkPutGet(s: DeviceSession, devicePath: string, n = 3000): Promise<void> {
  const data = binaryData(n)
  await s.writeFile(devicePath, data)
  expect(Buffer.from(await s.readFile(devicePath)).equals(Buffer.from(data))).toBe(true)
  await s.remove(devicePath)
}

/** stats: the heap is measured. */
export async function checkStats(s: DeviceSession): Promise<void> {
  const st = await readStats(s, { timeoutMs: 15_000 })
  expect(typeof st.memory.free).toBe('number')
}

/** deploy: a small app with a binary asset arrives whole, a redeploy finds nothing to do, edits arrive (also after another tool changed the device). */
export async function checkDeploy(s: DeviceSession, read: (rel: string) => string): Promise<void> {
  const project = tempProject()
  try {
    const put = (rel: string, data: string | Uint8Array) => {
      const abs = path.join(project.dir, ...rel.split('/'))
      mkdirSync(path.dirname(abs), { recursive: true })
      writeFileSync(abs, data)
    }
    const asset = binaryData(700, 3)
    put('apps/lat/__init__.py', 'print("hi")\n')
    put('apps/lat/data.bin', asset)
    const svc = createDeployService({ session: () => s, projectRoot: () => project.dir, detectDisk: noDisk, records: memoryRecordStore() })
    // What an earlier attempt of the same test left (a retry starts from a device without the app).
    for (const rel of ['apps/lat/__init__.py', 'apps/lat/data.bin', 'apps/lat/.bide-deploy']) await s.remove(read(rel)).catch(() => undefined)
    const r = await svc.deploy({ app: 'lat' })
    expect(r.error).toBeUndefined()
    expect(r.sent.sort()).toEqual(['apps/lat/__init__.py', 'apps/lat/data.bin'])
    expect(Buffer.from(await s.readFile(read('apps/lat/data.bin'))).equals(Buffer.from(asset))).toBe(true)
    const again = await svc.deploy({ app: 'lat' })
    expect({ status: again.status, sent: again.sent, deleted: again.deleted, error: again.error }).toEqual({ status: 'up-to-date', sent: [], deleted: [], error: undefined })
    // An edit (planned from the record where the device allows), then one after another tool
    // shortened the asset on the device (refused there, asked, both files sent).
    const edited = binaryData(900, 5)
    put('apps/lat/data.bin', edited)
    expect((await svc.deploy({ app: 'lat' })).sent).toEqual(['apps/lat/data.bin'])
    expect(Buffer.from(await s.readFile(read('apps/lat/data.bin'))).equals(Buffer.from(edited))).toBe(true)
    await s.writeFile(read('apps/lat/data.bin'), binaryData(10))
    put('apps/lat/__init__.py', 'print("hi again")\n')
    const both = await svc.deploy({ app: 'lat' })
    expect(both.error).toBeUndefined()
    expect(both.sent.sort()).toEqual(['apps/lat/__init__.py', 'apps/lat/data.bin'])
    expect(Buffer.from(await s.readFile(read('apps/lat/data.bin'))).equals(Buffer.from(edited))).toBe(true)
    expect(Buffer.from(await s.readFile(read('apps/lat/__init__.py'))).toString()).toBe('print("hi again")\n')
    for (const rel of ['apps/lat/__init__.py', 'apps/lat/data.bin']) await s.remove(read(rel))
  } finally {
    project.cleanup()
  }
}
