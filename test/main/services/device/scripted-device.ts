/**
 * An in-memory device that speaks the raw-REPL protocol byte for byte as pyexec.c does, including
 * raw-paste with a small announced window, so the window flow control is exercised (neither QEMU's
 * micro:bit nor the WebAssembly REPL offer raw-paste). Executing "code" is a JS callback.
 */
import type { BindingInterface, BindingOpenOptions, BindingPortInterface } from '../../../../src/main/services/device/binding-types'

/** What the scripted device does with a received program. */
export type Runner = (code: string) => { stdout?: string; stderr?: string }

/** Options of {@link createScriptedDevice}. */
export interface ScriptedOptions {
  /** Raw-paste window; 0 answers `R\x00` (understood, unsupported). Default 8. */
  window?: number
  run: Runner
  /** Input bytes the link loses (called for every byte the host writes). */
  dropInput?: (b: number) => boolean
  /** Delay (ms) before the device answers a program's Ctrl-D; input meanwhile waits, as in a ring. */
  okDelayMs?: () => number
  /**
   * Friendly paste mode only: input lands in a receive ring of this many bytes (the rest is dropped,
   * as on the micro:bit) and the REPL takes one byte from it every {@link ScriptedOptions.takeEveryMs}.
   */
  ringSize?: number
  takeEveryMs?: number
  /** A firmware without the friendly REPL's paste mode (Ctrl-E does nothing). */
  noPasteMode?: boolean
}

/** The device plus what it observed. */
export interface ScriptedDevice {
  binding: BindingInterface
  /** Most bytes the host ever had in flight beyond the granted raw-paste window (must stay 0). */
  readonly windowOverrun: number
  /** Programs received, in order. */
  readonly programs: string[]
  /** Raw-paste programs whose first code bytes came in the same host write as their request. */
  readonly pastedAhead: number
  /** How each program came: the raw REPL or the friendly REPL's paste mode. */
  readonly via: ('raw' | 'paste')[]
  /** Bytes a full receive ring dropped in friendly paste mode. */
  readonly ringDropped: number
  /** Makes the next open fail with this OS error. */
  failNextOpen(e: Error): void
  /** Drops the link (reads fail as on unplug). */
  unplug(): void
  /** True while the last opened port has not been closed. */
  readonly portOpen: boolean
}

