/**
 * MicroPython's raw REPL, spoken over a {@link SerialTransport}. Each step sends one thing and waits
 * for one named reply with a timeout (mpremote's pyboard.py is the reference). Raw-paste mode is
 * tried once per connection and the answer remembered.
 */
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import {
  CTRL,
  ENTER_RAW_BYTES,
  ExecReplyParser,
  FRIENDLY_PROMPT,
  INTERRUPT_BYTES,
  RAW_BANNER,
  RAW_OK,
  RAW_PASTE_REQUEST,
  RAW_PROMPT,
  SOFT_REBOOT,
  parseDeviceException,
  parseRawPasteReply,
  type DeviceException,
} from '../../../shared/protocol/raw-repl-codec'
import { Utf8Stream } from '../../../shared/protocol/utf8-stream'
import { COLLECT_GARBAGE } from './heap-room'
import { pasteModeExec, pasteable } from './paste-mode'
import type { SerialTransport } from './serial-transport'

/** Timeouts (ms) of each protocol step. Tests and slow links may raise them. */
export interface RawReplTimeouts {
  /** Waiting for a prompt after Ctrl-C. */
  interrupt: number
  /** Waiting for the raw banner after Ctrl-A. */
  enterRaw: number
  /** Waiting for `OK` / raw-paste replies. */
  handshake: number
  /** Default idle timeout of exec output (restarts with every byte). */
  exec: number
  /** Soft reset (boot.py may run). */
  softReset: number
}

/** Defaults of {@link RawReplTimeouts}. */
export const DEFAULT_TIMEOUTS: RawReplTimeouts = { interrupt: 1000, enterRaw: 1500, handshake: 2000, exec: 10_000, softReset: 5000 }

/** Options of {@link RawRepl}. */
export interface RawReplOptions {
  timeouts?: Partial<RawReplTimeouts>
  /** Plain raw mode: bytes per write and pause between writes (mpremote: 256 B / 10 ms). */
  plainChunkSize?: number
  plainChunkDelayMs?: number
  /** Set false to never try raw-paste (the benchmark's baseline). Default true. */
  useRawPaste?: boolean
}

/** Options of one exec. */
export interface ExecOptions {
  /** Called with stdout text as it arrives (UTF-8 decoded across reads). */
  onStdout?: (text: string) => void
  /** Called with stderr text (tracebacks) as it arrives. */
  onStderr?: (text: string) => void
  /** Called with raw stdout bytes as they arrive (for binary protocols such as the file receiver). */
  onStdoutBytes?: (data: Uint8Array) => void
  /** Idle timeout of the output in ms (restarts with every byte); `Infinity` for a running app. */
  timeoutMs?: number
}

/** What an exec produced. */
export interface ExecResult {
  stdout: string
  stderr: string
  /** The raw stdout bytes. */
  stdoutBytes: Uint8Array
  /** The exception the device raised, parsed from stderr. */
  exception?: DeviceException
}

/** Where the REPL is, as far as the client knows. */
export type ReplMode = 'unknown' | 'raw' | 'friendly'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** How often {@link RawRepl.execOwn} sends damaged code again (a loaded host can damage a resend too). */
const OWN_CODE_RESENDS = 3
/** Above this share of damaged plain sends, own code goes echoed first (see {@link RawRepl.setEchoedPaste}). */
const ECHOED_ABOVE_LOSS_RATE = 0.35

/**
 * A reply that says our own code arrived damaged: it did not compile, or it named something that does
 * not exist in the sent code itself (`_w(x)` for `_w(_x)`; a NameError inside a helper, a `<string>`
 * frame, is real). Own code is written so that such a failure comes before any effect, or the
 * effect is verified afterwards.
 */
export function isDamagedReply(r: ExecResult): boolean {
  const e = r.exception
  if (!e) return false
  return /^(SyntaxError|IndentationError)$/.test(e.type) || (e.type === 'NameError' && !r.stderr.includes('"<string>"'))
}

/** The device could not compile the code for want of heap (so none of it ran). */
function isParserOutOfMemory(r: ExecResult): boolean {
  return r.exception?.type === 'MemoryError' && /parser|compile/i.test(r.exception.message ?? '')
}

