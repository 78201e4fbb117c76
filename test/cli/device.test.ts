/**
 * The device commands end to end: `badge-ide ports|exec|put|ls|get|rm` as a user runs them, against
 * the QEMU micro:bit (a real MicroPython firmware behind a pty).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMicrobit, type QemuMicrobit } from '../helpers/qemu-microbit'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')

/** Runs the CLI without blocking the event loop; resolves with its exit status and output. */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    p.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

let q: QemuMicrobit
let dir: string
beforeAll(async () => {
  q = await startMicrobit()
  dir = mkdtempSync(path.join(os.tmpdir(), 'cli-device-'))
})
afterAll(async () => {
  await q?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('badge-ide device commands', () => {
  it('ports lists the virtual badge even where serial enumeration finds nothing', async () => {
    const r = await run('ports', '--json')
    expect(r.status).toBe(0)
    const ports = JSON.parse(r.stdout) as Array<{ path: string; kind: string }>
    expect(ports).toContainEqual(expect.objectContaining({ path: 'virtual', kind: 'virtual' }))
  })

  it('exec prints output and exits 1 with the traceback on stderr when the code raises', async () => {
    const ok = await run('exec', '--port', q.path, 'print(6*7)')
    expect(ok).toMatchObject({ status: 0, stdout: '42\r\n' })
    const bad = await run('exec', '--port', q.path, '1/0')
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('ZeroDivisionError')
  })

  it('exec of code that ends in SystemExit returns its output (the virtual badge then soft-reboots, as the badge does)', async () => {
    const vdir = mkdtempSync(path.join(os.tmpdir(), 'cli-vdir-'))
    try {
      for (const port of [q.path, 'virtual']) {
        const r = await run('--virtual-dir', vdir, 'exec', '--port', port, "print('bye')\nraise SystemExit", '--timeout', '20000')
        expect(r.stderr, port).toBe('')
        expect(r.stdout.replace(/\r\n/g, '\n'), port).toBe('bye\n')
        expect(r.status, port).toBe(0)
      }
    } finally {
      rmSync(vdir, { recursive: true, force: true })
    }
  })

  it('put, ls, get and rm round-trip a binary file', async () => {
    const local = path.join(dir, 'blob.bin')
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) & 255))
    writeFileSync(local, data)
    const put = await run('put', '--port', q.path, local, '/blob.bin')
    expect(put.status).toBe(0)
    expect(put.stdout).toMatch(/^\/blob\.bin: 300 bytes \(pieces, verified by adler32/)
    const ls = await run('ls', '--port', q.path, '--json')
    expect(ls.stderr).toBe('')
    expect(JSON.parse(ls.stdout)).toContainEqual({ path: '/blob.bin', name: 'blob.bin', kind: 'file', size: 300 })
    const back = path.join(dir, 'back.bin')
    expect((await run('get', '--port', q.path, '/blob.bin', back)).status).toBe(0)
    expect(readFileSync(back).equals(data)).toBe(true)
  }, 60_000)

  it('takes relative device paths as relative to / and accepts a leading colon', async () => {
    const local = path.join(dir, 'rel.bin')
    const data = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 3) & 255))
    writeFileSync(local, data)
    const put = await run('put', '--port', q.path, local, 'rel.bin')
    expect(put.status).toBe(0)
    expect(put.stdout).toMatch(/^\/rel\.bin: 100 bytes/)
    const back = path.join(dir, 'rel-back.bin')
    expect((await run('get', '--port', q.path, ':rel.bin', back)).status).toBe(0)
    expect(readFileSync(back).equals(data)).toBe(true)
    expect((await run('rm', '--port', q.path, 'rel.bin')).status).toBe(0)
  }, 60_000)

  it('rm deletes, and a missing file is NOT_FOUND', async () => {
    expect((await run('rm', '--port', q.path, '/blob.bin')).status).toBe(0)
    const missing = await run('get', '--port', q.path, '/blob.bin')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('error [NOT_FOUND]')
  }, 60_000)

  it('fails with a stable code for a port that does not exist', async () => {
    const r = await run('ls', '--port', '/dev/does-not-exist')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('error [PORT_NOT_FOUND]')
  })

  it('--port virtual --virtual-dir keeps the virtual badge flash in the chosen folder', async () => {
    const flash = path.join(dir, 'flash')
    const w = await run('exec', '--port', 'virtual', '--virtual-dir', flash, "open('/note.txt','w').write('kept')")
    expect(w.status).toBe(0)
    expect(readFileSync(path.join(flash, 'note.txt'), 'utf8')).toBe('kept')
    const r = await run('--virtual-dir', flash, 'get', '--port', 'virtual', '/note.txt')
    expect(r.stdout).toContain('kept')
    const missing = await run('get', '--port', 'virtual', '--virtual-dir', flash, '/none.txt')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('NOT_FOUND')
  })
})
