/** Run on the badge against MicroPython 1.9.2 under QEMU: a plain script, an error, a stopped loop. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SerialPort } from 'serialport'
import { startMicrobit, type QemuMicrobit } from '../../../helpers/qemu-microbit'
import { tempProject } from '../../../helpers/temp-project'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { createDeployService, type DeployService } from '../../../../src/main/services/deploy/deploy-service'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import { innermostProjectFrame } from '../../../../src/shared/traceback'

let qemu: QemuMicrobit
let session: DeviceSession
let svc: DeployService
const project = tempProject()
let output: Array<{ data: string; stream: string }> = []
const memory: Array<{ free: number; used: number; total: number }> = []

function put(rel: string, data: string): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

beforeAll(async () => {
  qemu = await startMicrobit()
  session = await DeviceSession.open(await SerialTransport.open({ binding: SerialPort.binding, path: qemu.path }))
  put('apps/plain/__init__.py', 'print("first")\nprint("second", 1 + 1)\n')
  put('apps/boom/__init__.py', 'print("before")\n\ndef f(x):\n    return 1 // x\n\nf(0)\n')
  put('apps/spin/__init__.py', 'n = 0\ndef update():\n    global n\n    n += 1\n    if n == 50:\n        print("spinning")\n')
  svc = createDeployService({
    session: () => session,
    projectRoot: () => project.dir,
    detectDisk: noDisk,
    onRunMemory: (m) => memory.push(m),
    emit: (ch, p) => {
      if (ch === 'device:output') output.push(p as { data: string; stream: string })
    },
  })
}, 60_000)

afterAll(async () => {
  await session?.close().catch(() => undefined)
  await qemu?.stop()
  project.cleanup()
})

const text = (stream: string) => output.filter((o) => o.stream === stream).map((o) => o.data).join('')

describe('run on MicroPython 1.9.2', () => {
  it('deploys and runs a plain script; output arrives as printed', async () => {
    output = []
    const started = await svc.runApp('plain')
    expect(started.status).toBe('running')
    const end = await svc.runDone()
    expect(end?.status).toBe('finished')
    expect(text('stdout').replace(/\r/g, '')).toBe('first\nsecond 2\n')
    expect(text('stdout')).not.toContain('\x1e')
  })

  it('maps the traceback to the project file and line', async () => {
    output = []
    await svc.runApp('boom')
    const end = await svc.runDone()
    expect(end?.status).toBe('error')
    expect(innermostProjectFrame(end?.frames ?? [])).toMatchObject({ file: 'apps/boom/__init__.py', line: 4 })
    expect(end?.exception).toBe('ZeroDivisionError: division by zero')
    expect(text('stderr')).toContain('File "apps/boom/__init__.py", line 4')
    expect(text('stdout')).toContain('before')
  })

  it('stops an app that loops forever and leaves a usable prompt; memory arrives through the run hook', async () => {
    output = []
    memory.length = 0
    await svc.runApp('spin')
    while (!text('stdout').includes('spinning') || memory.length === 0) await new Promise((r) => setTimeout(r, 50))
    expect(memory[0]!.free + memory[0]!.used).toBe(memory[0]!.total)
    expect(text('stdout')).not.toMatch(/\x1e|bide:/)
    await svc.stop()
    expect((await svc.runDone())?.status).toBe('stopped')
    expect(svc.running).toBe(false)
    const r = await session.exec('print(6*7)')
    expect(r.stdout.trim()).toBe('42')
  })
})
