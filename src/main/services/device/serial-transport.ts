/**
 * The byte pipe to a device: one open serial port (any serialport binding: the native one, the
 * virtual badge, a test relay), a receive buffer, and reads that always wait for something named,
 * with a timeout. No protocol knowledge here; the raw-REPL client builds on it.
 */
import type { BindingInterface, BindingPortInterface } from './binding-types'
import { CodedError } from '../../../shared/ipc/result'
import { describeOpenError } from './open-errors'
import { mendUnixPoller } from './unix-poller'

/** Options for {@link SerialTransport.open}. */
export interface TransportOpenOptions {
  binding: BindingInterface
  path: string
  /** Ignored by USB CDC; matters for real UARTs. Default 115200. */
  baudRate?: number
}

/** Called with every received byte while a tap is installed (friendly-REPL passthrough). */
export type DataTap = (data: Uint8Array) => void

const READ_SIZE = 4096

/** How long {@link SerialTransport.close} lets pending writes finish before it closes the port anyway. */
export const CLOSE_WRITE_WAIT_MS = 1000

/** Shows the tail of what was heard, for timeout messages ("last bytes heard: …"). */
export function describeBytes(data: Uint8Array, max = 80): string {
  const tail = data.subarray(Math.max(0, data.length - max))
  let s = ''
  for (const b of tail) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`
  return (data.length > max ? '…' : '') + s
}

/**
 * An open serial link. Reads are pulled by a loop into a buffer; `read*` methods take from it. One
 * reader at a time (the device queue guarantees it). When the link drops every pending wait rejects
 * with `DISCONNECTED` and `onClose` listeners run once.
 */
export class SerialTransport {
  private buf: Buffer = Buffer.alloc(0)
  private waiter: (() => void) | undefined
  private tap: DataTap | undefined
  private closedError: CodedError | undefined
  private closePromise: Promise<void> | undefined
  private readonly closeListeners = new Set<(err: CodedError | undefined) => void>()
  private writeChain: Promise<void> = Promise.resolve()
  private closing = false
  /** Bytes handed to the OS so far (diagnostics and the benchmark's wire rate). */
  bytesWritten = 0
  /** Everything received, for diagnostics ("last bytes heard"). Bounded. */
  private heard: Buffer = Buffer.alloc(0)

  private constructor(
    private readonly port: BindingPortInterface,
    /** The path this transport was opened on. */
    readonly path: string,
    /** The line speed asked for (bits/s): what a real UART behind the port can carry at most. */
    readonly baudRate: number,
  ) {}

  /**
   * Opens `path` exclusively, asserts DTR (TinyUSB sends nothing without it) and drops RTS. Open
   * failures become `PORT_NOT_FOUND`, `PORT_PERMISSION`, `PORT_BUSY` or `PORT_OPEN_FAILED` with the
   * OS words and a hint in the detail.
   */
  static async open(opts: TransportOpenOptions): Promise<SerialTransport> {
    let port: BindingPortInterface
    const baudRate = opts.baudRate ?? 115200
    try {
      port = await opts.binding.open({ path: opts.path, baudRate, lock: true, hupcl: false })
    } catch (e) {
      throw describeOpenError(e, opts.path)
    }
    mendUnixPoller(port)
    // ptys and some bindings refuse modem-control ioctls; the link still works without them.
    await port.set({ dtr: true, rts: false }).catch(() => undefined)
    const t = new SerialTransport(port, opts.path, baudRate)
    void t.readLoop()
    return t
  }

  /** True once the link is closed or lost. */
  get closed(): boolean {
    return this.closedError !== undefined || this.closing
  }

  /** Runs `listener` once when the link closes; the argument is set when it was lost (unplug). */
  onClose(listener: (err: CodedError | undefined) => void): () => void {
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  /**
   * Installs a tap that receives bytes as they arrive instead of the buffer (friendly-REPL
   * passthrough). Bytes already buffered go to the tap first. `undefined` removes it.
   */
  setTap(tap: DataTap | undefined): void {
    this.tap = tap
    if (tap && this.buf.length) {
      const b = this.buf
      this.buf = Buffer.alloc(0)
      tap(b)
    }
  }

  private async readLoop(): Promise<void> {
    const chunk = Buffer.alloc(READ_SIZE)
    for (;;) {
      let n: number
      try {
        const r = await this.port.read(chunk, 0, READ_SIZE)
        n = r.bytesRead
      } catch (e) {
        const canceled = (e as { canceled?: boolean }).canceled === true
        const lost = !canceled && !this.closing
        this.finish(lost ? new CodedError('DISCONNECTED', `${this.path}: ${(e as Error).message}`) : undefined)
        // A lost link still holds the port (an OS handle, the virtual badge's registration):
        // released now, so connecting again is not refused as busy.
        if (lost) void this.close()
        return
      }
      if (n <= 0) continue
      const data = Buffer.from(chunk.subarray(0, n))
      this.heard = Buffer.concat([this.heard, data])
      if (this.heard.length > 512) this.heard = this.heard.subarray(this.heard.length - 256)
      if (this.tap) this.tap(data)
      else {
        this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data
        this.waiter?.()
      }
    }
  }

  private finish(err: CodedError | undefined): void {
    if (this.closedError) return
    this.closedError = err ?? new CodedError('NOT_CONNECTED', `${this.path} was closed`)
    this.waiter?.()
    for (const l of this.closeListeners) l(err)
    this.closeListeners.clear()
  }

  private checkOpen(): void {
    if (this.closedError) throw this.closedError
  }

  /** Writes bytes; resolves once the OS has them. Writes are kept in order. */
  write(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    const p = this.writeChain.then(async () => {
      this.checkOpen()
      try {
        await this.port.write(bytes)
        this.bytesWritten += bytes.length
      } catch (e) {
        if (this.closedError) throw this.closedError
        const err = new CodedError('DISCONNECTED', `${this.path}: write failed: ${(e as Error).message}`)
        this.finish(err)
        throw err
      }
    })
    this.writeChain = p.catch(() => undefined)
    return p
  }

  /** Bytes received and not yet consumed. */
  get buffered(): number {
    return this.buf.length
  }

  /** Takes everything buffered (possibly nothing). */
  takeBuffered(): Uint8Array {
    const b = this.buf
    this.buf = Buffer.alloc(0)
    return b
  }

  /**
   * Waits until `test(buffer)` returns a cut position (bytes to consume) and returns those bytes.
   * Rejects with `DEVICE_TIMEOUT` (naming `what` and the last bytes heard) after `timeoutMs`, or with
   * `DISCONNECTED` when the link drops. `timeoutMs` restarts whenever bytes arrive if `idle` is set.
   */
  waitFor(test: (buf: Buffer) => number | undefined, timeoutMs: number, what: string, idle = false): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      let lastLen = -1
      const arm = () => {
        if (timer) clearTimeout(timer)
        // Infinity means "no timeout" (a running app streams output for as long as it likes).
        if (!Number.isFinite(timeoutMs)) return
        timer = setTimeout(() => {
          this.waiter = undefined
          reject(new CodedError('DEVICE_TIMEOUT', `no ${what} within ${timeoutMs} ms; last bytes heard: "${describeBytes(this.heard)}"`))
        }, timeoutMs)
      }
      const check = () => {
        if (this.closedError) {
          clearTimeout(timer)
          this.waiter = undefined
          reject(this.closedError)
          return
        }
        const cut = test(this.buf)
        if (cut !== undefined) {
          clearTimeout(timer)
          this.waiter = undefined
          const out = this.buf.subarray(0, cut)
          this.buf = this.buf.subarray(cut)
          resolve(out)
          return
        }
        if (idle && this.buf.length !== lastLen) arm()
        lastLen = this.buf.length
      }
      if (this.waiter) {
        reject(new CodedError('DEVICE_BUSY', `concurrent read while waiting for something else (${what})`))
        return
      }
      arm()
      this.waiter = check
      check()
    })
  }

  /** Puts bytes back at the front of the buffer (read one step too far). */
  unread(data: Uint8Array): void {
    if (data.length) this.buf = Buffer.concat([Buffer.from(data), this.buf])
  }

  /** Reads through the first occurrence of `pattern` (included in the result). */
  readUntil(pattern: Uint8Array | string, timeoutMs: number, what: string): Promise<Uint8Array> {
    const pat = typeof pattern === 'string' ? Buffer.from(pattern, 'latin1') : Buffer.from(pattern)
    return this.waitFor(
      (b) => {
        const i = b.indexOf(pat)
        return i < 0 ? undefined : i + pat.length
      },
      timeoutMs,
      what,
    )
  }

  /** Reads exactly `n` bytes. */
  readExactly(n: number, timeoutMs: number, what: string): Promise<Uint8Array> {
    return this.waitFor((b) => (b.length >= n ? n : undefined), timeoutMs, what)
  }

  /** Reads whatever arrives next (at least one byte); the timeout is for the first byte. */
  readSome(timeoutMs: number, what: string): Promise<Uint8Array> {
    return this.waitFor((b) => (b.length > 0 ? b.length : undefined), timeoutMs, what)
  }

  /** Discards input until the line has been quiet for `quietMs` (bounded by `maxMs`). */
  async drain(quietMs: number, maxMs = 1000): Promise<void> {
    const end = Date.now() + maxMs
    this.takeBuffered()
    while (Date.now() < end) {
      try {
        await this.waitFor((b) => (b.length > 0 ? b.length : undefined), Math.min(quietMs, Math.max(1, end - Date.now())), 'quiet')
      } catch (e) {
        if ((e as CodedError).code === 'DEVICE_TIMEOUT') return
        throw e
      }
    }
  }

  /**
   * Closes the port (idempotent) once pending writes are out, or after {@link CLOSE_WRITE_WAIT_MS}
   * when the device takes no more. Pending waits reject with `NOT_CONNECTED`.
   */
  async close(): Promise<void> {
    // A second caller waits for the first close to finish, so a reconnect never races the release.
    this.closePromise ??= (async () => {
      this.closing = true
      // Bytes already handed over get out first, but a device that takes none (stopped by flow
      // control, wedged) must not keep the port open: closing it ends the write with an error.
      let timer: NodeJS.Timeout | undefined
      await Promise.race([this.writeChain, new Promise<void>((r) => (timer = setTimeout(r, CLOSE_WRITE_WAIT_MS)))])
      clearTimeout(timer)
      try {
        if (this.port.isOpen) await this.port.close()
      } catch {
        // already gone (unplugged): nothing left to release
      }
      this.finish(undefined)
    })()
    return this.closePromise
  }
}
