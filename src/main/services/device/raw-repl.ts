/**
 * MicroPython's raw REPL, spoken over a {@link SerialTransport}, as mpremote's pyboard.py does:
 * each step sends one thing and waits for one named reply. Raw-paste is asked for once per
 * connection and the answer remembered. How hard to push the link (pacing, resends) is the
 * {@link LinkPolicy}'s business; failures of the protocol itself are {@link LinkFault}s.
 */
import type { CodedError } from '../../../shared/ipc/result'
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
  type RawPasteReply,
} from '../../../shared/protocol/raw-repl-codec'
import { Utf8Stream } from '../../../shared/protocol/utf8-stream'
import { COLLECT_GARBAGE, LinkFault, PROBE_POLICY, isTimeout, type LinkPolicy } from './link-policy'
import type { SerialTransport } from './serial-transport'

/** Timeouts (ms) of each protocol step. Tests and slow links may raise them. */
export interface RawReplTimeouts {
  /** Waiting for a prompt after Ctrl-C (restarts with every byte). */
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
export const DEFAULT_TIMEOUTS: RawReplTimeouts = { interrupt: 1000, enterRaw: 2000, handshake: 2000, exec: 10_000, softReset: 5000 }

/** Options of {@link RawRepl}. */
export interface RawReplOptions {
  timeouts?: Partial<RawReplTimeouts>
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
  /** The code ended in SystemExit and the device soft-rebooted (a fresh VM, still in the raw REPL). */
  rebooted?: true
}

/** Where the REPL is, as far as the client knows. */
export type ReplMode = 'unknown' | 'raw' | 'friendly'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const BANNER = RAW_BANNER + RAW_PROMPT

/**
 * A reply that says our own code arrived damaged: it did not compile (device-side checks of data
 * and helpers raise SyntaxError too, before anything is written), or the sent code itself named
 * something that does not exist (`xec(_s)` for `exec(_s)`; a NameError inside a helper is real).
 */
export function isDamagedReply(r: ExecResult): boolean {
  const e = r.exception
  if (!e) return false
  return e.type === 'SyntaxError' || e.type === 'IndentationError' || (e.type === 'NameError' && e.file === '<stdin>')
}

/** A raw-REPL client over one transport. Not re-entrant: callers serialise (the session queue does). */
export class RawRepl {
  readonly timeouts: RawReplTimeouts
  /** How hard to push this link; the session sets it once the probe has answered. */
  policy: LinkPolicy = PROBE_POLICY
  /** undefined until the first raw-paste attempt; then whether the device supports it. */
  private rawPaste: boolean | undefined
  private rawPasteWindow = 0
  private modeNow: ReplMode = 'unknown'