/** Builds a scripted device. */
export function createScriptedDevice(opts: ScriptedOptions): ScriptedDevice {
  const window = opts.window ?? 8
  const programs: string[] = []
  const via: ('raw' | 'paste')[] = []
  let overrun = 0
  let ringDropped = 0
  let pastedAhead = 0
  let writes = 0
  let openError: Error | undefined
  let port: Port | undefined

  class Port implements BindingPortInterface {
    isOpen = true
    private out: number[] = []
    private wake: (() => void) | undefined
    private failWith: Error | undefined
    private mode: 'friendly' | 'raw' | 'paste' | 'friendlyPaste' = 'friendly'
    private ring: number[] = []
    private taking: NodeJS.Timeout | undefined
    private line: number[] = []
    private pasteRemain = 0
    /** The host write that carried the current raw-paste request (-1 once its data began). */
    private requestWrite = -1
    constructor(readonly openOptions: Required<BindingOpenOptions>) {}
    private send(s: string | number[]) {
      this.out.push(...(typeof s === 'string' ? Buffer.from(s, 'utf8') : s))
      this.wake?.()
    }
    fail(e: Error, stillOpen = false) {
      this.failWith = e
      this.isOpen = stillOpen
      this.wake?.()
    }
    private exec() {
      const code = Buffer.from(this.line).toString('utf8')
      this.line = []
      programs.push(code)
      via.push('raw')
      const r = opts.run(code)
      this.send(r.stdout ?? '')
      this.send([4])
      this.send(r.stderr ?? '')
      this.send([4, 0x3e])
    }
    /** Friendly paste mode, as pyexec.c: echo each byte, Ctrl-C cancels, Ctrl-D runs. */
    private pasteByte(b: number) {
      if (b === 3) {
        this.line = []
        this.mode = 'friendly'
        this.send('\r\n>>> ')
        return
      }
      if (b === 4) {
        this.mode = 'friendly'
        this.send('\r\n')
        const code = Buffer.from(this.line).toString('utf8')
        this.line = []
        programs.push(code)
        via.push('paste')
        const r = opts.run(code)
        this.send((r.stdout ?? '').replace(/\r?\n/g, '\r\n') + (r.stderr ?? '').replace(/\r?\n/g, '\r\n') + '>>> ')
        return
      }
      this.line.push(b)
      this.send(b === 0x0d ? '\r\n=== ' : [b])
    }
    private takeFromRing() {
      this.taking = undefined
      const b = this.ring.shift()
      if (b === undefined) return
      this.pasteByte(b)
      if (this.ring.length) this.taking = setTimeout(() => this.takeFromRing(), opts.takeEveryMs ?? 0)
    }
    private held: number[] | undefined
    private byte(b: number) {
      if (this.held) {
        this.held.push(b)
        return
      }
      if (this.mode === 'friendlyPaste') {
        if (!opts.ringSize) return this.pasteByte(b)
        if (this.ring.length >= opts.ringSize) {
          ringDropped++
          return
        }
        this.ring.push(b)
        this.taking ??= setTimeout(() => this.takeFromRing(), opts.takeEveryMs ?? 0)
        return
      }
      if (this.mode === 'paste') {
        if (b === 4) {
          this.send([4])
          this.mode = 'raw'
          this.exec()
          return
        }
        if (this.line.length === 0 && this.requestWrite === writes) pastedAhead++
        this.requestWrite = -1
        this.line.push(b)
        this.pasteRemain--
        if (this.pasteRemain < 0) overrun = Math.max(overrun, -this.pasteRemain)
        // Grant another window whenever one has been consumed, like the firmware's stdin buffer.
        if (this.line.length % window === 0) {
          this.pasteRemain += window
          this.send([1])
        }
        return
      }
      if (b === 3) {
        this.line = []
        if (this.mode === 'friendly') this.send('\r\nKeyboardInterrupt\r\n>>> ')
        return
      }
      const n0 = this.line.length
      const pasteRequest = this.mode === 'raw' && b === 1 && n0 >= 2 && this.line[n0 - 2] === 5 && this.line[n0 - 1] === 0x41
      if (b === 1 && !pasteRequest) {
        this.mode = 'raw'
        this.line = []
        this.send('raw REPL; CTRL-B to exit\r\n>')
        return
      }
      if (b === 2) {
        this.mode = 'friendly'
        this.send('\r\nMicroPython scripted\r\n>>> ')
        return
      }
      if (this.mode === 'friendly') {
        if (b === 0x0d) this.send('\r\n>>> ')
        if (b === 5 && !opts.noPasteMode) {
          this.line = []
          this.mode = 'friendlyPaste'
          this.send('\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ')
        }
        return
      }
      if (b === 4) {
        if (this.line.length === 0) {
          this.send('OK\r\nsoft reboot\r\nraw REPL; CTRL-B to exit\r\n>')
          return
        }
        const delay = opts.okDelayMs?.() ?? 0
        if (delay > 0) {
          this.held = []
          setTimeout(() => {
            this.send('OK')
            this.exec()
            const later = this.held!
            this.held = undefined
            for (const x of later) this.byte(x)
          }, delay)
          return
        }
        this.send('OK')
        this.exec()
        return
      }
      this.line.push(b)
      const n = this.line.length
      if (n >= 3 && this.line[n - 3] === 5 && this.line[n - 2] === 0x41 && this.line[n - 1] === 1) {
        this.line = []
        if (window === 0) {
          this.send('R\x00')
          return
        }
        this.mode = 'paste'
        this.pasteRemain = window
        this.requestWrite = writes
        this.send([0x52, 1, window & 255, window >> 8])
      }
    }
    async close() {
      this.isOpen = false
      this.fail(Object.assign(new Error('Port is not open'), { canceled: true }))
    }
    async read(buffer: Buffer, offset: number, length: number) {
      while (this.out.length === 0) {
        if (this.failWith) throw this.failWith
        await new Promise<void>((r) => (this.wake = r))
        this.wake = undefined
      }
      const n = Math.min(length, this.out.length)
      buffer.set(this.out.splice(0, n), offset)
      return { buffer, bytesRead: n }
    }
    async write(buffer: Buffer) {
      if (this.failWith) throw this.failWith
      writes++
      for (const b of buffer) if (!opts.dropInput?.(b)) this.byte(b)
    }
    async update() {}
    async set() {}
    async get() {
      return { cts: false, dsr: false, dcd: false }
    }
    async getBaudRate() {
      return { baudRate: 115200 }
    }
    async flush() {}
    async drain() {}
  }

  return {
    binding: {
      list: async () => [],
      async open(o: BindingOpenOptions) {
        if (openError) {
          const e = openError
          openError = undefined
          throw e
        }
        port = new Port({ dataBits: 8, lock: true, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true, ...o } as Required<BindingOpenOptions>)
        return port
      },
    },
    get windowOverrun() {
      return overrun
    },
    programs,
    get pastedAhead() {
      return pastedAhead
    },
    via,
    get ringDropped() {
      return ringDropped
    },
    failNextOpen(e: Error) {
      openError = e
    },
    get portOpen() {
      return port?.isOpen ?? false
    },
    unplug() {
      // As with the native binding, the handle stays open until someone closes it.
      port?.fail(Object.assign(new Error('read error EIO'), { disconnect: true }), true)
    },
  }
}
