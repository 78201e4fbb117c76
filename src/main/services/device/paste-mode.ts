/**
 * The friendly REPL's paste mode (Ctrl-E … Ctrl-D) used as a lossless channel on a link without flow
 * control. The device echoes every byte it takes from its receive ring, so keeping fewer unechoed
 * bytes in flight than the ring holds means nothing can be dropped, however long the device pauses;
 * and comparing the echo with what was sent proves the code arrived whole before it runs.
 */
import { CodedError } from '../../../shared/ipc/result'
import { CTRL, FRIENDLY_PROMPT, parseDeviceException } from '../../../shared/protocol/raw-repl-codec'
import type { ExecResult } from './raw-repl'
import type { SerialTransport } from './serial-transport'

/** What the device prints on entering paste mode, ending with the continuation prompt. */
export const PASTE_MODE_PROMPT = '=== '

/** Options of {@link pasteModeExec}. */
export interface PasteModeOptions {
  /** Most unechoed bytes in flight: below the device's receive ring (63 usable of 64 on the micro:bit). */
  window: number
  /** Wait for each prompt and each echo (ms). */
  handshakeMs: number
  /** Idle timeout of the output (ms). */
  outputMs: number
}

/** Bytes paste mode treats specially (cancel, finish, and CR, echoed as a new prompt). */
const SPECIAL = new Set([CTRL.C, CTRL.D, 0x0d])

/** True when `code` can travel through paste mode unchanged (no Ctrl-C, Ctrl-D or CR in it). */
export function pasteable(code: Uint8Array): boolean {
  for (const b of code) if (SPECIAL.has(b)) return false
  return true
}

/**
 * Splits what the friendly REPL printed for one run into output and error: a traceback, or a bare
 * `SomeError: …` last line (the parser's MemoryError has no traceback), is the error.
 */
export function splitFriendlyOutput(printed: string): { stdout: string; stderr: string } {
  const text = printed.replace(/\r\n/g, '\n')
  const tb = text.indexOf('Traceback (most recent call last):')
  if (tb >= 0) return { stdout: text.slice(0, tb), stderr: text.slice(tb) }
  const lines = text.split('\n')
  let last = lines.length - 1
  while (last >= 0 && lines[last] === '') last--
  if (last >= 0 && /^[A-Za-z_]\w*(Error|Exception|Interrupt)(: .*)?$/.test(lines[last]!)) {
    const cut = lines.slice(0, last).join('\n')
    return { stdout: cut ? cut + '\n' : '', stderr: lines.slice(last).join('\n') }
  }
  return { stdout: text, stderr: '' }
}

const PROMPT_AFTER_LINE = Buffer.from('\r\n' + FRIENDLY_PROMPT, 'latin1')

/**
 * Where a pasted run's output ends: at a friendly prompt on a line of its own, last in what has
 * arrived. Output lines are reprs and tracebacks, which never hold a raw CR LF, so `>>> ` inside
 * data (a file that shows a REPL session) is not taken for the prompt.
 */
export function runEnd(b: Uint8Array): number | undefined {
  const n = PROMPT_AFTER_LINE.length
  return b.length >= n && Buffer.from(b.subarray(b.length - n)).equals(PROMPT_AFTER_LINE) ? b.length : undefined
}

/** Longest wait for the echo to move on while bytes are in flight (the device pauses for milliseconds). */
const ECHO_IDLE_MS = 300

/** Cancels a paste whose code arrived damaged (nothing runs) and rejects as code that could not run. */
async function cancelPaste(t: SerialTransport, writing: Promise<void>, opts: PasteModeOptions, why: string): Promise<never> {
  await writing
  await t.write(Uint8Array.of(CTRL.C))
  await t.readUntil(FRIENDLY_PROMPT, opts.handshakeMs, 'friendly prompt after a cancelled paste').catch(() => undefined)
  throw new CodedError('PROTOCOL_ERROR', `paste mode: ${why}; could not exec code`)
}

/**
 * Runs `code` through paste mode from the friendly prompt: Ctrl-E, the code paced by its echo, then
 * Ctrl-D; resolves with the run's output once the prompt is back. The code's output must end its
 * lines (print, tracebacks), as own code's does. An echo that differs from the code
 * cancels the paste with Ctrl-C (nothing ran) and rejects with `PROTOCOL_ERROR`; a firmware that
 * does not answer Ctrl-E rejects with `DEVICE_UNSUPPORTED`.
 */
export async function pasteModeExec(t: SerialTransport, code: Uint8Array, opts: PasteModeOptions): Promise<ExecResult> {
  if (!pasteable(code)) throw new CodedError('PROTOCOL_ERROR', 'code with Ctrl-C, Ctrl-D or CR cannot go through paste mode')
  t.takeBuffered()
  await t.write(Uint8Array.of(CTRL.E))
  try {
    await t.readUntil(PASTE_MODE_PROMPT, opts.handshakeMs, 'paste-mode prompt')
  } catch (e) {
    if ((e as CodedError).code !== 'DEVICE_TIMEOUT') throw e
    throw new CodedError('DEVICE_UNSUPPORTED', `no paste mode: Ctrl-E at the friendly prompt was not answered (${(e as CodedError).detail ?? ''})`)
  }
  let sent = 0
  let echoed = 0
  let writing: Promise<void> = Promise.resolve()
  while (echoed < code.length) {
    // Top the window up in bursts of at least a quarter of it: fewer, larger writes.
    if (sent < code.length && sent - echoed <= (opts.window * 3) >> 2) {
      const end = Math.min(code.length, echoed + opts.window)
      writing = t.write(code.subarray(sent, end))
      writing.catch(() => undefined)
      sent = end
    }
    let got: Uint8Array
    try {
      got = await t.readSome(Math.min(opts.handshakeMs, ECHO_IDLE_MS), 'paste-mode echo')
    } catch (e) {
      // The echo stopped short: the link lost what was in flight.
      if ((e as CodedError).code !== 'DEVICE_TIMEOUT') throw e
      return cancelPaste(t, writing, opts, `no echo for ${echoed} of ${code.length} bytes`)
    }
    const n = Math.min(got.length, code.length - echoed)
    if (!Buffer.from(got.subarray(0, n)).equals(Buffer.from(code.subarray(echoed, echoed + n))) || got.length > n) {
      return cancelPaste(t, writing, opts, `the echo differs from the code at byte ${echoed}`)
    }
    echoed += n
  }
  await writing
  await t.write(Uint8Array.of(CTRL.D))
  const printed = await t.waitFor(runEnd, opts.outputMs, 'prompt after the pasted code ran', true)
  // Ending the paste prints CR LF, then comes the output, whose last line ends before the prompt.
  let text = Buffer.from(printed.subarray(0, printed.length - FRIENDLY_PROMPT.length)).toString('utf8')
  if (text.startsWith('\r\n')) text = text.slice(2)
  const { stdout, stderr } = splitFriendlyOutput(text)
  const result: ExecResult = { stdout, stderr, stdoutBytes: Buffer.from(stdout, 'utf8') }
  if (stderr) {
    const ex = parseDeviceException(stderr)
    if (ex) result.exception = ex
  }
  return result
}
