/**
 * `badge-ide virtual [--dir D]`: serves the virtual badge on a pseudo-terminal and prints its path
 * until Ctrl-C, so any MicroPython tool (mpremote, Thonny, rshell…) can open it like a board.
 * socat (a Debian package) owns the pty and relays it to our stdio pipes; every byte is passed on
 * unchanged both ways.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { createVirtualBadgeBinding, VIRTUAL_PORT_PATH } from '../../main/emulator/virtual-badge'
import type { BindingInterface, BindingPortInterface } from '../../main/services/device/binding-types'
import { CodedError } from '../../shared/ipc/result'
import type { RegisterCommand } from './index'

/** A running bridge between a port and a pseudo-terminal. */
export interface PtyBridge {
  /** The pseudo-terminal to open, e.g. `/dev/pts/4`. */
  path: string
  /** Resolves when the bridge has stopped (socat exited, or {@link close}). */
  closed: Promise<void>
  /** Stops socat and closes the port (idempotent). */
  close(): Promise<void>
}

/** Opens `portPath` through `binding` and serves it on a new pseudo-terminal. */
export async function servePty(binding: BindingInterface, portPath: string): Promise<PtyBridge> {
  const port = await binding.open({ path: portPath, baudRate: 115200 })
  let socat: ChildProcess
  let stopping = false
  try {
    socat = spawn('socat', ['-d', '-d', 'PTY,raw,echo=0', 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] })
  } catch (e) {
    await port.close().catch(() => undefined)
    throw new CodedError('VIRTUAL_UNAVAILABLE', `socat could not start: ${(e as Error).message}`)
  }
  const exited = new Promise<void>((r) => socat.once('close', () => r()))
  let path: string
  try {
    path = await new Promise<string>((res, reject) => {
      let text = ''
      socat.stderr!.on('data', (d: Buffer) => {
        text += d.toString()
        const m = /PTY is (\S+)/.exec(text)
        if (m) res(m[1]!)
      })
      socat.once('error', (e) => reject(new CodedError('VIRTUAL_UNAVAILABLE', `socat could not start: ${e.message} (apt-get install socat)`)))
      void exited.then(() => reject(new CodedError('VIRTUAL_UNAVAILABLE', `socat exited before it made a pseudo-terminal: ${text.trim()}`)))
    })
  } catch (e) {
    await port.close().catch(() => undefined)
    throw e
  }
  let current = port
  socat.stdout!.on('data', (d: Buffer) => void current.write(d).catch(() => undefined))
  const pump = (async () => {
    for (;;) {
      await pumpPort(current, (d) => (socat.stdin!.write(d) ? undefined : new Promise<void>((r) => (socat.stdin!.once('drain', r), socat.once('close', r)))), () => stopping)
      if (stopping) return
      // The badge rebooted (machine.reset()) or its link dropped: like a badge on USB it comes
      // back, here on the same pseudo-terminal, so the tool on the other end can go on.
      const again = await reopen(binding, portPath, () => stopping)
      if (!again) return void close()
      current = again
    }
  })()
  async function close(): Promise<void> {
    if (stopping) return
    stopping = true
    socat.kill('SIGTERM')
    await exited
    await current.close().catch(() => undefined)
    await pump
  }
  return { path, closed: exited.then(close), close }
}

/** Opens the port again after its link dropped (a few tries while the badge reboots); null when it stays gone or the bridge stops. */
async function reopen(binding: BindingInterface, portPath: string, stopped: () => boolean): Promise<BindingPortInterface | null> {
  for (let i = 0; i < 20 && !stopped(); i++) {
    try {
      return await binding.open({ path: portPath, baudRate: 115200 })
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return null
}

/**
 * Reads the port until it closes, handing every chunk to `sink`; a sink that is full (socat not
 * taking more: nobody reads the pseudo-terminal) returns a promise, and reading waits for it.
 */
async function pumpPort(port: BindingPortInterface, sink: (d: Buffer) => Promise<void> | undefined, stopped: () => boolean): Promise<void> {
  const buf = Buffer.alloc(4096)
  while (!stopped()) {
    try {
      const { bytesRead } = await port.read(buf, 0, buf.length)
      if (bytesRead > 0) await sink(Buffer.from(buf.subarray(0, bytesRead)))
    } catch {
      return
    }
  }
}

/** Registers `virtual`. */
export const registerVirtual: RegisterCommand = (program: Command) => {
  program
    .command('virtual')
    .description('Serve the virtual badge on a pseudo-terminal any MicroPython tool can open (Ctrl-C to stop)')
    .option('--dir <folder>', 'folder holding the virtual badge flash (default: per-user, or --virtual-dir)')
    .action(async (o: { dir?: string }) => {
      const dir = o.dir ?? process.env['BADGE_IDE_VIRTUAL_DIR']
      const binding = createVirtualBadgeBinding(dir === undefined ? {} : { dir: resolve(dir) })
      const bridge = await servePty(binding, VIRTUAL_PORT_PATH)
      process.stdout.write(`${bridge.path}\n`)
      process.stderr.write('Serving the virtual badge. Ctrl-C to stop.\n')
      const stop = () => void bridge.close()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      await bridge.closed
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    })
}