/** The code's Ctrl-D or `OK` went missing: the device never started it. */
function isLostCode(e: unknown): boolean {
  if (!isCodedError(e)) return false
  return (e.code === 'DEVICE_TIMEOUT' && /OK after code/.test(e.detail ?? '')) || (e.code === 'PROTOCOL_ERROR' && /could not exec code/.test(e.detail ?? e.message))
}

/** A raw-REPL client over one transport. Not re-entrant: callers serialise (the session queue does). */
export class RawRepl {
  readonly timeouts: RawReplTimeouts
  private plainChunkSize: number
  private plainChunkDelayMs: number
  /** undefined until the first raw-paste attempt; then whether the device supports it. */
  private rawPaste: boolean | undefined
  /** Window the device announced for raw-paste. */
  private rawPasteWindow = 0
  private modeNow: ReplMode = 'unknown'
  private lostCtrlDWaitMs = 0
  /** The device's drain time per byte (ms) assumed before any `OK` was timed. */
  private drainMsPerByte = 0
  /** Recent burst-to-`OK` times per byte (ms): their median is the device's usual drain time. */
  private readonly drainSamples: number[] = []
  /** Errors after which the device is known to wait at the raw prompt (no resynchronisation needed). */
  private readonly inSync = new WeakSet<object>()
  /** True while {@link execOwn} runs: its code reads no stdin, so a stray Ctrl-A cannot hurt it. */
  private ownCode = false
  /** Unechoed bytes allowed in flight in paste mode; 0 while own code never goes that way. */
  private pasteWindow = 0
  /** Share of recent plain raw sends of own code that arrived damaged or lost (moving average). */
  private rawLossRate = 0
  /** Own-code runs since plain raw mode was last tried while paste mode was preferred. */
  private sincePlainTry = 0

  constructor(
    /** The link. */
    readonly transport: SerialTransport,
    opts: RawReplOptions = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
    this.plainChunkSize = opts.plainChunkSize ?? 256
    this.plainChunkDelayMs = opts.plainChunkDelayMs ?? 10
    if (opts.useRawPaste === false) this.rawPaste = false
  }

  /**
   * Sets plain-raw-mode pacing. A UART link without flow control (micro:bit) drops what its small
   * receive ring cannot hold, so it needs smaller bursts than USB CDC.
   */
  setPlainPacing(chunkSize: number, delayMs: number): void {
    this.plainChunkSize = chunkSize
    this.plainChunkDelayMs = delayMs
  }

  /**
   * How long own code ({@link execOwn}) waits for `OK` before concluding its Ctrl-D was lost
   * (0: the full handshake timeout): `ms`, plus twice what the last burst takes to drain,
   * starting from `drainBytesPerMs` and then learned from the device's answers. For links without
   * flow control, where the end of a burst is what a full receive ring drops, and where `OK`
   * otherwise comes within milliseconds. Guessing "lost" for a device that was only slow costs one
   * Ctrl-A and its banner (the reply is kept), so the wait can be short.
   */
  setLostCtrlDWait(ms: number, drainBytesPerMs = Infinity): void {
    this.lostCtrlDWaitMs = ms
    this.drainMsPerByte = 1 / drainBytesPerMs
    this.drainSamples.length = 0
  }

  /** The device's usual drain time per byte (ms): the median of recent samples, else the assumption. */
  private get usualDrainMsPerByte(): number {
    const n = this.drainSamples.length
    if (n < 3) return this.drainMsPerByte
    return [...this.drainSamples].sort((a, b) => a - b)[n >> 1]!
  }

  /**
   * Lets own code ({@link execOwn}) travel through the friendly REPL's paste mode, paced by the
   * device's echo with at most `window` bytes in flight, wherever plain raw mode drops bytes: for
   * every resend of damaged code, and for all own code while more than a third of plain sends
   * arrives damaged. For firmware without raw-paste on a UART (no flow control); 0 turns it off.
   */
  setEchoedPaste(window: number): void {
    this.pasteWindow = window
  }

  /** The recent share of plain raw sends of own code that came through damaged or lost. */
  get plainLossRate(): number {
    return this.rawLossRate
  }

  /** True while own code goes through echo-paced paste mode first (plain sends keep arriving damaged). */
  get prefersEchoedPaste(): boolean {
    return this.pasteWindow > 0 && this.rawPaste === false && this.rawLossRate > ECHOED_ABOVE_LOSS_RATE
  }

