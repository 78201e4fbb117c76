/**
 * `badge-ide virtual` serves the virtual badge on a real pseudo-terminal (socat). A minimal raw-REPL
 * client, sending the byte sequences standard tools (mpremote's pyboard.py) send, drives it through
 * the pty: exec, listing, stat, writing in 256-byte chunks, reading, mkdir, rename and remove.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SerialPort } from 'serialport'
import type { BindingPortInterface } from '../../src/main/services/device/binding-types'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The raw REPL as pyboard.py speaks it, over one open port. */
class PyboardClient {
  private buf = Buffer.alloc(0)
  private reading = true
  private readonly loop: Promise<void>
  constructor(private readonly port: BindingPortInterface) {
    this.loop = (async () => {
      const b = Buffer.alloc(4096)
      while (this.reading) {
        try {
          const { bytesRead } = await port.read(b, 0, b.length)
          this.buf = Buffer.concat([this.buf, b.subarray(0, bytesRead)])
        } catch {
          return
        }
      }
    })()
  }
  /** pyboard.py's read_until: waits for `end`, returns everything up to and including it. */
  async readUntil(end: string, timeoutMs = 10_000): Promise<string> {
    const t0 = Date.now()
    for (;;) {
      const i = this.buf.indexOf(end, 0, 'latin1')
      if (i >= 0) {
        const out = this.buf.subarray(0, i + end.length).toString('latin1')
        this.buf = this.buf.subarray(i + end.length)
        return out
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`no ${JSON.stringify(end)} within ${timeoutMs} ms; heard ${JSON.stringify(this.buf.toString('latin1').slice(-80))}`)
      await sleep(2)
    }
  }
  async write(s: string | Buffer): Promise<void> {
    await this.port.write(typeof s === 'string' ? Buffer.from(s, 'latin1') : s)
  }
  /** enter_raw_repl: Ctrl-C twice, flush, Ctrl-A, the banner. */
  async enterRaw(): Promise<void> {
    await this.write('\r\x03\x03')
    await sleep(100)
    this.buf = Buffer.alloc(0)
    await this.write('\r\x01')
    await this.readUntil('raw REPL; CTRL-B to exit\r\n>')
  }
  /** exec_raw: raw-paste where offered, else 256 bytes per 10 ms; returns [stdout, stderr]. */
  async exec(code: string): Promise<[string, string]> {
    const data = Buffer.from(code, 'utf8')
    await this.write('\x05A\x01')
    const head = await this.readN(2)
    if (head === 'R\x01') {
      // raw_paste_write: the window from the device, a 0x01 grants the next one.
      const w = Buffer.from(await this.readN(2), 'latin1').readUInt16LE(0)
      await this.readN(1)
      let room = w
      for (let i = 0; i < data.length; ) {
        if (room === 0 || this.buf.length) {
          const b = await this.readN(1)
          if (b === '\x01') room += w
          else throw new Error(`raw-paste aborted (${JSON.stringify(b)})`)
          continue
        }
        const n = Math.min(room, data.length - i)
        await this.write(data.subarray(i, i + n))
        room -= n
        i += n
      }
      await this.write('\x04')
      await this.readUntil('\x04')
    } else {
      if (head === 'ra') await this.readUntil('w REPL; CTRL-B to exit\r\n>')
      for (let i = 0; i < data.length; i += 256) {
        await this.write(data.subarray(i, i + 256))
        await sleep(10)
      }
      await this.write('\x04')
      expect(await this.readN(2)).toBe('OK')
    }
    const out = (await this.readUntil('\x04')).slice(0, -1)
    const err = (await this.readUntil('\x04')).slice(0, -1)
    await this.readUntil('>')
    return [Buffer.from(out, 'latin1').toString('utf8').replace(/\r/g, ''), err]
  }
  /** exec, failing on a traceback. */
  async run(code: string): Promise<string> {
    const [out, err] = await this.exec(code)
    if (err) throw new Error(err)
    return out
  }
  private async readN(n: number): Promise<string> {
    const t0 = Date.now()
    while (this.buf.length < n) {
      if (Date.now() - t0 > 10_000) throw new Error(`no ${n} bytes; heard ${JSON.stringify(this.buf.toString('latin1'))}`)
      await sleep(2)
    }
    const s = this.buf.subarray(0, n).toString('latin1')
    this.buf = this.buf.subarray(n)
    return s
  }
  async close(): Promise<void> {
    this.reading = false
    await this.port.close().catch(() => undefined)
    await this.loop
  }
}

