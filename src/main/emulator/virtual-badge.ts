/**
 * The virtual badge: a serialport binding (`@serialport/bindings-interface`) whose far end is
 * the emulator's own MicroPython REPL, so the device-link code (raw REPL, deploy, stats, the
 * console) works against it unchanged and can be tested end to end without hardware.
 *
 * Its flash is a host folder: `/` is the folder, `/system` its `system/` subfolder. The
 * interpreter works on an in-memory copy that is written back after every executed command
 * (when serial input goes idle, before the prompt is sent), on soft reset and on close, so a
 * second connection — now or after a restart — sees what the first one wrote.
 *
 * Usage: `new SerialPortStream({ binding: createVirtualBadgeBinding({ dir }), path: VIRTUAL_PORT_PATH, baudRate: 115200 })`.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { spawnBoot, type BootHandle } from './boot-worker'
import { ByteRing, createControlBlock, pressButton, releaseButton, SLOT, wakeWorker } from './control-block'
import type { WorkerMessage } from './messages'
import { defaultVirtualBadgeDir } from './user-dirs'
import { makeWorkerConfig } from './worker-config'
import type { WorkerSpec } from './worker-url'
import type {
  BindingInterface,
  BindingOpenOptions,
  BindingPortInfo,
  BindingPortInterface,
  BindingSetOptions,
} from '../services/device/binding-types'

// The serialport binding contract is declared once, beside the serial transport that uses it.
type OpenOptions = BindingOpenOptions
type PortInfo = BindingPortInfo
type SetOptions = BindingSetOptions
type UpdateOptions = { baudRate: number }
type PortStatus = Awaited<ReturnType<BindingPortInterface['get']>>
export type { BindingInterface, BindingPortInterface, BindingOpenOptions as OpenOptions }

/** The port path that addresses the virtual badge. */
export const VIRTUAL_PORT_PATH = 'virtual'

/** Options for {@link createVirtualBadgeBinding}. */
export interface VirtualBadgeOptions {
  /** Host folder holding the badge's flash (default: the per-user virtual-badge folder). */
  dir?: string
  /** Frames drawn by apps started from the REPL. */
  onFrame?(rgba: Uint8Array, frame: number): void
  /** Emulator warnings (e.g. files that could not be saved). */
  onWarning?(message: string): void
  /** How to start workers (default: emulatorWorkerSpec()). */
  workerSpec?: WorkerSpec
  /**
   * Whether its simulated Wi-Fi joins a network (default false: the virtual badge reaches no
   * network, so by default it behaves as a badge out of reach of its access point).
   */
  wifi?: boolean
}

/** Open connections by flash folder: one at a time per folder, as one badge has one USB port. */
const openDirs = new Map<string, VirtualBadgePort>()

/** Output held for the reader at most (the badge's USB stdout drops what its host does not read). */
export const OUTPUT_HELD_BYTES = 1024 * 1024

/** How long a Ctrl-C may stay unnoticed by running code before the interpreter is restarted (see unstick). */
const STUCK_MS = 1500

/**
 * Presses (`down`) or releases a button (bit of badgeware's `io`) on the virtual badge whose flash
 * is `dir`, whoever opened it (the IDE's connection or a shared pseudo-terminal). False when it is
 * not open.
 */
export function virtualBadgeButton(dir: string, bit: number, down: boolean): boolean {
  const port = openDirs.get(resolve(dir))
  if (!port) return false
  port.button(bit, down)
  return true
}

function canceled(message: string): Error & { canceled: true } {
  return Object.assign(new Error(message), { canceled: true as const })
}

