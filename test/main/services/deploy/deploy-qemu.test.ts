/**
 * Deploy and run against a real MicroPython 1.9.2 under QEMU: flat filesystem (names flattened), no
 * hashlib (Adler-32 computed on the device), no rename (writes in place), a 30 KB filesystem.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import { SerialPort } from 'serialport'
import { startMicrobit, type QemuMicrobit } from '../../../helpers/qemu-microbit'
import { tempProject } from '../../../helpers/temp-project'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { createDeployService, type DeployService } from '../../../../src/main/services/deploy/deploy-service'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import { memoryRecordStore } from '../../../../src/main/services/deploy/deploy-record'
import type { DeployProgress } from '../../../../src/shared/deploy/types'

let qemu: QemuMicrobit
let session: DeviceSession
const project = tempProject()
const root = project.dir

async function connect(): Promise<DeviceSession> {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: qemu.path })
  return DeviceSession.open(t, { timeouts: { exec: 15_000 } })
}

function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(root, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

const binary = Uint8Array.from({ length: 600 }, (_, i) => (i * 37 + 3) & 255)

const records = memoryRecordStore()

function service(extra: Partial<Parameters<typeof createDeployService>[0]> = {}): DeployService {
  return createDeployService({ session: () => session, projectRoot: () => root, detectDisk: noDisk, records, ...extra })
}

/** Replaces the QEMU device with a newly booted one (empty flash) and connects to it. */
async function freshDevice(): Promise<void> {
  await session.close().catch(() => undefined)
  await qemu.stop()
  qemu = await startMicrobit()
  session = await connect()
}

async function deviceBytes(name: string): Promise<Buffer> {
  return Buffer.from(await session.readFile(name))
}

beforeAll(async () => {
  qemu = await startMicrobit()
  session = await connect()
  put('apps/hello/__init__.py', 'print("hello from", __name__)\nfor i in range(3):\n    print("line", i)\n')
  put('apps/hello/data.bin', binary)
  put('apps/hello/grüße.txt', 'ünïcödé ✓\n')
  put('apps/hello/util.py', 'def f(x):\n    return 10 // x\n')
  put('secrets.py', 'WIFI_SSID = "x"\n')
}, 60_000)

afterAll(async () => {
  await session?.close().catch(() => undefined)
  await qemu?.stop()
  project.cleanup()
})

