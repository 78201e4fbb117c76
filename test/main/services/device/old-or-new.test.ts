/**
 * Old or new, whatever happens: a `put` that replaces a file on the virtual badge, with the link
 * cut at several points, leaves the old file or the new one; an interrupted replace (a verified
 * temporary file and the journal) is finished on the next connection.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createFaultRelay, type FaultPlan, type FaultRelay } from '../../../helpers/fault-relay'
import { createVirtualBadgeBinding } from '../../../../src/main/emulator/virtual-badge'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { binaryData } from './link-matrix'

const dir = mkdtempSync(join(tmpdir(), 'device-oon-'))
const open: DeviceSession[] = []

async function connect(plan: FaultPlan = {}): Promise<{ s: DeviceSession; relay: FaultRelay }> {
  const relay = createFaultRelay(createVirtualBadgeBinding({ dir }), plan)
  // A closed link is still being released for a moment (the flash folder stays locked until then).
  for (let attempt = 0; ; attempt++) {
    try {
      const s = await DeviceSession.open(await SerialTransport.open({ binding: relay.binding, path: 'virtual' }))
      open.push(s)
      return { s, relay }
    } catch (e) {
      if (attempt >= 50 || (e as { code?: string }).code !== 'PORT_BUSY') throw e
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const oldData = binaryData(5000, 1)
const newData = binaryData(7000, 2)

async function readBack(path: string): Promise<Buffer> {
  const { s } = await connect()
  const data = Buffer.from(await s.readFile(path))
  await s.close()
  return data
}

describe('a put that replaces a file, with the link cut', () => {
  it('leaves the old or the new file at every cut point, and nothing is left in the way', { timeout: 120_000 }, async () => {
    // How many bytes a whole replacing put sends, to place the cuts inside it.
    let { s, relay } = await connect()
    await s.writeFile('/oon.bin', oldData)
    const before = relay.bytesToDevice
    await s.writeFile('/oon.bin', newData)
    const total = relay.bytesToDevice - before
    await s.close()
    const seen: string[] = []
    for (const share of [0.02, 0.3, 0.6, 0.9, 0.99]) {
      ;({ s } = await connect())
      await s.writeFile('/oon.bin', oldData)
      await s.close()
      ;({ s, relay } = await connect())
      relay.cutAfter(Math.floor(total * share))
      // A cut after the file was replaced (in the helpers' clean-up) still reports the write.
      const failed = await s.writeFile('/oon.bin', newData).then(
        () => undefined,
        (e: { code?: string }) => e.code,
      )
      expect([undefined, 'DISCONNECTED', 'NOT_CONNECTED']).toContain(failed)
      await s.close().catch(() => undefined)
      const back = await readBack('/oon.bin')
      const which = back.equals(Buffer.from(oldData)) ? 'old' : back.equals(Buffer.from(newData)) ? 'new' : `damaged (${back.length} bytes)`
      seen.push(which)
    }
    expect(seen.filter((w) => w !== 'old' && w !== 'new')).toEqual([])
    // The early cuts came before the replace, so those left the old file.
    expect(seen[0]).toBe('old')
    // The next put goes through, and the folder holds only the file.
    ;({ s } = await connect())
    await s.writeFile('/oon.bin', newData)
    expect((await s.listDir('/')).map((e) => e.name).filter((n) => n.includes('oon') || n.includes('bide'))).toEqual(['oon.bin'])
    await s.remove('/oon.bin')
  })
})

describe('a put stopped on purpose (Ctrl-C)', () => {
  it('keeps the old file and removes its partial copy', async () => {
    const { s } = await connect()
    await s.writeFile('/stop.bin', oldData)
    const stop = new AbortController()
    const big = binaryData(400_000, 3)
    const e = await s.writeFile('/stop.bin', big, { signal: stop.signal, onProgress: (done) => done > 0 && stop.abort() }).catch((x: unknown) => x)
    expect((e as { code?: string }).code).toBe('CANCELLED')
    expect(Buffer.from(await s.readFile('/stop.bin')).equals(oldData)).toBe(true)
    expect((await s.listDir('/')).map((f) => f.name).filter((n) => n.includes('stop'))).toEqual(['stop.bin'])
    // The session goes on as usual.
    await s.writeFile('/stop.bin', newData)
    expect(Buffer.from(await s.readFile('/stop.bin')).equals(newData)).toBe(true)
  })
})

describe('a put that does not fit', () => {
  it('is refused before its bytes are sent, saying how much is free, and the old file stays', async () => {
    const { s, relay } = await connect()
    await s.writeFile('/full.bin', oldData)
    const big = binaryData(13 * 1024 * 1024, 4) // more than the whole 12 MB flash
    const sent = relay.bytesToDevice
    const e = (await s.writeFile('/full.bin', big).catch((x: unknown) => x)) as { code?: string; detail?: string }
    expect(e.code).toBe('DEVICE_NO_SPACE')
    expect(e.detail).toMatch(/needs 13631488 bytes; the badge has \d+ free\. Nothing was written/)
    // At most the first exec's share of the data went out (not 13 MB in base64).
    expect(relay.bytesToDevice - sent).toBeLessThan(200_000)
    expect(Buffer.from(await s.readFile('/full.bin')).equals(oldData)).toBe(true)
    expect((await s.listDir('/')).map((f) => f.name).filter((n) => n.includes('full'))).toEqual(['full.bin'])
  })

  it('counts the space of a partial copy an earlier cut left behind (it is removed first)', { timeout: 60_000 }, async () => {
    const { s } = await connect()
    const free = async () => Number((await s.exec("import os\nv=os.statvfs('/')\nprint(v[0]*v[3])")).stdout.trim())
    await s.writeFile('/.fit.bin.bide-tmp', binaryData(4 * 1024 * 1024, 5))
    const left = await free()
    // Fits only once the stale copy is gone.
    const data = binaryData(left + 1024 * 1024, 6)
    // (Checked on the device by its SHA-256 before it counts; the listing shows it in place.)
    await s.writeFile('/fit.bin', data)
    expect((await s.listDir('/')).filter((f) => f.name.includes('fit')).map((f) => [f.name, f.size])).toEqual([['fit.bin', data.length]])
    await s.remove('/fit.bin')
  })
})

describe('a put onto a folder', () => {
  it('is refused before its bytes are sent, and leaves no partial copy', async () => {
    const { s, relay } = await connect()
    await s.mkdir('/afolder')
    const sent = relay.bytesToDevice
    const e = (await s.writeFile('/afolder', binaryData(300_000, 7)).catch((x: unknown) => x)) as { code?: string }
    expect(e.code).toBe('IS_A_DIRECTORY')
    expect(relay.bytesToDevice - sent).toBeLessThan(100_000)
    expect((await s.listDir('/')).map((f) => f.name).filter((n) => n.includes('afolder'))).toEqual(['afolder'])
    await s.remove('/afolder', true)
  })
})

describe('the replace step', () => {
  /**
   * Puts a logging stand-in for `uos` in the device's `sys.modules` (the writer imports `uos`
   * first); with `fat`, its rename refuses an existing target, as FAT's does.
   */
  async function loggingOs(s: DeviceSession, fat: boolean): Promise<void> {
    const r = await s.exec(
      `import sys,uos\nclass _M:\n pass\n_m=_M()\nfor _k in dir(uos):\n setattr(_m,_k,getattr(uos,_k))\n_L=[]\n` +
        `def _rn(a,b):\n _L.append('rename '+b)\n if ${fat ? 'True' : 'False'}:\n  try:\n   uos.stat(b)\n   raise OSError(17)\n  except OSError as e:\n   if e.errno==17:\n    raise\n uos.rename(a,b)\n` +
        `def _rm(p):\n _L.append('remove '+p)\n uos.remove(p)\n_m.rename=_rn\n_m.remove=_rm\nsys.modules['uos']=_m\n`,
    )
    expect(r.stderr).toBe('')
  }
  const calls = async (s: DeviceSession) => (await s.exec("print('|'.join(_L))\ndel sys.modules['uos']")).stdout.trim().split('|')

  it('is one rename where the rename replaces the file at once (no journal is written)', async () => {
    const { s } = await connect()
    await s.writeFile('/rep.bin', oldData)
    await loggingOs(s, false)
    await s.writeFile('/rep.bin', newData)
    // The room check removes a partial copy an earlier cut may have left (none here), and the
    // write forgets the deploy cookie of its folders.
    expect(await calls(s)).toEqual(['remove /.rep.bin.bide-tmp', 'remove /.bide-deploy', 'rename /rep.bin'])
    expect(Buffer.from(await s.readFile('/rep.bin')).equals(Buffer.from(newData))).toBe(true)
    await s.remove('/rep.bin')
  })

  it('is journalled where the rename cannot replace an existing file', async () => {
    const { s } = await connect()
    await s.writeFile('/rep.bin', oldData)
    await loggingOs(s, true)
    await s.writeFile('/rep.bin', newData)
    expect(await calls(s)).toEqual(['remove /.rep.bin.bide-tmp', 'remove /.bide-deploy', 'rename /rep.bin', 'rename /rep.bin', 'remove /rep.bin', 'rename /rep.bin', 'remove /.bide-journal'])
    expect(Buffer.from(await s.readFile('/rep.bin')).equals(Buffer.from(newData))).toBe(true)
    expect((await s.listDir('/')).map((e) => e.name).filter((n) => n.includes('rep') || n.includes('bide'))).toEqual(['rep.bin'])
    await s.remove('/rep.bin')
  })
})

