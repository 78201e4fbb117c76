/**
 * A real MicroPython firmware for device tests: QEMU's BBC micro:bit machine running Debian's
 * MicroPython 1.9.2 build behind a pseudo-terminal that node-serialport opens by path.
 *
 * `startMicrobit()` boots it and resolves once the REPL answers; `stop()` kills it (call it in
 * afterAll). With CI=true a missing qemu or firmware fails loudly instead of being skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { SerialPort } from 'serialport'

/** Debian's firmware-microbit-micropython image. */
export const MICROBIT_FIRMWARE = '/usr/share/firmware-microbit-micropython/firmware.hex'

/** A running emulated micro:bit. */
export interface QemuMicrobit {
  /** The pty to open, e.g. /dev/pts/3. */
  path: string
  process: ChildProcess
  /** Kills QEMU (SIGKILL after a grace period); idempotent. */
  stop(): Promise<void>
}

/** Why QEMU cannot run here, or undefined when it can. */
export function qemuMissing(): string | undefined {
  if (spawnSync('qemu-system-arm', ['--version']).status !== 0) return 'qemu-system-arm is not installed (apt-get install qemu-system-arm)'
  if (!existsSync(MICROBIT_FIRMWARE)) return `${MICROBIT_FIRMWARE} is missing (apt-get install firmware-microbit-micropython)`
  return undefined
}

/** Boots the firmware; rejects (after killing QEMU) if no pty or no REPL prompt appears within `timeoutMs`. */
export async function startMicrobit(timeoutMs = 15_000): Promise<QemuMicrobit> {
  const missing = qemuMissing()
  if (missing) throw new Error(`QEMU micro:bit unavailable: ${missing}${process.env.CI === 'true' ? ' (CI=true: required)' : ''}`)
  const proc = spawn(
    'qemu-system-arm',
    ['-M', 'microbit', '-nographic', '-monitor', 'none', '-serial', 'pty', '-device', `loader,file=${MICROBIT_FIRMWARE}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let exited = false
  // A test worker that dies without teardown must not leave QEMU running.
  const killOnExit = () => proc.kill('SIGKILL')
  process.once('exit', killOnExit)
  proc.on('exit', () => {
    exited = true
    process.off('exit', killOnExit)
  })
  const stop = async (): Promise<void> => {
    if (exited) return
    const gone = new Promise<void>((r) => proc.once('exit', () => r()))
    proc.kill('SIGTERM')
    const t = setTimeout(() => proc.kill('SIGKILL'), 1000)
    await gone
    clearTimeout(t)
  }
  try {
    const path = await new Promise<string>((resolve, reject) => {
      let text = ''
      const timer = setTimeout(() => reject(new Error(`QEMU printed no pty within ${timeoutMs} ms: ${text}`)), timeoutMs)
      const onData = (d: Buffer) => {
        text += d.toString()
        const m = /char device redirected to (\/dev\/pts\/\d+)/.exec(text)
        if (m) {
          clearTimeout(timer)
          resolve(m[1]!)
        }
      }
      proc.stdout!.on('data', onData)
      proc.stderr!.on('data', onData)
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`QEMU exited (${code}) before it was ready: ${text}`))
      })
    })
    await waitForBoot(path, timeoutMs)
    return { path, process: proc, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/**
 * Waits until the firmware has booted. QEMU only starts the guest clock once the pty is opened; we
 * poke it with CR and look for the friendly prompt, then close so the test opens a clean port.
 */
async function waitForBoot(path: string, timeoutMs: number): Promise<void> {
  const port = await SerialPort.binding.open({ path, baudRate: 115200, lock: false })
  try {
    const end = Date.now() + timeoutMs
    const buf = Buffer.alloc(256)
    let seen = ''
    // One read in flight at a time; a cancelled read (on close) must not become an unhandled rejection.
    let pending: Promise<number> | undefined
    while (Date.now() < end) {
      await port.write(Buffer.from('\r'))
      const reading: Promise<number> = (pending ??= port.read(buf, 0, buf.length).then((x: { bytesRead: number }) => x.bytesRead, () => -1))
      const r: number = await Promise.race<number>([reading, new Promise<number>((res) => setTimeout(() => res(-2), 300))])
      if (r === -2) continue
      pending = undefined
      if (r > 0) seen += buf.subarray(0, r).toString('latin1')
      if (seen.includes('>>> ')) return
    }
    throw new Error(`the micro:bit firmware did not show a prompt within ${timeoutMs} ms (heard ${JSON.stringify(seen.slice(-80))})`)
  } finally {
    await port.close().catch(() => undefined)
  }
}
