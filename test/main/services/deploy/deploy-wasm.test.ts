/**
 * Deploy, run and stats on a badge-shaped MicroPython 1.27 (folders under /system, hashlib, rename):
 * SHA-256 plans, batched writes verified on the device, temp + rename, folders created.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempProject } from '../../../helpers/temp-project'
import { createDeployService, type DeployService } from '../../../../src/main/services/deploy/deploy-service'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import { memoryRecordStore } from '../../../../src/main/services/deploy/deploy-record'
import { snapshotCode } from '../../../../src/main/services/deploy/snapshot-code'
import { readStats } from '../../../../src/main/services/stats/stats-reader'
import { NA } from '../../../../src/shared/stats/types'
import { wasmDevice, type WasmDevice } from './wasm-device'
import { innermostProjectFrame } from '../../../../src/shared/traceback'

const project = tempProject()
let dev: WasmDevice
let svc: DeployService
const output: string[] = []

function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

const sprite = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + 1) & 255)

beforeAll(async () => {
  dev = await wasmDevice()
  svc = createDeployService({
    session: () => dev.session,
    projectRoot: () => project.dir,
    detectDisk: noDisk,
    emit: (ch, p) => {
      if (ch === 'device:output') output.push((p as { data: string }).data)
    },
  })
  put('apps/pic/__init__.py', 'import helper\nframes = 0\ndef init():\n    print("init in", __name__)\ndef update():\n    global frames\n    frames += 1\n    if frames == 3:\n        print("frames", frames, helper.twice(frames))\n        return True\n')
  put('apps/pic/helper.py', 'def twice(x):\n    return 2 * x\n')
  put('apps/pic/assets/sprite.bin', sprite)
  put('apps/pic/ǅ名前.txt', 'unicode ✓\n')
  put('apps/bad/__init__.py', 'def update():\n    x = {}\n    return x["missing"]\n')
  put('secrets.py', 'WIFI_SSID = "mine"\n')
}, 60_000)

afterAll(() => project.cleanup())

async function deviceFile(p: string): Promise<Buffer> {
  const hex = await dev.py(`import binascii\nf=open(${JSON.stringify(p)},'rb')\nprint(binascii.hexlify(f.read()).decode())\nf.close()\n`)
  return Buffer.from(hex.trim(), 'hex')
}

describe('deploy to a badge-shaped MicroPython 1.27', () => {
  it('plans with SHA-256 under /system/apps', async () => {
    const { plan } = await svc.plan({ app: 'pic' })
    expect(plan.algo).toBe('sha256')
    expect(plan.send.map((s) => s.device)).toContain('/system/apps/pic/assets/sprite.bin')
  })

  it('writes in batches, creates folders, leaves no temporary files, is binary and unicode safe', async () => {
    dev.execs.length = 0
    const r = await svc.deploy({ app: 'pic' })
    expect(r.error).toBeUndefined()
    expect(r.sent).toHaveLength(4)
    // One exec per batch instead of several per file.
    expect(dev.execs.length).toBeLessThan(8)
    expect(await deviceFile('/system/apps/pic/assets/sprite.bin')).toEqual(Buffer.from(sprite))
    expect((await deviceFile('/system/apps/pic/ǅ名前.txt')).toString()).toBe('unicode ✓\n')
    const names = await dev.py("import os\nprint(' '.join(os.listdir('/system/apps/pic')))")
    expect(names.trim().split(' ').sort()).toEqual(['.bide-deploy', '__init__.py', 'assets', 'helper.py', 'ǅ名前.txt'])
  })

  it('redeploys nothing in one exec, then only the edited file', async () => {
    dev.execs.length = 0
    expect((await svc.deploy({ app: 'pic' })).status).toBe('up-to-date')
    expect(dev.execs).toHaveLength(1)
    put('apps/pic/helper.py', 'def twice(x):\n    return x + x\n')
    dev.execs.length = 0
    expect((await svc.deploy({ app: 'pic' })).sent).toEqual(['apps/pic/helper.py'])
    // Planned from the record: one exec with helpers, the query's check, the cookie's removal, the
    // file, the new cookie, cleanup.
    expect(dev.execs).toHaveLength(1)
    expect((await deviceFile('/system/apps/pic/helper.py')).toString()).toBe('def twice(x):\n    return x + x\n')
    dev.execs.length = 0
    expect((await svc.deploy({ app: 'pic' })).status).toBe('up-to-date')
    expect(dev.execs).toHaveLength(1)
  })
})

describe('the deploy record on a badge-shaped MicroPython 1.27', () => {
  // A service with its own record, over a session whose snapshot replies are kept.
  function recorded() {
    const replies: string[] = []
    const session = new Proxy(dev.session, {
      get: (t, k) =>
        k === 'execOwn'
          ? async (...a: Parameters<typeof t.execOwn>) => {
              const r = await t.execOwn(...a)
              replies.push(r.stdout)
              return r
            }
          : Reflect.get(t, k),
    })
    const records = memoryRecordStore()
    return { replies, svc: createDeployService({ session: () => session, projectRoot: () => project.dir, detectDisk: noDisk, records }) }
  }
  const rows = (reply: string) => reply.split('\n').filter((l) => l.includes('/system/'))
  const data = () => Uint8Array.from({ length: 700 }, (_, i) => i & 255)
  /** App `app` (two files) deployed by a service with its own record; `before` runs on the device first. */
  async function deployedWithRecord(app: string, before?: string) {
    put(`apps/${app}/__init__.py`, 'x = 1\n')
    put(`apps/${app}/data.bin`, data())
    if (before) await dev.py(before)
    const r = recorded()
    expect((await r.svc.deploy({ app })).sent).toHaveLength(2)
    return r
  }

  it('a no-change redeploy is answered in one line, also with a file kept that the project does not have', async () => {
    const { replies, svc: s } = await deployedWithRecord(
      'rec',
      "import os\ntry:\n os.mkdir('/system/apps/rec')\nexcept OSError:\n pass\nf=open('/system/apps/rec/notes.txt','w')\nf.write('mine')\nf.close()\n",
    )
    replies.length = 0
    const again = await s.deploy({ app: 'rec' })
    expect(again.status).toBe('up-to-date')
    expect(replies).toHaveLength(1)
    expect(rows(replies[0]!)).toEqual([])
    expect((await s.plan({ app: 'rec' })).plan.kept).toEqual(['/system/apps/rec/notes.txt'])
  })

  it('after the record, a file another tool changed or added on the device is still found', async () => {
    const { replies, svc: s } = await deployedWithRecord('rec2')
    await dev.py("f=open('/system/apps/rec2/data.bin','wb')\nf.write(b'short')\nf.close()\nf=open('/system/apps/rec2/new.txt','w')\nf.write('x')\nf.close()\n")
    replies.length = 0
    const r = await s.deploy({ app: 'rec2' })
    expect(r.sent).toEqual(['apps/rec2/data.bin'])
    expect(rows(replies[0]!).length).toBeGreaterThan(0)
    expect((await s.plan({ app: 'rec2' })).plan.kept).toEqual(['/system/apps/rec2/new.txt'])
    expect(await deviceFile('/system/apps/rec2/data.bin')).toEqual(Buffer.from(data()))
  })

  it('when the cookie is gone, the small sizes-only query says so and a second query hashes: a same-size change is found', async () => {
    const { replies, svc: s } = await deployedWithRecord('rec3')
    // Another tool rewrote a file (same size) and, as a deploy of ours would, dropped the cookie.
    await dev.py("import os\nf=open('/system/apps/rec3/data.bin','wb')\nf.write(bytes(700))\nf.close()\nos.remove('/system/apps/rec3/.bide-deploy')\n")
    replies.length = 0
    const r = await s.deploy({ app: 'rec3' })
    expect(r.sent).toEqual(['apps/rec3/data.bin'])
    expect(replies[0]!.trim()).toBe("('', -4, 0)")
    expect(rows(replies[1]!).find((l) => l.includes('/rec3/data.bin'))).toMatch(/^\('\/system\/apps\/rec3\/data\.bin', 700, b['"]/)
    expect(await deviceFile('/system/apps/rec3/data.bin')).toEqual(Buffer.from(data()))
  })
})

describe('a deploy planned from the record on a badge-shaped MicroPython 1.27', () => {
  const data = (n: number, k = 1) => Uint8Array.from({ length: n }, (_, i) => (i * k) & 255)
  async function deployed(app: string) {
    put(`apps/${app}/__init__.py`, 'x = 1\n')
    put(`apps/${app}/data.bin`, data(700))
    const s = createDeployService({ session: () => dev.session, projectRoot: () => project.dir, detectDisk: noDisk, records: memoryRecordStore() })
    expect((await s.deploy({ app })).sent).toHaveLength(2)
    return s
  }

  it('a device another tool changed refuses the write before touching a file; the deploy asks and sends what differs', async () => {
    const s = await deployed('guard1')
    // Another tool shortened data.bin and added a file since our deploy; here only __init__.py changed.
    await dev.py("f=open('/system/apps/guard1/data.bin','wb')\nf.write(b'short')\nf.close()\nf=open('/system/apps/guard1/theirs.txt','w')\nf.write('x')\nf.close()\n")
    put('apps/guard1/__init__.py', 'x = 2\n')
    dev.execs.length = 0
    const r = await s.deploy({ app: 'guard1' })
    expect(r.error).toBeUndefined()
    // Trusting the record would have sent __init__.py alone and left data.bin short.
    expect(r.sent.sort()).toEqual(['apps/guard1/__init__.py', 'apps/guard1/data.bin'])
    expect(await deviceFile('/system/apps/guard1/data.bin')).toEqual(Buffer.from(data(700)))
    expect((await deviceFile('/system/apps/guard1/__init__.py')).toString()).toBe('x = 2\n')
    // The refused write (and its cleanup), the query, the write.
    expect(dev.execs.length).toBeGreaterThanOrEqual(3)
    expect((await dev.py("import os\nprint(' '.join(sorted(os.listdir('/system/apps/guard1'))))")).trim()).toBe('.bide-deploy __init__.py data.bin theirs.txt')
  })

  it('the check prints nothing when the device is as recorded and raises _BG when the cookie, a size or the free space differ', async () => {
    await deployed('guard2')
    const features = { algo: 'sha256' as const, flat: false, stat: true, ilistdir: true, size: false, statvfs: true }
    const token = (await dev.py("print(open('/system/apps/guard2/.bide-deploy').read())")).trim()
    const sizes = { '/system/apps/guard2/__init__.py': 6, '/system/apps/guard2/data.bin': 700, '/system/apps/guard2/.bide-deploy': token.length }
    const check = (over: { token?: string; sizes?: Record<string, number>; need?: number }) =>
      dev.session.exec(snapshotCode(features, [], ['/system/apps/guard2'], [], '/system', { name: '/system/apps/guard2/.bide-deploy', token: over.token ?? token, sizes: over.sizes ?? sizes, need: over.need ?? 0 }))
    const ok = await check({})
    expect([ok.stdout, ok.stderr]).toEqual(['', ''])
    for (const bad of [{ token: 'other' }, { sizes: { ...sizes, '/system/apps/guard2/data.bin': 699 } }, { need: 10 ** 12 }]) {
      expect((await check(bad)).exception?.type).toBe('_BG')
    }
  })
})

describe('the snapshot query on a badge-shaped MicroPython 1.27', () => {
  it('finds the same files and sizes with the listing (ilistdir) as with a stat per file, in both modes', async () => {
    put('apps/walk/__init__.py', 'x = 1\n')
    put('apps/walk/sub/deep/a.bin', Uint8Array.from({ length: 300 }, (_, i) => i & 255))
    await svc.deploy({ app: 'walk' })
    const query = (ilistdir: boolean, cookie?: { name: string; token: string }) =>
      dev.py(snapshotCode({ algo: 'sha256', flat: false, stat: true, ilistdir, size: false, statvfs: false }, [], ['/system/apps/walk'], [], '/system', cookie))
    const sorted = (t: string) => t.trim().split('\n').sort()
    const hashed = await query(true)
    expect(hashed).toContain("('/system/apps/walk/sub/deep/a.bin', 300, b'")
    expect(sorted(await query(false))).toEqual(sorted(hashed))
    const token = (await dev.py("print(open('/system/apps/walk/.bide-deploy').read())")).trim()
    const sized = await query(true, { name: '/system/apps/walk/.bide-deploy', token })
    expect(sized).toContain("('/system/apps/walk/sub/deep/a.bin', 300, None)")
    expect(sorted(await query(false, { name: '/system/apps/walk/.bide-deploy', token }))).toEqual(sorted(sized))
  })
})

describe('the REPL globals on a badge-shaped MicroPython 1.27', () => {
  it('a deploy (query, writes, cookie) leaves no names behind but imported modules', async () => {
    const names = async () =>
      (await dev.py("print(' '.join(sorted(k for k in globals() if type(globals()[k]).__name__ != 'module')))")).trim().split(' ')
    put('apps/clean/__init__.py', 'x = 1\n')
    put('apps/clean/big.bin', Uint8Array.from({ length: dev.session.policy.execChars }, (_, i) => (i * 13) & 255))
    // A clean slate (one expression: the comprehension's names are its own).
    await dev.py("[globals().pop(k) for k in list(globals()) if k != '__name__']")
    const s = createDeployService({ session: () => dev.session, projectRoot: () => project.dir, detectDisk: noDisk })
    expect((await s.deploy({ app: 'clean' })).sent).toHaveLength(2)
    expect((await s.deploy({ app: 'clean' })).status).toBe('up-to-date')
    expect(await names()).toEqual(['__name__'])
    // A write planned from the record, and one the device refused (another tool removed the cookie).
    put('apps/clean/__init__.py', 'x = 2\n')
    expect((await s.deploy({ app: 'clean' })).sent).toEqual(['apps/clean/__init__.py'])
    expect(await names()).toEqual(['__name__'])
    await dev.py("import os\nos.remove('/system/apps/clean/.bide-deploy')")
    put('apps/clean/__init__.py', 'x = 3\n')
    expect((await s.deploy({ app: 'clean' })).sent).toEqual(['apps/clean/__init__.py'])
    expect(await names()).toEqual(['__name__'])
  })
})

describe('cancel on a badge-shaped MicroPython 1.27', () => {
  it('stops between round trips: the files confirmed stay, the rest are not sent', async () => {
    // Each file fills most of an exec, so every file is its own round trip.
    const size = Math.floor(dev.session.policy.execChars * 0.6)
    for (let i = 0; i < 4; i++) put(`apps/many/f${i}.bin`, Uint8Array.from({ length: size }, (_, k) => (k * 31 + i) & 255))
    put('apps/many/__init__.py', '')
    const many: DeployService = createDeployService({
      session: () => dev.session,
      projectRoot: () => project.dir,
      detectDisk: noDisk,
      emit: (ch, p) => {
        if (ch === 'deploy:progress' && (p as { filesDone: number }).filesDone === 1) many.cancel()
      },
    })
    const r = await many.deploy({ app: 'many' })
    expect(r.status).toBe('cancelled')
    expect(r.sent).toHaveLength(1)
    expect(r.notSent).toHaveLength(4)
    const names = await dev.py("import os\nprint(' '.join(sorted(os.listdir('/system/apps/many'))))")
    expect(names.trim().split(' ')).toEqual([r.sent[0]!.split('/').pop()])
  })
})

describe('cancel in the middle of a file sent in pieces', () => {
  it('is a cancelled deploy: the partial copy goes, the old file stands', async () => {
    const size = dev.session.policy.execChars * 3
    const old = Uint8Array.from({ length: 100 }, (_, k) => k)
    put('apps/big/__init__.py', '')
    put('apps/big/blob.bin', old)
    const svc = createDeployService({ session: () => dev.session, projectRoot: () => project.dir, detectDisk: noDisk })
    expect((await svc.deploy({ app: 'big' })).status).toBe('done')
    put('apps/big/blob.bin', Uint8Array.from({ length: size }, (_, k) => (k * 7) & 255))
    const cancelling: DeployService = createDeployService({
      session: () => dev.session,
      projectRoot: () => project.dir,
      detectDisk: noDisk,
      emit: (ch, p) => {
        if (ch === 'deploy:progress' && (p as { bytesDone: number }).bytesDone > 0) cancelling.cancel()
      },
    })
    const r = await cancelling.deploy({ app: 'big' })
    expect(r.status).toBe('cancelled')
    expect(r.notSent).toEqual(['apps/big/blob.bin'])
    const left = await dev.py("import os\nprint(' '.join(sorted(os.listdir('/system/apps/big'))), os.stat('/system/apps/big/blob.bin')[6])")
    expect(left.trim()).toMatch(/^(\.bide-deploy )?__init__\.py blob\.bin 100$/)
  })
})

describe('run on a badge-shaped MicroPython 1.27', () => {
  it('starts the app like the launcher: by path, sibling imports, init() then update() each frame', async () => {
    output.length = 0
    await svc.runApp('pic')
    const end = await svc.runDone()
    expect(end?.status).toBe('finished')
    const text = output.join('').replace(/\r/g, '')
    expect(text).toContain('init in /system/apps/pic\n')
    expect(text).toContain('frames 3 6\n')
    expect(text).not.toMatch(/\x1e|bide:/)
  })

  it('maps an error in update() to the project file and line', async () => {
    output.length = 0
    await svc.runApp('bad')
    const end = await svc.runDone()
    expect(end?.status).toBe('error')
    expect(innermostProjectFrame(end?.frames ?? [])).toMatchObject({ file: 'apps/bad/__init__.py', line: 3 })
    expect(end?.exception).toMatch(/^KeyError/)
    expect(end?.traceback).toContain('File "apps/bad/__init__.py", line 3')
  })
})

describe('stats on MicroPython 1.27', () => {
  it('reads memory, storage and system; no network module is "not available"', async () => {
    const { stats } = { stats: await readStats(dev.session) }
    expect(typeof stats.memory.free).toBe('number')
    expect(stats.storage.mount).toBe('/system')
    expect(typeof stats.storage.total).toBe('number')
    expect(stats.system.micropython).toBe('1.27.0')
    expect(stats.system.platform).toBe('webassembly')
    expect(stats.network.available).toBe(false)
    expect(stats.network.ssid).toBe(NA)
  })
})