let server: ChildProcess
let ptyPath: string
const flash = mkdtempSync(path.join(os.tmpdir(), 'vb-pty-'))

beforeAll(async () => {
  server = spawn(process.execPath, [bin, 'virtual', '--dir', flash], { stdio: ['ignore', 'pipe', 'pipe'] })
  ptyPath = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n')[0]!
      if (out.includes('\n')) resolve(line.trim())
    })
    server.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    server.once('exit', (code) => reject(new Error(`badge-ide virtual exited (${code}): ${err}`)))
  })
}, 60_000)

afterAll(async () => {
  if (server.exitCode === null) {
    const gone = new Promise((r) => server.once('exit', r))
    server.kill('SIGINT')
    await gone
  }
  rmSync(flash, { recursive: true, force: true })
})

async function connect(): Promise<PyboardClient> {
  const c = new PyboardClient(await SerialPort.binding.open({ path: ptyPath, baudRate: 115200, lock: false }))
  await c.enterRaw()
  return c
}

describe('badge-ide virtual', () => {
  it('prints a pseudo-terminal path', () => {
    expect(ptyPath).toMatch(/^\/dev\/pts\/\d+$/)
  })

  it('answers a standard raw-REPL client: exec, write in 256-byte chunks, list, stat, read, mkdir, rename, remove', async () => {
    const c = await connect()
    try {
      expect(await c.run('print(sum(range(100)))')).toBe('4950\n')
      const [, err] = await c.exec('1/0')
      expect(err).toContain('ZeroDivisionError')
      // Writing as `mpremote fs cp` does: open, then one exec per 256-byte chunk, then close.
      const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 255))
      await c.run("f=open('/pty.bin','wb')\nw=f.write")
      for (let i = 0; i < data.length; i += 256) {
        const chunk = data.subarray(i, i + 256)
        await c.run(`w(b'${Array.from(chunk, (b) => '\\x' + b.toString(16).padStart(2, '0')).join('')}')`)
      }
      await c.run('f.close()')
      expect(await c.run("import os\nfor e in os.ilistdir('/'):\n print(e[0])")).toContain('pty.bin\n')
      expect(await c.run("print(os.stat('/pty.bin')[6])")).toBe('1000\n')
      const hex = await c.run("import binascii\nf=open('/pty.bin','rb')\nwhile 1:\n b=f.read(256)\n if not b:\n  break\n print(binascii.hexlify(b).decode())\nf.close()")
      expect(Buffer.from(hex.replace(/\n/g, ''), 'hex').equals(data)).toBe(true)
      await c.run("os.mkdir('/ptydir')\nos.rename('/pty.bin','/ptydir/moved.bin')")
      expect(await c.run("print(os.listdir('/ptydir'))")).toBe("['moved.bin']\n")
      // The flash folder holds what the client wrote.
      await c.run('pass')
      expect(readFileSync(path.join(flash, 'ptydir', 'moved.bin')).equals(data)).toBe(true)
      await c.run("os.remove('/ptydir/moved.bin')\nos.rmdir('/ptydir')")
      expect(await c.run("print('ptydir' in os.listdir('/'))")).toBe('False\n')
    } finally {
      await c.close()
    }
  })

  it('comes back on the same pty after machine.reset(), with its files, as a badge on USB does', async () => {
    const c = await connect()
    try {
      await c.run('open("/kept.txt", "w").write("still here")')
      await c.write('import machine\nmachine.reset()\n\x04')
      await c.readUntil('OK')
      // The rebooted badge greets with its banner on the same pseudo-terminal.
      await c.readUntil('MicroPython', 20_000)
      await c.enterRaw()
      expect(await c.run('print(open("/kept.txt").read())')).toBe('still here\n')
    } finally {
      await c.close()
    }
  })

  it('serves a second client after the first closed the pty', async () => {
    const c = await connect()
    try {
      expect(await c.run('print("again")')).toBe('again\n')
    } finally {
      await c.close()
    }
  })

  it('a put stopped by SIGTERM (a kill, a shutdown) removes its partial copy, as Ctrl-C does', async () => {
    const local = path.join(mkdtempSync(path.join(os.tmpdir(), 'vb-put-')), 'big.bin')
    writeFileSync(local, Buffer.from(Array.from({ length: 8 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24)))
    const p = spawn(process.execPath, [bin, 'put', local, '/stopped.bin', '--port', ptyPath], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)))
    // Started and connected (well under a second), in the middle of 8 MB (several seconds).
    await sleep(1500)
    p.kill('SIGTERM')
    expect(await exited).toBe(1)
    expect(err).toMatch(/CANCELLED.*stopped after \d+ of 8388608 bytes/)
    rmSync(path.dirname(local), { recursive: true, force: true })
    const c = await connect()
    try {
      expect(await c.run("import os\nprint([n for n in os.listdir('/') if 'stopped' in n])")).toBe('[]\n')
    } finally {
      await c.close()
    }
  })

  it('a flood of output into a pseudo-terminal nobody reads stays bounded (the server waits for socat), and the badge answers afterwards', { timeout: 60_000 }, async () => {
    const port = await SerialPort.binding.open({ path: ptyPath, baudRate: 115200, lock: false })
    try {
      await port.write(Buffer.from("\r\x03\x03\r\x01for i in range(30000):\n print('x' * 99)\n\x04", 'latin1'))
      await sleep(6000)
      let total = 0
      let text = ''
      const buf = Buffer.alloc(65536)
      let reading = true
      const loop = (async () => {
        while (reading) {
          const { bytesRead } = await port.read(buf, 0, buf.length).catch(() => ({ bytesRead: -1 }))
          if (bytesRead < 0) return
          total += bytesRead
          text = (text + buf.subarray(0, bytesRead).toString('latin1')).slice(-4096)
        }
      })()
      await sleep(1000)
      // 3 MB were printed: what reaches the reader is the badge's held output and the pipes' buffers.
      expect(total).toBeGreaterThan(256 * 1024)
      expect(total).toBeLessThan(1.5 * 1024 * 1024)
      await port.write(Buffer.from('\x03\r\x01print(6 * 7)\x04', 'latin1'))
      for (let i = 0; i < 200 && !text.includes('OK42'); i++) await sleep(25)
      expect(text).toContain('OK42')
      reading = false
      await port.write(Buffer.from('\x02', 'latin1'))
      await sleep(50)
      await port.close()
      await loop
    } finally {
      if (port.isOpen) await port.close().catch(() => undefined)
    }
  })

  it('Ctrl-C on exec stops the code on the badge, not only the command', { timeout: 60_000 }, async () => {
    const loop = "import time\nn = 0\nprint('go')\nwhile True:\n    n += 1\n    f = open('/tick.txt', 'w')\n    f.write(str(n))\n    f.close()\n    time.sleep(0.05)"
    const p = spawn(process.execPath, [bin, 'exec', '--port', ptyPath, loop], { stdio: ['ignore', 'pipe', 'pipe'] })
    await new Promise<void>((resolve) => p.stdout!.on('data', (d: Buffer) => d.toString().includes('go') && resolve()))
    await sleep(300)
    const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)))
    p.kill('SIGINT')
    expect(await exited).toBe(130)
    const tick = () => readFileSync(path.join(flash, 'tick.txt'), 'utf8')
    const before = tick()
    await sleep(600)
    expect(tick()).toBe(before)
  })
})