  constructor(
    /** The link. */
    readonly transport: SerialTransport,
    opts: RawReplOptions = {},
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
    if (opts.useRawPaste === false) this.rawPaste = false
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
   * exec); an idle raw REPL answers nothing, so a quiet line also counts. What arrives before the
   * raw banner is discarded by {@link enterRawRepl}, so nothing here needs to be exact.
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
            for (const p of [FRIENDLY_PROMPT, '\x04>', BANNER]) {
              const i = s.lastIndexOf(p)
              if (i >= 0) return i + p.length
            }
            return undefined
          },
          this.timeouts.interrupt,
          'prompt after Ctrl-C',
          true,
        )
        this.modeNow = 'unknown'
        return
      } catch (e) {
        if (!isTimeout(e)) throw e
        if (!heard) {
          this.modeNow = 'unknown'
          return
        }
      }
    }
    throw new LinkFault('no-ok', 'the device kept sending output after three Ctrl-C and showed no prompt')
  }

  /**
   * Sends CR + Ctrl-A and waits for the raw banner and prompt; anything before it is stale. A
   * banner from an earlier, slow attempt is skipped later ({@link skipBanners}).
   */
  async enterRawRepl(): Promise<void> {
    const t = this.transport
    let last = ''
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await t.write(ENTER_RAW_BYTES)
        await t.readUntil(BANNER, this.timeouts.enterRaw, 'raw REPL banner')
        this.modeNow = 'raw'
        return
      } catch (e) {
        if (!isTimeout(e)) throw e
        last = (e as CodedError).detail ?? String(e)
        await this.interrupt()
      }
    }
    throw new LinkFault('no-raw-repl', last)
  }

  /** Interrupts whatever runs and enters the raw REPL, unless already there. */
  async ensureRaw(): Promise<void> {
    if (this.modeNow === 'raw') return
    await this.interrupt()
    await this.enterRawRepl()
  }

  /**
   * Waits for `n` reply bytes at the raw prompt, skipping whole raw banners in front of them (an
   * earlier Ctrl-A that was answered late on a slow link).
   */
  private async skipBanners(n: number, what: string): Promise<Buffer> {
    const got = await this.transport.waitFor(
      (b) => {
        let i = 0
        while (b.toString('latin1', i, i + BANNER.length) === BANNER) i += BANNER.length
        const rest = b.toString('latin1', i, i + BANNER.length)
        // A reply that could still become a banner waits for more bytes.
        if (rest.length < n || (rest.length < BANNER.length && BANNER.startsWith(rest))) return undefined
        return i + n
      },
      this.timeouts.handshake,
      what,
    )
    return Buffer.from(got.subarray(got.length - n))
  }

  /** Asks for raw-paste; returns the window when supported, remembering a refusal for the connection. */
  private async rawPasteRequest(): Promise<number | undefined> {
    const t = this.transport
    await t.write(RAW_PASTE_REQUEST)
    const { reply } = await this.rawPasteReply()
    if (reply.kind === 'supported') {
      this.rawPaste = true
      this.rawPasteWindow = reply.window
      return reply.window
    }
    this.rawPaste = false
    // Old firmware took our Ctrl-A as "re-enter raw REPL" and printed the banner again.
    if (reply.kind === 'legacy') await t.readUntil(RAW_BANNER.slice(2) + RAW_PROMPT, this.timeouts.handshake, 'raw banner after refused raw-paste')
    return undefined
  }

  /** Reads the device's answer to a raw-paste request (`R\x01` and the window, or two bytes saying no). */
  private async rawPasteReply(): Promise<{ head: Uint8Array; reply: RawPasteReply }> {
    const head = await this.transport.waitFor((b) => (parseRawPasteReply(b) ? (b[0] === 0x52 && b[1] === 1 ? 4 : 2) : undefined), this.timeouts.handshake, 'raw-paste reply')
    return { head, reply: parseRawPasteReply(head)! }
  }

  /**
   * Sends `code` in raw-paste mode within the announced window: waits for a `01` grant whenever the
   * window is used up and ends with `04`, waiting for the device's `04`. A `04` from the device
   * mid-way means it aborted (a compile error), answered with `04`. `ahead`: the request has not
   * been sent; it goes with the first window of code (and the `04` when that is all of it), and the
   * grant is read after them. The device skips what follows an abort up to our `04`.
   */
  private async rawPasteWrite(code: Uint8Array, window: number, ahead = false): Promise<void> {
    const t = this.transport
    let remain = window
    let i = 0
    if (ahead) {
      i = Math.min(window, code.length)
      const end = i === code.length ? Uint8Array.of(CTRL.D) : new Uint8Array(0)
      await t.write(Buffer.concat([RAW_PASTE_REQUEST, code.subarray(0, i), end]))
      const { head, reply } = await this.rawPasteReply()
      // Only a device that granted raw-paste on this connection gets here: anything else is a different device.
      if (reply.kind !== 'supported' || reply.window !== window) throw new LinkFault('bad-reply', `raw-paste was granted earlier on this connection, now the device answered ${JSON.stringify(Buffer.from(head).toString('latin1'))}`)
      remain = window - i
      if (end.length) return this.endOfPaste()
    }
    while (i < code.length) {
      while (remain === 0 || t.buffered > 0) {
        const b = (await t.readExactly(1, this.timeouts.handshake, 'raw-paste flow control'))[0]
        if (b === 0x01) remain += window
        else if (b === CTRL.D) {
          await t.write(Uint8Array.of(CTRL.D))
          return
        } else throw new LinkFault('bad-reply', `unexpected byte 0x${b!.toString(16)} during raw-paste`)
      }
      const n = Math.min(remain, code.length - i)
      await t.write(code.subarray(i, i + n))
      remain -= n
      i += n
    }
    await t.write(Uint8Array.of(CTRL.D))
    await this.endOfPaste()
  }

  /** Waits for the device's `04` ending raw-paste data (window grants may still come before it). */
  private async endOfPaste(): Promise<void> {
    await this.transport.waitFor((b) => (b.indexOf(CTRL.D) < 0 ? undefined : b.indexOf(CTRL.D) + 1), this.timeouts.exec, 'end of raw-paste data')
  }

  /** Sends `code` in plain raw mode, paced as the policy says, and waits for `OK`. */
  private async plainRawWrite(code: Uint8Array): Promise<void> {
    const t = this.transport
    const { chunkSize, chunkDelayMs } = this.policy
    for (let i = 0; i < code.length; i += chunkSize) {
      await t.write(code.subarray(i, i + chunkSize))
      if (i + chunkSize < code.length && chunkDelayMs > 0) await sleep(chunkDelayMs)
    }
    await t.write(Uint8Array.of(CTRL.D))
    let reply: Buffer
    try {
      reply = await this.skipBanners(2, 'OK after code')
    } catch (e) {
      if (isTimeout(e)) throw new LinkFault('no-ok', `no OK after the code within ${this.timeouts.handshake} ms (${(e as CodedError).detail ?? ''})`)
      throw e
    }
    if (reply.toString('latin1') !== RAW_OK) throw new LinkFault('bad-reply', `could not exec code (device answered ${JSON.stringify(reply.toString('latin1'))})`)
  }

  /** Sends code for execution: raw-paste when the device supports it, plain raw otherwise. */
  async sendCode(code: string | Uint8Array): Promise<void> {
    const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code
    await this.ensureRaw()
    try {
      if (this.rawPaste === true && this.policy.pasteAhead) return await this.rawPasteWrite(bytes, this.rawPasteWindow, true)
      if (this.rawPaste !== false) {
        const window = await this.rawPasteRequest()
        if (window !== undefined) return await this.rawPasteWrite(bytes, window)
      }
      return await this.plainRawWrite(bytes)
    } catch (e) {
      // The device may still be collecting the line: the next step resynchronises.
      this.modeNow = 'unknown'
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
          throw new LinkFault('bad-reply', (e as Error).message)
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
    if (parser.rebooted) result.rebooted = true
    const ex = stderr ? parseDeviceException(stderr) : undefined
    if (ex) result.exception = ex
    return result
  }

  /** Runs `code` in the raw REPL and returns its output; device exceptions are in the result, not thrown. */
  async exec(code: string | Uint8Array, opts: ExecOptions = {}): Promise<ExecResult> {
    await this.sendCode(code)
    return this.readExecReply(opts)
  }

  /**
   * Runs code of ours, never the user's: a copy that arrived damaged (it did not compile, or its
   * Ctrl-D went missing, so nothing ran) goes again, as often as the policy allows; on a small heap,
   * code that hit MemoryError goes again once after a collection, and after a second one the
   * device is soft-reset (its globals are gone: callers that keep helpers there start again). A user's SyntaxError is real,
   * which is why user code goes through {@link exec}.
   */
  async execOwn(code: string | Uint8Array, opts: ExecOptions = {}): Promise<ExecResult> {
    let collected = false
    for (let sent = 0; ; sent++) {
      const last = sent >= this.policy.resends
      let r: ExecResult
      try {
        r = await this.exec(code, opts)
      } catch (e) {
        if (last || !(e instanceof LinkFault && e.kind === 'no-ok')) throw e
        continue
      }
      if (r.exception?.type === 'MemoryError' && this.policy.smallHeap) {
        if (!collected) {
          collected = true
          await this.exec(COLLECT_GARBAGE)
          continue
        }
        // A small heap that a collection did not help is left as a clean VM: fragmented further,
        // it stops even the REPL from reading a line. The caller sees the MemoryError.
        await this.softReset()
        return r
      }
      if (!isDamagedReply(r)) return r
      if (last) throw new LinkFault('damaged', `own code arrived damaged ${sent + 1} times: ${r.exception!.type}: ${r.exception!.message}`)
    }
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
      await t.readUntil(BANNER, this.timeouts.softReset, 'raw banner after soft reboot')
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
