/**
 * The serial stack through a misbehaving link (test/helpers/fault-relay.ts) in front of the QEMU
 * micro:bit: fragmented and delayed bytes, noise before the prompt, a cut cable, the device killed
 * mid-write. Every case ends in the right result or a stable error code, never a hang; vitest fails
 * the file on any unhandled rejection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SerialPort } from 'serialport'
import { startMicrobit, type QemuMicrobit } from '../../../helpers/qemu-microbit'
import { createFaultRelay, type FaultPlan } from '../../../helpers/fault-relay'
import { DeviceManager } from '../../../../src/main/services/device/device-manager'
import type { DeviceState } from '../../../../src/shared/ipc/domains/device'
import { FLAT_LAYOUT, toDevicePath } from '../../../../src/shared/deploy/layout'
import { LINK_SETTINGS, checkDeploy, checkExec, checkPutGet, checkStats } from './link-matrix'

let q: QemuMicrobit
const managers: DeviceManager[] = []

beforeAll(async () => {
  q = await startMicrobit()
})
afterEach(async () => {
  for (const m of managers.splice(0)) await m.disconnect()
})
afterAll(async () => {
  await q?.stop()
})

/** A manager whose link goes through a relay with `plan`. */
function through(plan: FaultPlan, states: DeviceState[] = []) {
  const relay = createFaultRelay(SerialPort.binding, plan)
  const m = new DeviceManager({
    bindingFor: () => relay.binding,
    emit: ((channel: string, payload: unknown) => {
      if (channel === 'device:state') states.push(payload as DeviceState)
    }) as never,
  })
  managers.push(m)
  return { m, relay }
}

/** Rejects if `p` has not settled within `ms`: the "never a hang" bound. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))])
}

describe('faulty link in front of the QEMU micro:bit', () => {
  it('works with every byte delivered one at a time in both directions', async () => {
    const { m } = through({ oneByteReads: true, oneByteWrites: true })
    await m.connect(q.path)
    expect((await m.session.exec('print("é" * 3)')).stdout).toBe('ééé\r\n')
    const data = new Uint8Array(200).map((_, i) => (i * 11) & 255)
    await m.session.writeFile('/frag.bin', data)
    expect(Buffer.from(await m.session.readFile('/frag.bin')).equals(Buffer.from(data))).toBe(true)
    await m.session.remove('/frag.bin')
  })

  it('works with delays on every read and write', async () => {
    const { m } = through({ delayMs: 3 })
    await m.connect(q.path)
    const r = await m.session.exec('print(sum(range(10)))\n1/0\n')
    expect(r.stdout).toBe('45\r\n')
    expect(r.exception?.type).toBe('ZeroDivisionError')
  })

  it('connects through noise before the prompt (a modem prober, line garbage)', async () => {
    const noise = Buffer.concat([Buffer.from('AT\r\nATE0\r\n\x00\xff\xfe>>> raw REPL; CTRL-B'), Buffer.from([0x04, 0x3e, 0x80])])
    const { m } = through({ noiseOnOpen: noise })
    const state = await m.connect(q.path)
    expect(state.status).toBe('connected')
    expect((await m.session.exec('print(1)')).stdout).toBe('1\r\n')
  })

  it.each([
    ['text', new TextEncoder().encode('x = "some source text"\n'.repeat(60))],
    ['binary', new Uint8Array(1000).map((_, i) => (i * 151) & 255)],
  ])('a byte lost on the way to the device (%s) is refused on the device and only that exec goes again', async (_kind, text) => {
    const { m, relay } = through({})
    await m.connect(q.path)
    // Losses in the preparation (its helpers), the open line (the file name) and the data pieces.
    for (const [i, at] of [20, 130, 400, 900].entries()) {
      relay.dropOneByte(at)
      const report = await m.session.writeFile('/lossy.py', text)
      expect(relay.dropped).toBe(i + 1)
      expect(report.verifiedBy).toBe('adler32')
      expect(Buffer.from(await m.session.readFile('/lossy.py')).equals(Buffer.from(text))).toBe(true)
    }
    expect((await m.session.listDir('/')).map((e) => e.name).filter((n) => n.includes('los'))).toEqual(['lossy.py'])
    await m.session.remove('/lossy.py')
  })

  it('a cut cable rejects the running and the queued operations with DISCONNECTED and emits the state', async () => {
    const states: DeviceState[] = []
    const { m, relay } = through({}, states)
    await m.connect(q.path)
    const s = m.session
    const running = s.exec('while True:\n pass\n', { timeoutMs: Infinity })
    const queued = s.listDir('/')
    await new Promise((r) => setTimeout(r, 200))
    relay.cut()
    await expect(within(3000, running)).rejects.toMatchObject({ code: 'DISCONNECTED' })
    await expect(within(3000, queued)).rejects.toMatchObject({ code: 'DISCONNECTED' })
    await expect(s.exec('print(1)')).rejects.toMatchObject({ code: 'DISCONNECTED' })
    expect(states[states.length - 1]).toMatchObject({ status: 'disconnected', error: { code: 'DISCONNECTED' } })
    expect(() => m.session).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }))
    // The device itself is fine: interrupt its loop through a clean link.
    const clean = through({}).m
    await clean.connect(q.path)
    expect((await clean.session.exec('print(2)')).stdout).toBe('2\r\n')
  })

  it('a device that stops answering times out with DEVICE_TIMEOUT, not a hang', async () => {
    const { m } = through({})
    await m.connect(q.path)
    const s = m.session
    // Ctrl-C disabled and no output: the exec timeout is the only way out.
    const r = s.exec('import micropython\nmicropython.kbd_intr(-1)\nwhile True:\n pass\n', { timeoutMs: 1000 })
    await expect(within(3000, r)).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' })
  })
})

describe.each(LINK_SETTINGS)('QEMU micro:bit through %s', (_name, plan) => {
  // A device of its own: the tests above leave the firmware looping with Ctrl-C disabled.
  let fresh: QemuMicrobit
  beforeAll(async () => {
    fresh = await startMicrobit()
  })
  afterAll(async () => {
    await fresh?.stop()
  })

  it('exec, put/get of binary data, stats and deploy give the right result', { timeout: 180_000 }, async () => {
    const { m } = through(plan)
    await m.connect(fresh.path)
    await checkExec(m.session)
    await checkPutGet(m.session, '/lat.bin')
    await checkStats(m.session)
    await checkDeploy(m.session, (rel) => toDevicePath(rel, FLAT_LAYOUT))
  })
})

describe('device killed in the middle of a write', () => {
  it('rejects the write with DISCONNECTED within 3 s and reports the unplug', async () => {
    const victim = await startMicrobit()
    try {
      const { m } = through({})
      await m.connect(victim.path)
      const s = m.session
      let killedAt = 0
      const data = new Uint8Array(6000).map((_, i) => i & 255)
      const write = s.writeFile('/big.bin', data, {
        onProgress: (done) => {
          if (!killedAt && done >= 1000) {
            killedAt = done
            void victim.stop()
          }
        },
      })
      await expect(within(3000, write)).rejects.toMatchObject({ code: 'DISCONNECTED' })
      expect(killedAt).toBeGreaterThan(0)
      expect(m.state.status).toBe('disconnected')
    } finally {
      await victim.stop()
    }
  })
})