  /** Current plain-raw-mode pacing. */
  get plainPacing(): { chunkSize: number; delayMs: number } {
    return { chunkSize: this.plainChunkSize, delayMs: this.plainChunkDelayMs }
  }

  /** The REPL mode as last seen. */
  get mode(): ReplMode {
    return this.modeNow
  }

  /** Raw-paste support: true/false once tried on this connection, undefined before. */
  get rawPasteSupported(): boolean | undefined {
    return this.rawPaste
  }

  /** The raw-paste flow-control window the device announced (0 when unknown or unsupported). */
  get rawPasteWindowSize(): number {
    return this.rawPasteWindow
  }

  /**
   * Sends CR + Ctrl-C and waits for a prompt (friendly `>>> `, or the end of an interrupted raw
   * exec). An idle raw REPL answers nothing, so a quiet line also counts as stopped. Retries twice;
   * rejects with `DEVICE_TIMEOUT` when output keeps coming without a prompt.
   */
  async interrupt(): Promise<void> {
    const t = this.transport
    for (let attempt = 0; attempt < 3; attempt++) {
      t.takeBuffered()
      await t.write(INTERRUPT_BYTES)
      let heard = false
      try {
        await t.waitFor(
          (b) => {
            if (b.length) heard = true
            const s = b.toString('latin1')
            for (const p of [FRIENDLY_PROMPT, '\x04>', RAW_BANNER + RAW_PROMPT]) {
              const i = s.lastIndexOf(p)
              if (i >= 0) return i + p.length
            }
            return undefined
          },
          this.timeouts.interrupt,
          'prompt after Ctrl-C',
          true,
        )
        await t.drain(50, 300)
        this.modeNow = 'unknown'
        return
      } catch (e) {
        if ((e as CodedError).code !== 'DEVICE_TIMEOUT') throw e
        if (!heard) {
          this.modeNow = 'unknown'
          return
        }
      }
    }
    throw new CodedError('DEVICE_TIMEOUT', 'the device kept sending output after three Ctrl-C and showed no prompt')
  }

