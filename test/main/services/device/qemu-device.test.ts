/**
 * The serial stack against a real MicroPython firmware: Debian's micro:bit build (MicroPython 1.9.2)
 * under QEMU behind a pty. No raw-paste (fallback path), flat filesystem, no binascii/hashlib.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMicrobit, type QemuMicrobit } from '../../../helpers/qemu-microbit'
import { DeviceManager } from '../../../../src/main/services/device/device-manager'
import type { DeviceSession } from '../../../../src/main/services/device/device-session'
import type { DeviceState } from '../../../../src/shared/ipc/domains/device'
import { decodeUtf8Strict, encodeUtf8 } from '../../../../src/shared/protocol/utf8-stream'
import { readStats } from '../../../../src/main/services/stats/stats-reader'

let q: QemuMicrobit
let m: DeviceManager
const states: DeviceState[] = []
const output: { data: string; stream: string }[] = []

beforeAll(async () => {
  q = await startMicrobit()
  m = new DeviceManager({
    emit: ((channel: string, payload: unknown) => {
      if (channel === 'device:state') states.push(payload as DeviceState)
      if (channel === 'device:output') output.push(payload as { data: string; stream: string })
    }) as never,
  })
  await m.connect(q.path)
})

afterAll(async () => {
  await m?.disconnect()
  await q?.stop()
})

const s = (): DeviceSession => m.session

describe('QEMU micro:bit (MicroPython 1.9.2)', () => {
  it('connects and probes capabilities, falling back from raw-paste', () => {
    const caps = s().capabilities
    expect(caps).toMatchObject({
      implementation: 'micropython',
      version: '1.9.2',
      platform: 'microbit',
      rawPaste: false,
      flatFs: true,
      sha256: false,
      kbdIntr: true,
      byteReader: 'uart',
    })
    expect(caps.machine).toContain('micro:bit')
    expect(caps.modules).toMatchObject({ binascii: false, hashlib: false, deflate: false, network: false })
    expect(caps.os).toMatchObject({ stat: false, ilistdir: false, statvfs: false, mkdir: false, rename: false, size: true })
    expect(s().policy.kind).toBe('uart')
    expect(states.map((x) => x.status)).toEqual(['connecting', 'connected'])
    expect(states[1]!.info).toMatchObject({ platform: 'microbit' })
  })

  it('runs code with stdout streamed and UTF-8 kept whole', async () => {
    const chunks: string[] = []
    const r = await s().exec('for i in range(3):\n print(i, "é€")\n', { onStdout: (t) => chunks.push(t) })
    expect(r.stdout).toBe('0 é€\r\n1 é€\r\n2 é€\r\n')
    expect(chunks.join('')).toBe(r.stdout)
    expect(r.stderr).toBe('')
    expect(r.exception).toBeUndefined()
  })

  it('returns a device traceback intact, on stderr', async () => {
    const errs: string[] = []
    const r = await s().exec('def f():\n  return 1/0\nprint("before")\nf()\n', { onStderr: (t) => errs.push(t) })
    expect(r.stdout).toBe('before\r\n')
    expect(r.stderr).toContain('Traceback (most recent call last):')
    expect(r.stderr).toContain('line 2, in f')
    expect(r.exception).toMatchObject({ type: 'ZeroDivisionError', message: 'division by zero' })
    expect(errs.join('')).toBe(r.stderr)
  })

  it('streams exec output through the manager as events', async () => {
    output.length = 0
    const r = await m.exec('print("hi")\nraise ValueError("bad")\n', 5000)
    expect(r.exception?.type).toBe('ValueError')
    expect(output.filter((o) => o.stream === 'stdout').map((o) => o.data).join('')).toBe('hi\r\n')
    expect(output.filter((o) => o.stream === 'stderr').map((o) => o.data).join('')).toContain('ValueError: bad')
  })

  it('evaluates expressions without a json module', async () => {
    expect(await s().evalJson('{"a": (1, True, None), "b": "é", "c": b"\\x00\\x04"}')).toEqual({
      a: [1, true, null],
      b: 'é',
      c: Uint8Array.of(0, 4),
    })
  })

  it('writes and reads back all 256 byte values, the control bytes of the REPL among them', async () => {
    const data = new Uint8Array(512).map((_, i) => (i * 37 + 3) & 255)
    data.set([0x03, 0x04, 0x01, 0x02, 0x05, 0x0d, 0x0a, 0x00], 0)
    const progress: number[] = []
    const report = await s().writeFile('/bytes.bin', data, { onProgress: (d) => progress.push(d) })
    expect(report).toMatchObject({ bytes: 512, verifiedBy: 'adler32' })
    expect(progress[progress.length - 1]).toBe(512)
    expect(Buffer.from(await s().readFile('/bytes.bin')).equals(Buffer.from(data))).toBe(true)
    // No temporary file or journal is left behind.
    expect((await s().listDir('/')).map((e) => e.name).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('leaves no helper globals behind after a write', async () => {
    await s().writeFile('/g.bin', new Uint8Array(700).map((_, i) => i & 255))
    const r = await s().exec("print(sorted(k for k in globals() if k.startswith('_B') or k.startswith('_R') or k in ('_k','_w','f','b')))")
    expect(r.stdout.trim()).toBe('[]')
    await s().remove('/g.bin')
  })

  it('round-trips UTF-8 text whose multi-byte characters straddle chunk boundaries', async () => {
    // 255 ASCII bytes then a 4-byte character: split across the 256-byte write and read chunks.
    const text = 'a'.repeat(255) + '😀' + 'ü€'.repeat(100) + '\n'
    const bytes = encodeUtf8(text)
    await s().writeFile('/text.txt', bytes)
    const back = await s().readFile('/text.txt')
    expect(decodeUtf8Strict(back)).toBe(text)
    const printed = await s().exec("f=open('text.txt')\nprint(f.read(),end='')\nf.close()\n")
    expect(printed.stdout).toBe(text.replace(/\n/g, '\r\n'))
  })

  it('lists the flat filesystem with sizes, and deletes', async () => {
    await s().writeFile('/rx.bin', new Uint8Array(256).map((_, i) => i))
    const entries = await s().listTree('/')
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]))
    expect(byPath['/bytes.bin']).toEqual({ path: '/bytes.bin', name: 'bytes.bin', kind: 'file', size: 512 })
    expect(byPath['/rx.bin']?.size).toBe(256)
    await s().remove('/rx.bin')
    expect(await s().stat('/rx.bin')).toBeNull()
    expect((await s().listDir('/')).map((e) => e.path)).not.toContain('/rx.bin')
    await expect(s().remove('/rx.bin')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(s().readFile('/nope.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses what a flat filesystem cannot do, with stable codes', async () => {
    await expect(s().mkdir('/apps')).rejects.toMatchObject({ code: 'DEVICE_UNSUPPORTED' })
    await expect(s().writeFile('/apps/x.py', encodeUtf8('x'))).rejects.toMatchObject({ code: 'DEVICE_PATH_INVALID' })
    await expect(s().rename('/a', '/b')).rejects.toMatchObject({ code: 'DEVICE_UNSUPPORTED' })
    await expect(s().readFile('relative.txt')).rejects.toMatchObject({ code: 'DEVICE_PATH_INVALID' })
  })

  it('interrupts `while True: pass` and keeps working', async () => {
    const running = s().exec('while True:\n pass\n', { timeoutMs: Infinity })
    await new Promise((r) => setTimeout(r, 300))
    await s().interrupt()
    const r = await running
    expect(r.exception?.type).toBe('KeyboardInterrupt')
    expect((await s().exec('print(6*7)')).stdout).toBe('42\r\n')
  })

  it('soft-resets to a clean VM', async () => {
    await s().exec('zz = 5')
    await s().softReset()
    const r = await s().exec('print(zz)')
    expect(r.exception?.type).toBe('NameError')
  })

  it('passes the friendly REPL through and returns to raw mode for operations', async () => {
    let seen = ''
    await s().startRepl((d) => (seen += Buffer.from(d).toString('utf8')))
    await s().writeRepl('print(7*6)\r')
    await expect.poll(() => seen, { timeout: 5000 }).toContain('42')
    expect((await s().exec('print("raw")')).stdout).toBe('raw\r\n')
    await s().writeRepl('1+1\r')
    await expect.poll(() => seen, { timeout: 5000 }).toContain('2\r\n')
    s().stopRepl()
    expect((await s().exec('print("back")')).stdout).toBe('back\r\n')
  })

  it('reconnects', async () => {
    await m.disconnect()
    expect(() => m.session).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }))
    await m.connect(q.path)
    expect((await s().exec('print("again")')).stdout).toBe('again\r\n')
    for (const p of ['/bytes.bin', '/text.txt']) await s().remove(p)
  })

  it('without rename, a new file is written in place under the journal; one that a cut left half-written is removed on the next connection', async () => {
    await s().exec("f=open('half.bin','wb')\nf.write(b'partial')\nf.close()\nf=open('.bide-journal','w')\nf.write('half.bin\\n')\nf.close()\n")
    await m.disconnect()
    await m.connect(q.path)
    const names = (await s().listDir('/')).map((e) => e.name)
    expect(names).not.toContain('half.bin')
    expect(names).not.toContain('.bide-journal')
  })

  it('stats still work after a 14 KB put (all this filesystem takes): the write leaves nothing on the heap', async () => {
    const big = encodeUtf8('def f(x):\n    return x * 2  # some source\n'.repeat(400).slice(0, 14 * 1024))
    // This firmware's whole filesystem holds about 15 KB, the journal included: make room first.
    for (const e of await s().listDir('/')) await s().remove(e.path)
    await s().writeFile('/big.py', big)
    for (let i = 0; i < 3; i++) expect(typeof (await readStats(s(), { timeoutMs: 15_000 })).memory.free).toBe('number')
    expect(Buffer.from(await s().readFile('/big.py')).equals(Buffer.from(big))).toBe(true)
    await s().remove('/big.py')
  }, 60_000)

  // Last: this firmware's filesystem can misreport other files' sizes after it ran full.
  it('a file that does not fit is refused with DEVICE_NO_SPACE and the old file stays', async () => {
    const old = encodeUtf8('old content\n'.repeat(50))
    await s().writeFile('/full.txt', old)
    const big = new Uint8Array(40_000).fill(0x61)
    await expect(s().writeFile('/full.txt', big)).rejects.toMatchObject({ code: 'DEVICE_NO_SPACE' })
    expect(Buffer.from(await s().readFile('/full.txt')).equals(Buffer.from(old))).toBe(true)
    expect((await s().listDir('/')).map((e) => e.name).filter((n) => n.startsWith('.'))).toEqual([])
    await s().remove('/full.txt')
    expect((await s().exec('print("still here")')).stdout).toBe('still here\r\n')
  }, 60_000)
})
