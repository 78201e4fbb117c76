/**
 * One connected device: the link, the raw-REPL client, the capability probe and the file
 * operations behind a single queue. This is the object deploy, stats, the IDE and the CLI use.
 *
 * Every method except {@link DeviceSession.interrupt} and {@link DeviceSession.writeRepl} waits its
 * turn in the queue. When the link drops, the running operation and everything queued reject with
 * `DISCONNECTED` and `onDisconnect` listeners run.
 */
import { CodedError } from '../../../shared/ipc/result'
import { parsePythonRepr, type PyValue } from '../../../shared/protocol/python-repr'
import { probeCapabilities, type DeviceCapabilities } from './capabilities'
import { DeviceFiles, type DeviceEntry, type WriteOptions, type WriteReport } from './device-files'
import { deviceError } from './device-errors'
import { recoveryCode, type WriteItem, type WriteProgress } from './device-writer'
import { OpQueue } from './op-queue'
import { choosePolicy, toCodedError, type LinkPolicy } from './link-policy'
import { RawRepl, type ExecOptions, type ExecResult, type RawReplOptions } from './raw-repl'
import type { SerialTransport } from './serial-transport'

/** Options of {@link DeviceSession.open}. */
export interface SessionOptions extends RawReplOptions {
  /** Soft-reset after entering raw REPL for a clean heap (default false: don't disturb the device). */
  softReset?: boolean
}

/** A connected device. */
export class DeviceSession {
  private readonly queue = new OpQueue()
  private replTap: ((data: Uint8Array) => void) | undefined
  private readonly disconnectListeners = new Set<(err: CodedError | undefined) => void>()
  private execRunning = false

  private constructor(
    private readonly repl: RawRepl,
    /** What the firmware can do. */
    readonly capabilities: DeviceCapabilities,
    /** File operations (unqueued: use the session's methods). */
    private readonly fileOps: DeviceFiles,
  ) {
    repl.transport.onClose((err) => {
      this.queue.close(err ?? new CodedError('NOT_CONNECTED', 'the link was closed'))
      for (const l of this.disconnectListeners) l(err)
    })
  }

  /**
   * Takes over a device on an open transport: interrupts whatever runs, enters the raw REPL,
   * optionally soft-resets, and runs the capability probe (raw-paste is tried there).
   */
  static async open(transport: SerialTransport, opts: SessionOptions = {}): Promise<DeviceSession> {
    const repl = new RawRepl(transport, opts)
    try {
      await repl.interrupt()
      await repl.enterRawRepl()
      if (opts.softReset) await repl.softReset()
      const caps = await probeCapabilities(repl)
      // The one place the link's handling is decided.
      repl.policy = choosePolicy(caps)
      // A replace that a cut interrupted is finished before anything reads the file.
      if (caps.journal) {
        const r = await repl.execOwn(recoveryCode(caps))
        if (r.stderr) throw deviceError(r.stderr, 'finishing an interrupted write')
      }
      return new DeviceSession(repl, caps, new DeviceFiles(repl, caps))
    } catch (e) {
      throw toCodedError(e)
    }
  }

  /** How this link is driven (chosen once, from the probe). */
  get policy(): LinkPolicy {
    return this.repl.policy
  }

  /** The link. */
  get transport(): SerialTransport {
    return this.repl.transport
  }

  /** True while an operation runs or waits. */
  get busy(): boolean {
    return this.queue.busy
  }

  /** Runs `listener` when the link drops (with the error) or is closed (undefined). */
  onDisconnect(listener: (err: CodedError | undefined) => void): () => void {
    this.disconnectListeners.add(listener)
    return () => this.disconnectListeners.delete(listener)
  }