describe('deploy to MicroPython 1.9.2 (flat filesystem, no hashlib, no rename)', () => {
  it('plans with on-device Adler-32 and flattened names', async () => {
    const view = await service().plan({ app: 'hello' })
    expect(view.via).toBe('serial')
    expect(view.plan.algo).toBe('adler32')
    expect(view.plan.send.map((s) => s.device).sort()).toEqual(['/apps-hello-__init__.py', '/apps-hello-data.bin', '/apps-hello-grüße.txt', '/apps-hello-util.py'])
    expect(view.plan.protected).toEqual([])
  })

  it('first deploy sends every file, binary-safe, with per-file and per-byte progress', async () => {
    const events: DeployProgress[] = []
    const svc = service({ emit: (ch, p) => ch === 'deploy:progress' && events.push(p as DeployProgress) })
    const r = await svc.deploy({ app: 'hello' })
    expect(r.error).toBeUndefined()
    expect(r.status).toBe('done')
    expect(r.sent).toHaveLength(4)
    expect(await deviceBytes('/apps-hello-data.bin')).toEqual(Buffer.from(binary))
    expect((await deviceBytes('/apps-hello-grüße.txt')).toString('utf8')).toBe('ünïcödé ✓\n')
    const last = events.filter((e) => e.phase === 'sending').at(-1)!
    expect(last.filesDone).toBe(4)
    expect(last.bytesDone).toBe(r.bytesSent)
    expect(events.some((e) => e.bytesDone > 0 && e.bytesDone < r.bytesSent)).toBe(true)
  })

  it('redeploy with no change is up to date in one round trip; after one edit it sends only that file', async () => {
    const svc = service()
    // Round trips are execs of either kind; a copy the emulated UART damaged is resent inside execOwn.
    const spies = [vi.spyOn(session, 'exec'), vi.spyOn(session, 'execOwn')]
    onTestFinished(() => spies.forEach((s) => s.mockRestore()))
    const same = await svc.deploy({ app: 'hello' })
    expect(spies[0]!.mock.calls.length + spies[1]!.mock.calls.length).toBe(1)
    spies.forEach((s) => s.mockRestore())
    expect(same.status).toBe('up-to-date')
    expect(same.sent).toEqual([])
    put('apps/hello/util.py', 'def f(x):\n    return 100 // x\n')
    const one = await svc.deploy({ app: 'hello' })
    expect(one.sent).toEqual(['apps/hello/util.py'])
    expect((await deviceBytes('/apps-hello-util.py')).toString()).toContain('100 // x')
  })

  it('trusts the record while the cookie matches; rescan hashes every file on the device', async () => {
    // From a known state (this test may run alone on a retry): deployed, record and cookie in place.
    put('apps/hello/util.py', 'def f(x):\n    return 100 // x\n')
    expect((await service().deploy({ app: 'hello' })).error).toBeUndefined()
    // Another tool changes a file behind our back, keeping its size.
    await session.writeFile('/apps-hello-util.py', new TextEncoder().encode('def f(x):\n    return 999 // x\n'))
    expect((await service().deploy({ app: 'hello' })).status).toBe('up-to-date')
    const r = await service().deploy({ app: 'hello', rescan: true })
    expect(r.sent).toEqual(['apps/hello/util.py'])
    expect((await deviceBytes('/apps-hello-util.py')).toString()).toContain('100 // x')
  })

  it('whole-project deploy never sends secrets.py unless asked', async () => {
    const plan = (await service().plan({})).plan
    expect(plan.protected).toEqual(['secrets.py'])
    expect(plan.send.map((s) => s.rel)).not.toContain('secrets.py')
    const withSecrets = (await service().plan({ includeSecrets: true })).plan
    expect(withSecrets.send.map((s) => s.rel)).toContain('secrets.py')
  })

  it('deletes files the project no longer has only with consent', async () => {
    await session.writeFile('/apps-hello-old.py', new TextEncoder().encode('x=1\n'))
    await session.writeFile('/keep-me.py', new TextEncoder().encode('y=1\n'))
    const kept = await service().deploy({ app: 'hello' })
    expect(kept.deleted).toEqual([])
    expect((await session.listDir('/')).map((e) => e.name)).toContain('apps-hello-old.py')
    const del = await service().deploy({ app: 'hello', delete: true })
    expect(del.deleted).toEqual(['/apps-hello-old.py'])
    const names = (await session.listDir('/')).map((e) => e.name)
    expect(names).not.toContain('apps-hello-old.py')
    expect(names).toContain('keep-me.py')
  })

  it('a file larger than the free space fails with DEVICE_NO_SPACE and loses nothing', async () => {
    // A fresh device each attempt: a filled 30 KB flash is no state to retry from.
    await freshDevice()
    expect((await service().deploy({ app: 'hello' })).status).toBe('done')
    put('apps/hello/huge.bin', new Uint8Array(40_000).fill(7))
    onTestFinished(() => rmSync(path.join(root, 'apps/hello/huge.bin'), { force: true }))
    const r = await service().deploy({ app: 'hello' })
    expect(r.status).toBe('failed')
    expect(r.error?.code).toBe('DEVICE_NO_SPACE')
    const names = (await session.listDir('/')).map((e) => e.name)
    expect(names).not.toContain('apps-hello-huge.bin')
    expect(names.filter((n) => n.startsWith('.'))).toEqual([])
    // The deployed files are still listed. (Their bytes are not checked here: this firmware's
    // filesystem, once it ran full, can misreport the sizes of files it never touched; the old
    // file of a replacing write surviving a full filesystem is checked in qemu-device.test.ts.)
    expect(names).toEqual(expect.arrayContaining(['apps-hello-data.bin', 'apps-hello-__init__.py']))
    rmSync(path.join(root, 'apps/hello/huge.bin'))
  })

  it('a cut link mid-deploy is finished by the next deploy, every file correct', async () => {
    // A fresh device: the full-filesystem test before this one leaves the 30 KB flash fragmented.
    await freshDevice()
    const big = Uint8Array.from({ length: 3000 }, (_, i) => (i * 13) & 255)
    put('apps/hello/big.bin', big)
    put('apps/hello/__init__.py', 'print("v2")\n')
    let cut = false
    const svc = service({
      emit: (ch, p) => {
        const e = p as DeployProgress
        if (ch === 'deploy:progress' && !cut && e.file === '/apps-hello-big.bin' && e.bytesDone > 1000) {
          cut = true
          void session.transport.close()
        }
      },
    })
    const r = await svc.deploy({ app: 'hello' })
    expect(cut).toBe(true)
    expect(r.status).toBe('failed')
    expect(['DISCONNECTED', 'NOT_CONNECTED']).toContain(r.error?.code)
    expect(r.notSent).toContain('apps/hello/__init__.py')
    // The device's receiver gives up after its idle deadline; reconnecting takes the REPL back.
    await new Promise((res) => setTimeout(res, 3500))
    session = await connect()
    const again = await service().deploy({ app: 'hello' })
    expect(again.error).toBeUndefined()
    expect(again.sent).toContain('apps/hello/big.bin')
    expect(again.sent).toContain('apps/hello/__init__.py')
    expect(await deviceBytes('/apps-hello-big.bin')).toEqual(Buffer.from(big))
    expect((await deviceBytes('/apps-hello-__init__.py')).toString()).toBe('print("v2")\n')
    expect((await service().deploy({ app: 'hello' })).status).toBe('up-to-date')
  })

})
