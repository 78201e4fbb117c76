/**
 * The device link against the virtual badge (the emulator's own MicroPython REPL behind a
 * serialport binding), reached the way the IDE does: DeviceManager.connect('virtual').
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeviceManager, loadVirtualBinding } from '../../../../src/main/services/device/device-manager'
import { createVirtualBadgeBinding, VIRTUAL_PORT_PATH } from '../../../../src/main/emulator/virtual-badge'
import { decodeUtf8Strict, encodeUtf8 } from '../../../../src/shared/protocol/utf8-stream'

const dir = mkdtempSync(join(tmpdir(), 'device-vb-'))
let m: DeviceManager

beforeAll(async () => {
  m = new DeviceManager({ virtualBinding: () => loadVirtualBinding(dir) })
  await m.connect('virtual')
}, 120_000)
afterAll(async () => {
  await m?.disconnect()
  rmSync(dir, { recursive: true, force: true })
})

describe('virtual badge through the device link', () => {
  it('probes it', () => {
    const caps = m.session.capabilities
    expect(caps.implementation).toBe('micropython')
    expect(caps.flatFs).toBe(false)
    expect(caps.rawPaste).toBe(true)
  })

  it('runs code and returns tracebacks', async () => {
    const r = await m.session.exec('print(1+1)\nraise OSError(2)\n')
    expect(r.stdout.replace(/\r/g, '')).toBe('2\n')
    expect(r.exception?.type).toBe('OSError')
  })

  it('writes, lists, reads and deletes files that land in the flash folder', async () => {
    const data = new Uint8Array(2000).map((_, i) => (i * 31) & 255)
    const w = await m.session.writeFile('/system/apps/t/blob.bin', data)
    expect(w.bytes).toBe(2000)
    expect(w.verifiedBy).toBe(m.session.capabilities.sha256 ? 'sha256' : 'size')
    expect(Buffer.from(await m.session.readFile('/system/apps/t/blob.bin')).equals(Buffer.from(data))).toBe(true)
    await m.session.writeFile('/system/apps/t/__init__.py', encodeUtf8('print("é")\n'))
    const tree = await m.session.listTree('/system/apps/t')
    expect(tree.map((e) => e.path).sort()).toEqual(['/system/apps/t/__init__.py', '/system/apps/t/blob.bin'])
    expect(decodeUtf8Strict(await m.session.readFile('/system/apps/t/__init__.py'))).toBe('print("é")\n')
    await m.session.exec('pass')
    expect(readFileSync(join(dir, 'system/apps/t/__init__.py'), 'utf8')).toBe('print("é")\n')
    await m.session.remove('/system/apps/t', true)
    expect(await m.session.stat('/system/apps/t')).toBeNull()
  })

  it('maps the WebAssembly errno of a missing file to NOT_FOUND', async () => {
    await expect(m.session.readFile('/no/such/file.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('reads back a file of most of the flash (10.5 MB): the read makes little garbage, which this build keeps until the exec ends', { timeout: 60_000 }, async () => {
    const data = new Uint8Array(10.5 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24)
    await m.session.writeFile('/huge.bin', data)
    expect(Buffer.from(await m.session.readFile('/huge.bin')).equals(Buffer.from(data))).toBe(true)
    await m.session.remove('/huge.bin')
  })

  it('a read that fails on the device leaves no open file or helper names behind', async () => {
    await m.session.mkdir('/rd')
    // A folder: the open fails after the snippet has defined its names.
    await expect(m.session.readFile('/rd')).rejects.toMatchObject({ code: expect.stringMatching(/IS_A_DIRECTORY|DEVICE_ERROR/) })
    const left = await m.session.exec("print(sorted(k for k in ('f','b','_k','_e','p','c') if k in globals()))")
    expect(left.stdout.trim()).toBe('[]')
    await m.session.remove('/rd', true)
  })

  it('reconnects to the same flash folder right after a disconnect', async () => {
    await m.disconnect()
    await m.connect('virtual')
    expect(m.session.capabilities.implementation).toBe('micropython')
  })

  it('machine.reset() drops the link like a badge on USB; connecting again boots it with its files', async () => {
    await m.session.writeFile('/keep.txt', encodeUtf8('kept\n'))
    await expect(m.session.exec('import machine\nmachine.reset()\n')).rejects.toMatchObject({ code: 'DISCONNECTED' })
    expect(m.state.status).toBe('disconnected')
    await m.connect('virtual')
    expect(decodeUtf8Strict(await m.session.readFile('/keep.txt'))).toBe('kept\n')
    // And again: every reset frees the port.
    await expect(m.session.exec('import machine\nmachine.reset()\n')).rejects.toMatchObject({ code: 'DISCONNECTED' })
    await m.connect('virtual')
    expect((await m.session.exec('print(6*7)')).stdout.trim()).toBe('42')
  })
})

describe('the virtual badge binding', () => {
  it('frees its port by itself after machine.reset(), for a client that never closes it (a pty bridge)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'device-vb-reset-'))
    try {
      const binding = createVirtualBadgeBinding({ dir: own })
      const port = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
      await port.write(Buffer.from('\r\x03import machine\rmachine.reset()\r'))
      const buf = Buffer.alloc(4096)
      let failure: Error | undefined
      while (!failure) await port.read(buf, 0, buf.length).catch((e: Error) => (failure = e))
      expect(failure.message).toMatch(/rebooted \(machine.reset\(\)\); connect again/)
      expect((failure as { canceled?: boolean }).canceled).toBeUndefined()
      expect(port.isOpen).toBe(false)
      const again = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
      await again.close()
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)
})