  /** Queues `fn`; leaves friendly-REPL passthrough for its duration and resumes it afterwards. */
  private op<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const tap = this.replTap
      if (tap) {
        this.transport.setTap(undefined)
        this.repl.markUnknown()
      }
      try {
        return await fn()
      } catch (e) {
        throw toCodedError(e)
      } finally {
        if (tap && this.replTap === tap && !this.transport.closed) {
          await this.repl.exitRawRepl().catch(() => undefined)
          this.transport.setTap(tap)
        }
      }
    })
  }

  /**
   * Runs code; stdout and stderr stream to the callbacks; a device exception is returned in the
   * result (traceback intact), not thrown. `timeoutMs` is the output idle timeout (`Infinity` for
   * an app that runs until stopped).
   */
  exec(code: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return this.running(() => this.repl.exec(code, opts))
  }

  /**
   * Runs code of ours (a query, a helper): like {@link exec}, but code that arrives damaged on a link
   * without flow control is sent again (nothing ran the first time); see {@link RawRepl.execOwn}.
   * Never for user code, whose SyntaxError is real.
   */
  execOwn(code: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return this.running(() => this.repl.execOwn(code, opts))
  }

  /** Queues an exec, marked as running code (which {@link interrupt} may stop) while it lasts. */
  private running(fn: () => Promise<ExecResult>): Promise<ExecResult> {
    return this.op(async () => {
      this.execRunning = true
      try {
        return await fn()
      } finally {
        this.execRunning = false
      }
    })
  }

  /**
   * Evaluates a Python expression and returns its value, parsed from `repr()` (no json module
   * needed): str, int, float, bool, None, bytes (as Uint8Array), tuples/lists and dicts. Device
   * exceptions throw with their code and words. `setup` runs first (imports).
   */
  evalJson(expr: string, setup = ''): Promise<PyValue> {
    return this.op(async () => {
      const r = await this.repl.execOwn(`${setup}\nprint(repr(${expr}))\n`)
      if (r.stderr) throw deviceError(r.stderr, 'evaluating on the device')
      try {
        return parsePythonRepr(r.stdout.trim())
      } catch (e) {
        throw new CodedError('PROTOCOL_ERROR', (e as Error).message)
      }
    })
  }

  /** Lists a directory (one level). */
  listDir(path = '/'): Promise<DeviceEntry[]> {
    return this.op(() => this.fileOps.listDir(path))
  }

  /** Lists everything under `path`, recursively where the device has folders. */
  listTree(path = '/'): Promise<DeviceEntry[]> {
    return this.op(() => this.fileOps.listTree(path))
  }

  /** Reads a whole file as bytes. */
  readFile(path: string): Promise<Uint8Array> {
    return this.op(() => this.fileOps.readFile(path))
  }

  /** Writes a file: binary-safe, old or new whatever happens, checked on the device (see {@link DeviceFiles.writeFile}). */
  writeFile(path: string, data: Uint8Array, opts: WriteOptions = {}): Promise<WriteReport> {
    return this.op(() => this.fileOps.writeFile(path, data, opts))
  }

  /** Writes many files through the same writer, several per exec where they fit (see {@link DeviceWriter.write}). */
  writeFiles(files: readonly WriteItem[], progress: WriteProgress = {}): Promise<void> {
    return this.op(() => this.fileOps.writer.write(files, progress))
  }

  /** Deletes a file (or, with `recursive`, a folder tree). */
  remove(path: string, recursive = false): Promise<void> {
    return this.op(() => this.fileOps.remove(path, recursive))
  }

  /** Creates a folder (`parents` like mkdir -p). `DEVICE_UNSUPPORTED` on flat filesystems. */
  mkdir(path: string, parents = false): Promise<void> {
    return this.op(() => this.fileOps.mkdir(path, parents))
  }

  /** Renames a file or folder. `DEVICE_UNSUPPORTED` without os.rename. */
  rename(from: string, to: string): Promise<void> {
    return this.op(() => this.fileOps.rename(from, to))
  }

  /** Kind and size of a path, or null. */
  stat(path: string): Promise<{ kind: 'file' | 'dir'; size: number } | null> {
    return this.op(() => this.fileOps.stat(path))
  }


  /**
   * Stops running code: Ctrl-C is written at once (not queued) when an exec is running, so the
   * running operation ends with its KeyboardInterrupt traceback. When idle, interrupts through the
   * queue and waits for a prompt.
   */
  async interrupt(): Promise<void> {
    if (this.execRunning || this.replTap) {
      await this.transport.write(Uint8Array.of(0x03))
      return
    }
    await this.op(() => this.repl.interrupt())
  }

  /** Soft reset for a clean VM (stays in raw REPL). */
  softReset(): Promise<void> {
    return this.op(() => this.repl.softReset())
  }

  /**
   * Friendly-REPL passthrough for a terminal: leaves the raw REPL and forwards every received byte
   * to `onData` until {@link stopRepl}. Other operations still work: they pause the passthrough.
   */
  startRepl(onData: (data: Uint8Array) => void): Promise<void> {
    return this.queue.run(async () => {
      await this.repl.ensureRaw()
      this.transport.takeBuffered()
      await this.repl.exitRawRepl()
      this.replTap = onData
      this.transport.setTap(onData)
      onData(Buffer.from('>>> '))
    }).catch((e: unknown) => {
      throw toCodedError(e)
    })
  }

  /** True while the friendly-REPL passthrough is on. */
  get replActive(): boolean {
    return this.replTap !== undefined
  }

  /** Sends keystrokes to the friendly REPL (only while passthrough is on). */
  async writeRepl(data: Uint8Array | string): Promise<void> {
    if (!this.replTap) throw new CodedError('DEVICE_BUSY', 'the REPL console is not open')
    await this.transport.write(data)
  }

  /** Ends the passthrough; the next operation re-enters the raw REPL. */
  stopRepl(): void {
    if (!this.replTap) return
    this.replTap = undefined
    this.transport.setTap(undefined)
    this.repl.markUnknown()
  }

  /**
   * Leaves the device as a user expects (friendly REPL) and closes the link. Pending operations
   * reject with `NOT_CONNECTED`.
   */
  async close(): Promise<void> {
    this.stopRepl()
    if (!this.transport.closed && !this.queue.busy) {
      await this.repl.exitRawRepl().catch(() => undefined)
    }
    await this.transport.close()
  }
}
