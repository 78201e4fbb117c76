/**
 * Deploy, run and stats against the virtual badge: the emulator's own MicroPython REPL behind a
 * serialport binding, with the badge's layout (/ and /system).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempProject } from '../../../helpers/temp-project'
import { createVirtualBadgeBinding } from '../../../../src/main/emulator/virtual-badge'
import type { BindingInterface } from '../../../../src/main/services/device/binding-types'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { createDeployService, type DeployService } from '../../../../src/main/services/deploy/deploy-service'
import { memoryRecordStore } from '../../../../src/main/services/deploy/deploy-record'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import { createStatsService } from '../../../../src/main/services/stats/stats-service'
import type { DeployProgress } from '../../../../src/shared/deploy/types'
import { innermostProjectFrame } from '../../../../src/shared/traceback'

const flash = mkdtempSync(path.join(os.tmpdir(), 'vbadge-test-'))
const project = tempProject()
const records = memoryRecordStore()
let session: DeviceSession
let output: Array<{ data: string; stream: string }> = []

async function connect(): Promise<DeviceSession> {
  const binding = createVirtualBadgeBinding({ dir: flash, wifi: true }) as unknown as BindingInterface
  // A cut link is still being released for a moment (the flash folder stays locked until then).
  for (let attempt = 0; ; attempt++) {
    try {
      return await DeviceSession.open(await SerialTransport.open({ binding, path: 'virtual' }))
    } catch (e) {
      if (attempt >= 30 || (e as { code?: string }).code !== 'PORT_BUSY') throw e
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

function service(extra: Partial<Parameters<typeof createDeployService>[0]> = {}): DeployService {
  return createDeployService({
    session: () => session,
    projectRoot: () => project.dir,
    detectDisk: noDisk,
    records,
    emit: (ch, p) => {
      if (ch === 'device:output') output.push(p as { data: string; stream: string })
    },
    ...extra,
  })
}

// About 40 KB of garbage a frame for 150 frames, its peak heap reading printed at the end.
const CHURN = [
  'import gc',
  'n = 0',
  'peak = 0',
  'def update():',
  '    global n, peak',
  '    n += 1',
  '    junk = [bytearray(400) for _ in range(100)]',
  '    peak = max(peak, gc.mem_alloc())',
  '    if n == 150:',
  '        print("peak", peak, len(junk))',
  '        return True',
  '',
].join('\n')

/** The churn app's peak: flat when each frame's garbage was reclaimed (6 MB if it stayed until the exec ended). */
async function expectFlat(stdout: string): Promise<void> {
  const peak = Number(/peak (\d+) 100/.exec(stdout)?.[1])
  expect(peak).toBeGreaterThan(40_000)
  expect(peak).toBeLessThan(200_000)
  expect((await session.exec('print(6*7)')).stdout.trim()).toBe('42')
}

const text = (stream: string) => output.filter((o) => o.stream === stream).map((o) => o.data).join('').replace(/\r/g, '')
const sprite = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 13 + (i >> 8)) & 255)

beforeAll(async () => {
  session = await connect()
  put('apps/draw/__init__.py', [
    'from badgeware import screen, brushes, shapes',
    'import helper',
    'n = 0',
    'def init():',
    '    print("init", __name__)',
    'def update():',
    '    global n',
    '    n += 1',
    '    screen.brush = brushes.color(255, 0, 0)',
    '    screen.draw(shapes.rectangle(0, 0, 10, 10))',
    '    if n == 5:',
    '        print("drew", n, "frames", helper.tag())',
    '        return True',
    '',
  ].join('\n'))
  put('apps/draw/helper.py', 'def tag():\n    return "ok"\n')
  put('apps/draw/assets/sprite.bin', sprite)
  put('apps/draw/dätä/ñ.txt', 'unicode ✓\n')
  put('apps/boom/__init__.py', 'def update():\n    items = []\n    return items[2]\n')
  put('apps/spin/__init__.py', 'n = 0\ndef update():\n    global n\n    n += 1\n    if n == 10:\n        print("spinning")\n')
  put('apps/churn/__init__.py', CHURN)
  put('apps/hog/__init__.py', 'keep = []\ndef update():\n    keep.append(bytearray(8000))\n    if len(keep) == 200:\n        print("held 1.6 MB")\n        return True\n')
  put('secrets.py', 'WIFI_SSID = "universe"\nWIFI_PASSWORD = "pw"\n')
}, 60_000)