describe('an interrupted replace', () => {
  /** The device as a cut between the journal and the end of the replace leaves it. */
  async function interrupted(journal: string): Promise<void> {
    const { s } = await connect()
    await s.writeFile('/rec.bin', oldData)
    await s.writeFile('/.rec.bin.bide-tmp', newData)
    const r = await s.exec(`f=open('/.bide-journal','w')\nf.write(${JSON.stringify(journal)})\nf.close()\n`)
    expect(r.stderr).toBe('')
    await s.close()
  }

  it('is finished on the next connection: the verified temporary file replaces the target', async () => {
    await interrupted('/.rec.bin.bide-tmp\n')
    const back = await readBack('/rec.bin')
    expect(back.equals(Buffer.from(newData))).toBe(true)
    const { s } = await connect()
    const names = (await s.listDir('/')).map((e) => e.name)
    expect(names).not.toContain('.bide-journal')
    expect(names).not.toContain('.rec.bin.bide-tmp')
    await s.remove('/rec.bin')
  })

  it('a journal cut while it was written is dropped and the target stays old', async () => {
    await interrupted('/.rec.bin.bid')
    expect((await readBack('/rec.bin')).equals(Buffer.from(oldData))).toBe(true)
    const { s } = await connect()
    expect((await s.listDir('/')).map((e) => e.name)).not.toContain('.bide-journal')
    await s.remove('/rec.bin')
    await s.remove('/.rec.bin.bide-tmp')
  })
})
