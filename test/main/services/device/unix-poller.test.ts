/**
 * The serial link keeps watching for input while a write waits for room, on a real pseudo-terminal
 * (socat) with the native serialport binding. The far end stops our output with XOFF, so a large
 * write waits; a byte it sends meanwhile must still be read (serialport's poller alone stops
 * watching for input then, and, the other way round, can stop watching for room: a write that never
 * ends). See src/main/services/device/unix-poller.ts.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { SerialPort } from 'serialport'
import { CLOSE_WRITE_WAIT_MS, SerialTransport } from '../../../../src/main/services/device/serial-transport'

const XOFF = '\x13'
const XON = '\x11'
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

let socat: ChildProcess | undefined
let transport: SerialTransport | undefined

afterEach(async () => {
  // socat first: with it gone a write that still waits fails, so the close cannot wait on it.
  socat?.kill('SIGTERM')
  await transport?.close()
  transport = socat = undefined
})

/** A pseudo-terminal whose far end is socat's stdio, drained as it comes. */
async function pty(): Promise<{ path: string; send: (s: string) => void; received: () => number }> {
  const s = spawn('socat', ['-d', '-d', 'PTY,raw,echo=0', 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] })
  socat = s
  let got = 0
  s.stdout!.on('data', (d: Buffer) => (got += d.length))
  const path = await new Promise<string>((resolve, reject) => {
    let text = ''
    s.stderr!.on('data', (d: Buffer) => {
      text += d.toString()
      const m = /PTY is (\S+)/.exec(text)
      if (m) resolve(m[1]!)
    })
    s.once('error', reject)
  })
  return { path, send: (t) => s.stdin!.write(t), received: () => got }
}

describe('serial link on a pseudo-terminal', () => {
  it('reads what arrives while a write waits for room, and the write ends once there is room', async () => {
    const far = await pty()
    transport = await SerialTransport.open({ binding: SerialPort.binding, path: far.path })
    // The far end's XOFF stops our output only with IXON (serialport opens without it).
    execFileSync('stty', ['-F', far.path, 'ixon'])
    far.send(XOFF)
    await sleep(100)
    const data = Buffer.alloc(256 * 1024, 0x61)
    let written = false
    const write = transport.write(data).then(() => (written = true))
    await sleep(200)
    expect(written).toBe(false) // the output is stopped: the write waits for room

    far.send('x')
    const got = await transport.readSome(2000, 'the byte sent during the write')
    expect(Buffer.from(got).toString()).toBe('x')
    expect(written).toBe(false)

    far.send(XON)
    await Promise.race([write, sleep(10_000)])
    expect(written).toBe(true)
    for (let i = 0; i < 100 && far.received() < data.length; i++) await sleep(20)
    expect(far.received()).toBe(data.length)
  })
  it('closes a port whose device takes no more data: the waiting write fails instead of holding the port', async () => {
    const far = await pty()
    transport = await SerialTransport.open({ binding: SerialPort.binding, path: far.path })
    execFileSync('stty', ['-F', far.path, 'ixon'])
    far.send(XOFF)
    await sleep(100)
    const write = transport.write(Buffer.alloc(256 * 1024, 0x62)).then(
      () => 'written',
      (e: { code?: string }) => e.code,
    )
    await sleep(100)
    const t0 = Date.now()
    await transport.close()
    expect(Date.now() - t0).toBeLessThan(CLOSE_WRITE_WAIT_MS + 2000)
    expect(await write).toBe('NOT_CONNECTED')
    expect(transport.closed).toBe(true)
  })
})