afterAll(async () => {
  await session?.close().catch(() => undefined)
  project.cleanup()
  rmSync(flash, { recursive: true, force: true })
})

async function deviceBytes(p: string): Promise<Buffer> {
  return Buffer.from(await session.readFile(p))
}

describe('deploy to the virtual badge', () => {
  it('sends an app with folders, binary assets and unicode names, verified, into /system/apps', async () => {
    const r = await service().deploy({ app: 'draw' })
    expect(r.error).toBeUndefined()
    expect(r.sent).toHaveLength(4)
    expect(await deviceBytes('/system/apps/draw/assets/sprite.bin')).toEqual(Buffer.from(sprite))
    expect((await deviceBytes('/system/apps/draw/dätä/ñ.txt')).toString()).toBe('unicode ✓\n')
    const names = (await session.listTree('/system/apps/draw')).map((e) => e.path)
    expect(names.filter((n) => n.endsWith('.bide-tmp'))).toEqual([])
  })

  it('redeploys nothing in one round trip, then only an edited file', async () => {
    let execs = 0
    const counting = new Proxy(session, {
      get: (t, k) =>
        k === 'exec' || k === 'execOwn' ? (...a: Parameters<DeviceSession['exec']>) => (execs++, t[k](...a)) : Reflect.get(t, k),
    })
    const svc = service({ session: () => counting })
    expect((await svc.deploy({ app: 'draw' })).status).toBe('up-to-date')
    expect(execs).toBe(1)
    put('apps/draw/helper.py', 'def tag():\n    return "ok!"\n')
    expect((await svc.deploy({ app: 'draw' })).sent).toEqual(['apps/draw/helper.py'])
  })

  it('a file of the same size written outside the deploy (put, the file browser) is sent again, not trusted to the record', async () => {
    const svc = service()
    expect((await svc.deploy({ app: 'draw' })).status).toBe('up-to-date')
    const ours = Buffer.from('def tag():\n    return "ok!"\n')
    const theirs = Buffer.from('def tag():\n    return "no!"\n')
    expect(theirs.length).toBe(ours.length)
    await session.writeFile('/system/apps/draw/helper.py', theirs)
    const r = await svc.deploy({ app: 'draw' })
    expect(r.sent).toEqual(['apps/draw/helper.py'])
    expect(await deviceBytes('/system/apps/draw/helper.py')).toEqual(ours)
    expect((await svc.deploy({ app: 'draw' })).status).toBe('up-to-date')
  })

  it('a cut link mid-deploy leaves every file old or new; the next deploy finishes the job', async () => {
    for (let i = 0; i < 8; i++) put(`apps/draw/lib/m${i}.py`, `# module ${i}\n` + 'x = "' + 'y'.repeat(6000) + '"\n')
    put('apps/draw/helper.py', 'def tag():\n    return "v3"\n')
    let cut = false
    const svc = service({
      emit: (ch, p) => {
        if (ch === 'deploy:progress' && !cut && (p as DeployProgress).filesDone >= 1) {
          cut = true
          void session.transport.close()
        }
      },
    })
    const r = await svc.deploy({ app: 'draw' })
    expect(cut).toBe(true)
    expect(r.status).toBe('failed')
    session = await connect()
    // Whatever landed is complete: every file is the old or the new version, never a torn one.
    const helper = (await deviceBytes('/system/apps/draw/helper.py')).toString()
    expect(['def tag():\n    return "ok!"\n', 'def tag():\n    return "v3"\n']).toContain(helper)
    const again = await service().deploy({ app: 'draw' })
    expect(again.error).toBeUndefined()
    expect(again.status).toBe('done')
    expect((await deviceBytes('/system/apps/draw/helper.py')).toString()).toContain('v3')
    for (let i = 0; i < 8; i++) expect((await deviceBytes(`/system/apps/draw/lib/m${i}.py`)).toString()).toBe(`# module ${i}\n` + 'x = "' + 'y'.repeat(6000) + '"\n')
    expect((await service().deploy({ app: 'draw' })).status).toBe('up-to-date')
  })
})