/** Creates the binding. `list()` shows one port, {@link VIRTUAL_PORT_PATH}. */
export function createVirtualBadgeBinding(opts: VirtualBadgeOptions = {}): BindingInterface {
  return {
    async list(): Promise<PortInfo[]> {
      return [{ path: VIRTUAL_PORT_PATH, manufacturer: 'Badge IDE', serialNumber: 'virtual-badge', pnpId: undefined, locationId: undefined, productId: undefined, vendorId: undefined }]
    },
    async open(options: OpenOptions): Promise<BindingPortInterface> {
      if (options.path !== VIRTUAL_PORT_PATH) throw new Error(`Error: No such file or directory, cannot open ${options.path}`)
      const dir = resolve(opts.dir ?? defaultVirtualBadgeDir())
      if (openDirs.has(dir)) throw new Error(`Error: Resource temporarily unavailable, cannot open ${options.path} (the virtual badge is already open)`)
      mkdirSync(dir, { recursive: true })
      const port = new VirtualBadgePort(dir, options, opts)
      openDirs.set(dir, port)
      try {
        await port.boot(false)
      } catch (e) {
        openDirs.delete(dir)
        throw e
      }
      return port
    },
  }
}

/** One open connection to the virtual badge. */
class VirtualBadgePort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>
  isOpen = true
  private readonly ctrl = createControlBlock()
  private readonly ring = new ByteRing(64 * 1024)
  private boot_: BootHandle | null = null
  private rx: Buffer[] = []
  private rxBytes = 0
  private waiting: { resolve(): void; reject(e: Error): void } | null = null
  private pendingInput: Buffer[] = []
  private pump: NodeJS.Timeout | null = null
  private failure: Error | null = null
  private stuck: NodeJS.Timeout | null = null

  constructor(
    private readonly dir: string,
    options: OpenOptions,
    private readonly opts: VirtualBadgeOptions,
  ) {
    this.openOptions = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    } as Required<OpenOptions>
  }

  /** Presses or releases a button of this badge (its control block outlives soft resets). */
  button(bit: number, down: boolean): void {
    if (down) pressButton(this.ctrl, bit)
    else releaseButton(this.ctrl, bit)
  }

  /** Starts an interpreter (after open, and after every soft reset). */
  async boot(raw: boolean): Promise<void> {
    Atomics.store(this.ctrl, SLOT.STOP, 0)
    const config = await makeWorkerConfig({
      mode: 'repl',
      volumes: { systemDir: null, systemOverlays: [], rootDir: this.dir, systemWritable: true, systemInsideRoot: true },
      timing: { mode: 'realtime', seed: null },
      stdin: this.ring.sab,
      startRaw: raw,
      hardware: { wifi: this.opts.wifi ?? false },
      ctrl: this.ctrl,
    })
    let ready!: () => void
    let failed!: (e: Error) => void
    const readyP = new Promise<void>((res, rej) => ((ready = res), (failed = rej)))
    const handle = spawnBoot({
      config,
      network: null,
      watchdogMs: 0,
      ...(this.opts.workerSpec ? { spec: this.opts.workerSpec } : {}),
      onMessage: (m: WorkerMessage) => {
        if (m.type === 'ready') ready()
        else if (m.type === 'serial') this.receive(Buffer.from(m.data))
        else if (m.type === 'frame') this.opts.onFrame?.(new Uint8Array(m.rgba), m.frame)
        else if (m.type === 'warning') this.opts.onWarning?.(m.message)
      },
    })
    this.boot_ = handle
    void handle.exited.then((exit) => {
      if (this.boot_ !== handle) return
      if (exit.reason === 'soft-reset' && this.isOpen) {
        void this.boot(exit.next === 'raw').catch((e: Error) => this.end(e))
        return
      }
      failed(new Error(`virtual badge failed to start (${exit.reason})`))
      if (this.isOpen)
        this.end(new Error(exit.reason === 'reboot' ? 'the virtual badge rebooted (machine.reset()); connect again' : `the virtual badge stopped (${exit.reason}); connect again`))
    })
    await readyP
  }

  /**
   * Code that calls nothing on the host (`while True: pass`) never sees a Ctrl-C in this build, which
   * checks for one only when the interpreter calls out. When one is still pending after
   * {@link STUCK_MS}, the interpreter is restarted as after a soft reset (files kept), and the reply
   * says so: an exec ends with KeyboardInterrupt, then the reboot. A badge breaks such a loop at once.
   */
  private async unstick(): Promise<void> {
    this.stuck = null
    const handle = this.boot_
    if (!this.isOpen || !handle || Atomics.load(this.ctrl, SLOT.STOP) !== 2) return
    const raw = Atomics.load(this.ctrl, SLOT.REPL_RAW) === 1
    this.boot_ = null
    await handle.kill()
    if (!this.isOpen) return
    // What the old interpreter had not read (the Ctrl-C among it) goes with it, as a reset's would.
    this.ring.take(this.ring.available(), () => false)
    const why = 'KeyboardInterrupt: the code took no Ctrl-C (it called nothing that could notice one); the virtual badge restarted its interpreter\r\n'
    this.receive(Buffer.from(raw ? `\x04${why}\x04MPY: soft reboot\r\n` : `${why}MPY: soft reboot\r\n`))
    await this.boot(raw).catch((e: Error) => this.end(e))
  }

  private receive(data: Buffer): void {
    // Output nobody reads is dropped past the bound, as the badge's USB stdout drops what its host
    // does not take: a flood into an idle pseudo-terminal must not pile up gigabytes here.
    if (this.rxBytes + data.length > OUTPUT_HELD_BYTES) return
    this.rx.push(data)
    this.rxBytes += data.length
    const w = this.waiting
    this.waiting = null
    w?.resolve()
  }

  /**
   * The interpreter is gone (machine.reset(), a crash): like a badge on USB the link drops, and the
   * port is free for the next open, which boots a fresh interpreter on the same flash.
   */
  private end(e: Error): void {
    this.failure = e
    const w = this.waiting
    this.waiting = null
    w?.reject(e)
    this.isOpen = false
    if (this.pump) clearInterval(this.pump)
    this.ring.close()
    if (openDirs.get(this.dir) === this) openDirs.delete(this.dir)
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      // After the interpreter ended, what it printed is still read, then its failure.
      if (!this.isOpen && !this.failure) throw canceled('Port is not open')
      if (this.rx.length > 0) {
        const head = this.rx[0]
        const n = Math.min(length, head.length)
        head.copy(buffer, offset, 0, n)
        this.rxBytes -= n
        if (n === head.length) this.rx.shift()
        else this.rx[0] = head.subarray(n)
        return { buffer, bytesRead: n }
      }
      if (this.failure) throw this.failure
      await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }))
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw canceled('Port is not open')
    // Ctrl-C reaches running code through shared memory: the interpreter is busy, not reading.
    if (buffer.includes(3)) {
      Atomics.store(this.ctrl, SLOT.STOP, 2)
      wakeWorker(this.ctrl)
      this.stuck ??= setTimeout(() => void this.unstick(), STUCK_MS)
    }
    this.pendingInput.push(Buffer.from(buffer))
    this.flushInput()
  }

  private flushInput(): void {
    while (this.pendingInput.length > 0) {
      const head = this.pendingInput[0]
      const n = this.ring.write(head)
      if (n === head.length) this.pendingInput.shift()
      else {
        this.pendingInput[0] = head.subarray(n)
        break
      }
    }
    if (this.pendingInput.length > 0 && !this.pump) {
      this.pump = setInterval(() => {
        this.flushInput()
        if (this.pendingInput.length === 0 && this.pump) {
          clearInterval(this.pump)
          this.pump = null
        }
      }, 5)
    }
  }

  async close(): Promise<void> {
    if (!this.isOpen) return
    this.isOpen = false
    if (this.pump) clearInterval(this.pump)
    if (this.stuck) clearTimeout(this.stuck)
    const w = this.waiting
    this.waiting = null
    w?.reject(canceled('Port is closed'))
    const handle = this.boot_
    this.ring.close()
    Atomics.store(this.ctrl, SLOT.STOP, 1)
    wakeWorker(this.ctrl)
    if (handle) {
      // The worker writes the flash back and exits once its input is closed; a busy one is ended.
      const timer = setTimeout(() => void handle.kill(), 2000)
      await handle.exited
      clearTimeout(timer)
    }
    if (openDirs.get(this.dir) === this) openDirs.delete(this.dir)
  }

  async update(_options: UpdateOptions): Promise<void> {}
  async set(_options: SetOptions): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: true }
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate }
  }
  async flush(): Promise<void> {
    this.rx = []
  }
  async drain(): Promise<void> {}
}
