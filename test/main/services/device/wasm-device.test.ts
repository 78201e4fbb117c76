/**
 * The serial stack against the WebAssembly MicroPython's own REPL: raw-paste with the announced
 * window, folders, os.rename (atomic writes), binascii (base64 transfers) and hashlib (SHA-256
 * verification), and an unplug in the middle of a write.
 */
import type { RawRepl } from '../../../../src/main/services/device/raw-repl'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DeviceManager } from '../../../../src/main/services/device/device-manager'
import { decodeUtf8Strict, encodeUtf8 } from '../../../../src/shared/protocol/utf8-stream'
import { guardedCode } from '../../../../src/shared/protocol/guarded-code'
import { isDamagedReply } from '../../../../src/main/services/device/raw-repl'
import { connectWasmFarEnd, type WasmFarEnd } from './wasm-far-end'

let far: WasmFarEnd
let m: DeviceManager

beforeAll(async () => {
  ;({ far, m } = await connectWasmFarEnd())
})
afterAll(async () => {
  await m?.disconnect()
})

describe('WebAssembly MicroPython REPL', () => {
  it('probes a full-featured firmware', () => {
    const caps = m.session.capabilities
    expect(caps.platform).toBe('webassembly')
    expect(caps.flatFs).toBe(false)
    expect(caps.os).toMatchObject({ rename: true, mkdir: true, listdirArg: true })
    expect(caps.modules.binascii).toBe(true)
    expect(caps.sha256).toBe(true)
  })

  it('runs code and reports tracebacks', async () => {
    const r = await m.session.exec('print("ok")\nimport nosuchmodule\n')
    expect(r.stdout).toBe('ok\n')
    expect(r.exception?.type).toBe('ImportError')
  })

  it('writes atomically with base64 chunks, verified by SHA-256, into new folders', async () => {
    const data = new Uint8Array(3000).map((_, i) => (i * 13) & 255)
    const progress: number[] = []
    const r = await m.session.writeFile('/apps/demo/blob.bin', data, { onProgress: (d) => progress.push(d) })
    expect(r).toEqual({ bytes: 3000, method: 'batch', verifiedBy: 'sha256' })
    expect(progress[progress.length - 1]).toBe(3000)
    expect(Buffer.from(await m.session.readFile('/apps/demo/blob.bin')).equals(Buffer.from(data))).toBe(true)
    const names = (await m.session.listDir('/apps/demo')).map((e) => e.name)
    expect(names).toEqual(['blob.bin'])
  })

  it('a piece that loses a byte on the way is refused before it is written and sent again', async () => {
    const data = new Uint8Array(2000).map((_, i) => (i * 7 + 1) & 255)
    // One base64 character lost in the middle of the piece.
    const lostBefore = far.lost
    far.loseOnce("_Bd(b'", 40)
    const exec = vi.spyOn((m.session as unknown as { repl: RawRepl }).repl, 'exec')
    let pieces: string[]
    try {
      const r = await m.session.writeFile('/damaged.bin', data)
      pieces = exec.mock.calls.map((c) => String(c[0])).filter((c) => c.includes("_Bd(b'"))
      expect(r.verifiedBy).toBe('sha256')
    } finally {
      far.tamper = undefined
      exec.mockRestore()
    }
    expect(far.lost - lostBefore).toBe(1)
    // The damaged exec was refused on the device and sent once more, the same: no rewrite of the file.
    expect(pieces).toHaveLength(2)
    expect(pieces[1]).toBe(pieces[0])
    expect(Buffer.from(await m.session.readFile('/damaged.bin')).equals(Buffer.from(data))).toBe(true)
    await m.session.remove('/damaged.bin')
  })

  it('guarded code runs only when it arrived whole', async () => {
    const code = "def _gf(a):\n    return bytes(a, 'utf-8')\n_gv = len(_gf('é✓'))\n"
    const whole = guardedCode(code)
    expect((await m.session.exec(whole + 'print(_gv)')).stdout).toBe('5\n')
    // The same code with one byte lost inside the definition (`bytes` → `byes`): still valid Python.
    const k = whole.indexOf('bytes')
    const damaged = whole.slice(0, k + 2) + whole.slice(k + 3)
    const r = await m.session.exec(damaged + "print('ran')")
    expect(r.exception).toMatchObject({ type: 'SyntaxError', message: 'bide: code damaged' })
    expect(r.stdout).toBe('')
    // A byte lost in the wrapper itself: a NameError outside the guarded string, nothing ran.
    const wrapper = await m.session.exec('_gv = 0\n' + whole.replace('exec(_s)', 'xec(_s)') + 'print(_gv)')
    expect(wrapper.exception?.type).toBe('NameError')
    expect(isDamagedReply(wrapper)).toBe(true)
    expect((await m.session.exec('print(_gv)')).stdout).toBe('0\n')
    // A NameError of the guarded code itself is real: it ran.
    const inner = await m.session.exec(guardedCode('_gv = 7\nundefined_name\n'))
    expect(inner.exception?.type).toBe('NameError')
    expect(isDamagedReply(inner)).toBe(false)
    expect((await m.session.exec('print(_gv)')).stdout).toBe('7\n')
  })

  it('lists recursively, renames, creates and deletes folders', async () => {
    await m.session.writeFile('/apps/demo/__init__.py', encodeUtf8('print("ü")\n'))
    await m.session.mkdir('/apps/empty')
    const tree = await m.session.listTree('/apps')
    expect(tree.map((e) => `${e.kind}:${e.path}`).sort()).toEqual(
      ['dir:/apps/demo', 'dir:/apps/empty', 'file:/apps/demo/__init__.py', 'file:/apps/demo/blob.bin'].sort(),
    )
    expect(tree.find((e) => e.path === '/apps/demo/__init__.py')?.size).toBe(12)
    await m.session.rename('/apps/demo/__init__.py', '/apps/demo/main.py')
    expect(decodeUtf8Strict(await m.session.readFile('/apps/demo/main.py'))).toBe('print("ü")\n')
    await m.session.remove('/apps', true)
    expect(await m.session.stat('/apps')).toBeNull()
  })

  it('an unplug in the middle of a write leaves the old target intact', async () => {
    const v1 = encodeUtf8('version = 1\n'.repeat(50))
    await m.session.writeFile('/keep.py', v1)
    // Larger than one exec carries, so it travels in pieces and the unplug comes between them.
    const v2 = new Uint8Array(m.session.policy.execChars * 2).fill(0x41)
    const write = m.session.writeFile('/keep.py', v2, {
      onProgress: (done) => {
        if (done < v2.length) far.unplug()
      },
    })
    await expect(write).rejects.toMatchObject({ code: 'DISCONNECTED' })
    expect(m.state.status).toBe('disconnected')
    // Reconnect to the same device: the target is the complete old version.
    await m.connect('wasm')
    expect(Buffer.from(await m.session.readFile('/keep.py')).equals(Buffer.from(v1))).toBe(true)
    expect((await m.session.stat('/keep.py'))?.size).toBe(v1.length)
    // The next write of the same file replaces the partial temporary file and leaves none behind.
    await m.session.writeFile('/keep.py', v2)
    const names = (await m.session.listDir('/')).map((e) => e.name)
    expect(names).toContain('keep.py')
    expect(names.filter((n) => n.includes('bide-tmp'))).toEqual([])
    expect((await m.session.stat('/keep.py'))?.size).toBe(v2.length)
  })
})