describe('run on the virtual badge', () => {
  it('runs an app that draws and prints; output arrives as printed', async () => {
    output = []
    const svc = service()
    await svc.runApp('draw')
    const end = await svc.runDone()
    expect(end?.status).toBe('finished')
    expect(text('stdout')).toContain('init /system/apps/draw\n')
    expect(text('stdout')).toContain('drew 5 frames v3\n')
    expect(text('stdout')).not.toMatch(/\x1e|bide:/)
  })

  it('keeps memory flat: each frame\'s garbage is reclaimed, as the badge collects it', async () => {
    output = []
    const svc = service()
    await svc.runApp('churn')
    const end = await svc.runDone()
    expect(end?.status).toBe('finished')
    await expectFlat(text('stdout'))
  })

  it('raises MemoryError where the badge would: an app holding more than its heap', async () => {
    output = []
    const svc = service()
    await svc.runApp('hog')
    const end = await svc.runDone()
    expect(end?.status).toBe('error')
    expect(text('stderr')).toMatch(/MemoryError: .*the badge has 246912/)
    expect(text('stdout')).not.toContain('held 1.6 MB')
    // Once the app's module is let go, the heap is the badge's again (the platform, imported at
    // boot as the badge's firmware has it, does not count).
    await session.exec("import sys\nfor k in [k for k in sys.modules if 'hog' in k]:\n    del sys.modules[k]\n_m = _u = None\nimport gc\ngc.collect()\n")
    const r = await session.exec('import gc\nprint(gc.mem_alloc() < 60000, gc.mem_free() + gc.mem_alloc())')
    expect(r.stdout.trim()).toBe('True 246912')
  })

  it('steps a badgeware.run() loop that another tool sends, with the same flat memory', async () => {
    const r = await session.exec(`${CHURN}from badgeware import run\nrun(update)\n`)
    expect(r.stderr).toBe('')
    await expectFlat(r.stdout)
  })

  it('names the project file and line of an error', async () => {
    output = []
    const svc = service()
    await svc.runApp('boom')
    const end = await svc.runDone()
    expect(end?.status).toBe('error')
    expect(innermostProjectFrame(end?.frames ?? [])).toMatchObject({ file: 'apps/boom/__init__.py', line: 3 })
    expect(text('stderr')).toContain('File "apps/boom/__init__.py", line 3')
  })

  it('stops an app that loops forever and returns a usable prompt', async () => {
    output = []
    const svc = service()
    await svc.runApp('spin')
    while (!text('stdout').includes('spinning')) await new Promise((r) => setTimeout(r, 50))
    await svc.stop()
    expect((await svc.runDone())?.status).toBe('stopped')
    expect((await session.exec('print(6*7)')).stdout.trim()).toBe('42')
  })
})

describe('stats on the virtual badge', () => {
  it('reports every section; the simulated WLAN follows connect and disconnect', async () => {
    const stats = createStatsService({ session: () => session })
    await service().deploy({ includeSecrets: true })
    // The badge's boot copies /system/secrets.py to /secrets.py; do the same without rebooting.
    await session.exec("f=open('/secrets.py','w')\nf.write(open('/system/secrets.py').read())\nf.close()\n")
    const before = (await stats.read()).stats
    expect(before.network.available).toBe(true)
    expect(before.network.connected).toBe(false)
    expect(before.network.configuredSsid).toBe('universe')
    expect(before.system.screen).toBe('160x120')
    expect(typeof before.storage.total).toBe('number')
    // Memory is the badge's heap (about 241 KB), not the WebAssembly build's much larger one.
    const mem = before.memory as { free: number; used: number; total: number }
    expect(mem.used).toBeGreaterThan(0)
    expect(mem.free + mem.used).toBeGreaterThan(240_000)
    expect(mem.free + mem.used).toBeLessThan(250_000)
    expect(before.system.uniqueId).toMatch(/^[0-9a-f]{16}$/)
    await session.exec("import network\nw=network.WLAN(network.STA_IF)\nw.active(True)\nw.connect('universe','pw')\n")
    let s = before
    for (let i = 0; i < 40 && s.network.connected !== true; i++) {
      await new Promise((r) => setTimeout(r, 100))
      s = (await stats.read()).stats
    }
    expect(s.network).toMatchObject({ connected: true, ssid: 'universe', ip: '192.168.4.23', netmask: '255.255.255.0', gateway: '192.168.4.1', dns: '192.168.4.1', rssi: -50 })
    expect(s.network.mac).toMatch(/^28:cd:c1(:[0-9a-f]{2}){3}$/)
    await session.exec('w.disconnect()\n')
    expect((await stats.read()).stats.network.connected).toBe(false)
  })
})