  /** Sends CR + Ctrl-A and waits for the raw banner and prompt. Rejects with `RAW_REPL_FAILED`. */
  async enterRawRepl(): Promise<void> {
    const t = this.transport
    let last: unknown
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await t.write(ENTER_RAW_BYTES)
        await t.readUntil(RAW_BANNER + RAW_PROMPT, this.timeouts.enterRaw, 'raw REPL banner')
        // Anything after the prompt is stale noise from before; the device is waiting for us now.
        t.takeBuffered()
        this.modeNow = 'raw'
        return
      } catch (e) {
        last = e
        if ((e as CodedError).code !== 'DEVICE_TIMEOUT') throw e
        await this.interrupt()
      }
    }
    throw new CodedError('RAW_REPL_FAILED', (last as CodedError).detail ?? String(last))
  }

  /** Interrupts whatever runs and enters the raw REPL, unless already there. */
  async ensureRaw(): Promise<void> {
    if (this.modeNow === 'raw') return
    // From our own paste-mode runs the friendly prompt is waiting: Ctrl-A alone is enough.
    if (this.modeNow !== 'friendly') await this.interrupt()
    await this.enterRawRepl()
  }

  /**
   * Asks for raw-paste mode and reads the answer. Returns the window when supported; otherwise
   * remembers the fallback for this connection (after reading away the banner old firmware repeats).
   */
  private async rawPasteRequest(): Promise<number | undefined> {
    const t = this.transport
    await t.write(RAW_PASTE_REQUEST)
    const head = await t.waitFor((b) => (parseRawPasteReply(b) ? (b[0] === 0x52 && b[1] === 1 ? 4 : 2) : undefined), this.timeouts.handshake, 'raw-paste reply')
    const reply = parseRawPasteReply(head)!
    if (reply.kind === 'supported') {
      this.rawPaste = true
      this.rawPasteWindow = reply.window
      return reply.window
    }
    this.rawPaste = false
    if (reply.kind === 'legacy') {
      // Old firmware took our Ctrl-A as "re-enter raw REPL" and printed the banner again.
      await t.readUntil(RAW_BANNER.slice(2) + RAW_PROMPT, this.timeouts.handshake, 'raw banner after refused raw-paste')
    }
    return undefined
  }

  /**
   * Sends `code` in raw-paste mode within the announced window: waits for a `01` grant whenever the
   * window is used up, and ends with `04`, waiting for the device's `04`. A `04` from the device
   * mid-way means it aborted (a compile error), answered with `04`.
   */
  async rawPasteWrite(code: Uint8Array, window: number): Promise<void> {
    const t = this.transport
    let remain = window
    let i = 0
    while (i < code.length) {
      while (remain === 0 || t.buffered > 0) {
        const b = (await t.readExactly(1, this.timeouts.handshake, 'raw-paste flow control'))[0]
        if (b === 0x01) remain += window
        else if (b === CTRL.D) {
          await t.write(Uint8Array.of(CTRL.D))
          return
        } else throw new CodedError('PROTOCOL_ERROR', `unexpected byte 0x${b!.toString(16)} during raw-paste`)
      }
      const n = Math.min(remain, code.length - i)
      await t.write(code.subarray(i, i + n))
      remain -= n
      i += n
    }
    await t.write(Uint8Array.of(CTRL.D))
    // Window grants may still arrive before the end-of-data acknowledgement.
    await t.waitFor(
      (b) => {
        const k = b.indexOf(CTRL.D)
        return k < 0 ? undefined : k + 1
      },
      this.timeouts.exec,
      'end of raw-paste data',
    )
  }

  /** Sends `code` in plain raw mode (fixed chunks with pauses) and waits for `OK`. */
  async plainRawWrite(code: Uint8Array): Promise<void> {
    const t = this.transport
    let burstStart = 0
    for (let i = 0; i < code.length; i += this.plainChunkSize) {
      burstStart = performance.now()
      await t.write(code.subarray(i, i + this.plainChunkSize))
      if (i + this.plainChunkSize < code.length && this.plainChunkDelayMs > 0) await sleep(this.plainChunkDelayMs)
    }
    await t.write(Uint8Array.of(CTRL.D))
    const quick = this.ownCode && this.lostCtrlDWaitMs > 0
    const lastBurst = ((code.length - 1) % this.plainChunkSize) + 2
    const quickMs = Math.ceil(this.lostCtrlDWaitMs + 2 * lastBurst * this.usualDrainMsPerByte)
    let reply: Uint8Array
    try {
      reply = await t.readExactly(2, quick ? quickMs : this.timeouts.handshake, 'OK after code')
      if (quick) {
        this.drainSamples.push((performance.now() - burstStart) / lastBurst)
        if (this.drainSamples.length > 15) this.drainSamples.shift()
      }
    } catch (e) {
      if (quick && isCodedError(e) && e.code === 'DEVICE_TIMEOUT') return this.recoverLostCtrlD(quickMs)
      // The device may still be collecting a line that lost its Ctrl-D: resynchronise next time.
      this.modeNow = 'unknown'
      throw e
    }
    const s = Buffer.from(reply).toString('latin1')
    if (s !== RAW_OK) {
      this.modeNow = 'unknown'
      throw new CodedError('PROTOCOL_ERROR', `could not exec code (device answered "${s}")`)
    }
  }

  /**
   * No `OK` in time: the Ctrl-D was lost and the device still collects the line, or the device is
   * slow. Ctrl-A settles both: while collecting, it discards the line and prints the raw banner;
   * a running program never reads it (own code reads no stdin), so the banner follows the program's
   * reply, which is put back for the caller to read as usual.
   */
  private async recoverLostCtrlD(waitedMs: number): Promise<void> {
    const t = this.transport
    await t.write(Uint8Array.of(CTRL.A))
    let got: Uint8Array
    try {
      got = await t.readUntil(RAW_BANNER + RAW_PROMPT, Math.max(this.timeouts.handshake, this.timeouts.exec), 'raw banner after a lost Ctrl-D')
    } catch (e) {
      this.modeNow = 'unknown'
      throw e
    }
    this.modeNow = 'raw'
    const before = got.subarray(0, got.length - (RAW_BANNER.length + RAW_PROMPT.length))
    if (Buffer.from(before.subarray(0, 2)).toString('latin1') === RAW_OK) {
      t.unread(before.subarray(2))
      return
    }
    const e = new CodedError('DEVICE_TIMEOUT', `no OK after code within ${waitedMs} ms: its Ctrl-D was lost and the line discarded`)
    this.inSync.add(e)
    throw e
  }

  /** Sends code for execution: raw-paste when the device supports it, plain raw otherwise. */
  async sendCode(code: string | Uint8Array): Promise<void> {
    const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code
    await this.ensureRaw()
    try {
      if (this.rawPaste !== false) {
        const window = await this.rawPasteRequest()
        if (window !== undefined) return await this.rawPasteWrite(bytes, window)
      }
      return await this.plainRawWrite(bytes)
    } catch (e) {
      if (!this.inSync.has(e as object)) this.modeNow = 'unknown'
      throw e
    }
  }

  /**
   * Reads an exec reply (stdout `04` stderr `04` `>`), streaming both to the callbacks. Use after
   * {@link sendCode}; {@link exec} does both.
   */
  async readExecReply(opts: ExecOptions = {}): Promise<ExecResult> {
    const t = this.transport
    const out: Uint8Array[] = []
    const err: Uint8Array[] = []
    const outText = new Utf8Stream()
    const errText = new Utf8Stream()
    let stdout = ''
    let stderr = ''
    const parser = new ExecReplyParser({
      stdout: (d) => {
        out.push(Uint8Array.from(d))
        opts.onStdoutBytes?.(d)
        const s = outText.push(d)
        stdout += s
        if (s) opts.onStdout?.(s)
      },
      stderr: (d) => {
        err.push(Uint8Array.from(d))
        const s = errText.push(d)
        stderr += s
        if (s) opts.onStderr?.(s)
      },
    })
    const timeout = opts.timeoutMs ?? this.timeouts.exec
    try {
      while (!parser.done) {
        const chunk = await t.readSome(timeout, 'output from the running code')
        let used: number
        try {
          used = parser.feed(chunk)
        } catch (e) {
          throw new CodedError('PROTOCOL_ERROR', (e as Error).message)
        }
        if (used < chunk.length) t.unread(chunk.subarray(used))
      }
    } catch (e) {
      // Mid-reply the device state is unknown; the next step re-synchronises with Ctrl-C.
      this.modeNow = 'unknown'
      throw e
    }
    const tailOut = outText.end()
    const tailErr = errText.end()
    if (tailOut) opts.onStdout?.(tailOut)
    if (tailErr) opts.onStderr?.(tailErr)
    stdout += tailOut
    stderr += tailErr
    const result: ExecResult = { stdout, stderr, stdoutBytes: Buffer.concat(out) }
    if (stderr) {
      const ex = parseDeviceException(stderr)
      if (ex) result.exception = ex
    }
    return result
  }

  /** Runs `code` in the raw REPL and returns its output; device exceptions are in the result, not thrown. */
  async exec(code: string | Uint8Array, opts: ExecOptions = {}): Promise<ExecResult> {
    await this.sendCode(code)
    return this.readExecReply(opts)
  }

  /**
   * Runs code of ours, never the user's. On a link without flow control, code that arrives damaged
   * fails to compile (SyntaxError / IndentationError) or loses its Ctrl-D (no `OK`): nothing ran
   * either way, so it is sent again (at most three times), through echo-paced paste mode where
   * allowed ({@link setEchoedPaste}), else in bursts a small receive ring takes; code that found no
   * heap to compile in is sent again after a collection. A user's SyntaxError is real, which is why
   * user code goes through {@link exec}.
   */
  async execOwn(code: string | Uint8Array, opts: ExecOptions = {}): Promise<ExecResult> {
    const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code
    const canEcho = () => this.pasteWindow > 0 && this.rawPaste === false && pasteable(bytes)
    // While plain sends keep getting damaged, own code goes echoed; one run in eight tries plain
    // raw mode again, so a link that got better is noticed.
    const echoedFirst = canEcho() && this.rawLossRate > ECHOED_ABOVE_LOSS_RATE && ++this.sincePlainTry < 8
    if (!echoedFirst) this.sincePlainTry = 0
    const pacing = this.plainPacing
    this.ownCode = true
    try {
      for (let resends = 0; ; resends++) {
        // (A firmware without paste mode turns it off for the connection: see execEchoed.)
        const plain = !canEcho() || (resends === 0 && !echoedFirst)
        // A device that drops input tends to pause again soon after: resends go in bursts that a
        // 64-byte receive ring takes, the first still about as fast as the device drains, later
        // ones slower.
        if (resends === 1) this.setPlainPacing(Math.min(pacing.chunkSize, 48), Math.max(pacing.delayMs, 1))
        if (resends === 2) this.setPlainPacing(Math.min(pacing.chunkSize, 32), Math.max(pacing.delayMs, 2))
        try {
          const r = plain ? await this.exec(bytes, opts) : await this.execEchoed(bytes, opts)
          if (isParserOutOfMemory(r) && resends < OWN_CODE_RESENDS) {
            // Nothing ran: a fragmented small heap had no room to compile. Collect, then again.
            await this.exec(COLLECT_GARBAGE)
            continue
          }
          if (plain && resends === 0) this.notePlainSend(isDamagedReply(r))
          if (!isDamagedReply(r) || resends === OWN_CODE_RESENDS) return r
        } catch (e) {
          if (plain && resends === 0 && isLostCode(e)) this.notePlainSend(true)
          if (!isLostCode(e) || resends === OWN_CODE_RESENDS) throw e
        }
      }
    } finally {
      this.ownCode = false
      this.setPlainPacing(pacing.chunkSize, pacing.delayMs)
    }
  }

  private notePlainSend(damaged: boolean): void {
    this.rawLossRate = 0.85 * this.rawLossRate + (damaged ? 0.15 : 0)
  }

  /**
   * Runs own code through the friendly REPL's paste mode, paced by its echo (see
   * {@link setEchoedPaste}): nothing can be dropped, and the echo proves the code whole before it
   * runs. Output arrives once the run ends. Leaves the friendly prompt waiting; the next raw step
   * returns with Ctrl-A.
   */
  private async execEchoed(code: Uint8Array, opts: ExecOptions): Promise<ExecResult> {
    if (this.modeNow !== 'friendly') {
      await this.ensureRaw()
      await this.exitRawRepl()
    }
    let r: ExecResult
    try {
      r = await pasteModeExec(this.transport, code, {
        window: this.pasteWindow,
        handshakeMs: this.timeouts.handshake,
        outputMs: opts.timeoutMs ?? this.timeouts.exec,
      })
    } catch (e) {
      this.modeNow = 'unknown'
      if (isCodedError(e) && e.code === 'DEVICE_UNSUPPORTED') {
        // No paste mode on this firmware: nothing was sent, so the code can go again in raw mode.
        this.pasteWindow = 0
        throw new CodedError('PROTOCOL_ERROR', 'this firmware has no paste mode; could not exec code')
      }
      throw e
    }
    if (r.stdout) {
      opts.onStdoutBytes?.(r.stdoutBytes)
      opts.onStdout?.(r.stdout)
    }
    if (r.stderr) opts.onStderr?.(r.stderr)
    return r
  }

  /**
   * Soft reset from the raw REPL for a clean VM: Ctrl-D, wait for `soft reboot`, then (boot.py output
   * may come between) the raw banner again.
   */
  async softReset(): Promise<void> {
    const t = this.transport
    await this.ensureRaw()
    await t.write(Uint8Array.of(CTRL.D))
    try {
      await t.readUntil(SOFT_REBOOT, this.timeouts.softReset, 'soft reboot')
      await t.readUntil(RAW_BANNER + RAW_PROMPT, this.timeouts.softReset, 'raw banner after soft reboot')
    } catch (e) {
      this.modeNow = 'unknown'
      throw e
    }
    this.modeNow = 'raw'
  }

  /** Leaves the raw REPL with CR + Ctrl-B and waits for the friendly prompt. */
  async exitRawRepl(): Promise<void> {
    await this.transport.write(Uint8Array.of(0x0d, CTRL.B))
    await this.transport.readUntil(FRIENDLY_PROMPT, this.timeouts.enterRaw, 'friendly prompt')
    this.modeNow = 'friendly'
  }

  /** Marks the REPL as in an unknown state (after the user typed into the friendly REPL, say). */
  markUnknown(): void {
    this.modeNow = 'unknown'
  }
}
