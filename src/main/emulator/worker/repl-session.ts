/**
 * The virtual badge's far end: MicroPython's own event-driven REPL (`replInit` /
 * `replProcessChar`) fed from the serial input ring, with output posted back as serial bytes.
 *
 * - Raw-paste (`Ctrl-E A Ctrl-A` at the start of a raw-REPL line) is done here, as pyexec.c does
 *   it, because the wasm REPL's own would block: `R\x01`, the window size and a first `\x01`
 *   (two windows granted), a `\x01` per window received, `\x04` when the client's `\x04` ends
 *   the data; the code then runs in the REPL's globals and the result is framed as a raw exec's
 *   (stdout `\x04` traceback `\x04>`, SystemExit a soft reset).
 * - Ctrl-C while code runs becomes a KeyboardInterrupt at the next clock read, sleep, poll or
 *   frame; a loop that does none of these can only be stopped by closing the port.
 * - Soft reset (Ctrl-D at an empty prompt) ends this worker; the binding starts a fresh one
 *   (in raw mode when the reset came from the raw REPL), as the badge reboots its VM.
 * - A loop handed to `_bw_drive` by a raw-paste exec (the IDE's run wrapper does) is stepped from
 *   here, one call per frame, so its garbage is reclaimed every frame as on the badge and the
 *   badge's heap budget holds (MemoryError past it); the exec ends when the loop does.
 * - Files persist on the host as they are written (flash-mirror.ts), so another connection, or
 *   a tool reading the flash folder, sees what this one wrote.
 */
import { ByteRing, SLOT } from '../control-block'
import type { BadgeClock } from '../clock'
import type { WorkerConfig, WorkerMessage } from '../messages'
import { bootInterpreter } from './boot-interpreter'
import { takeConsumedCtrlC } from './interpreter'
import { OutputBuffer } from './output-buffer'
import { RebootSignal } from './signals'

const CTRL_A = 1
const CTRL_B = 2
const CTRL_C = 3
const CTRL_D = 4
const CTRL_E = 5

/** Raw-paste flow-control window: bytes a client may send before it waits for the next \x01. */
export const RAW_PASTE_WINDOW = 16384

/** Runs the REPL until the port closes (exit 'stopped') or a soft reset (exit 'soft-reset'). */
export async function runReplSession(
  cfg: WorkerConfig,
  clock: BadgeClock,
  post: (m: WorkerMessage, t?: Transferable[]) => void,
): Promise<void> {
  const ring = new ByteRing(cfg.stdin!)
  let muted = false
  let execStarting = false
  const serial = new OutputBuffer((data) => {
    if (!muted) post({ type: 'serial', data }, [data.buffer])
  }, { crlf: true, flushAtNewline: true })
  const { mp, mirror, host } = await bootInterpreter(
    cfg,
    clock,
    {
      stdout: (b) => {
        serial.push(b)
        // "OK" starts a raw-REPL exec: send it now, the code may run (and block this worker) for long.
        if (execStarting && b === 0x4b) {
          execStarting = false
          serial.flush()
        }
      },
      stderr: (b) => serial.push(b),
      stdin: () => {
        serial.flush()
        const b = ring.readByte()
        return b < 0 ? null : b
      },
      flush: () => serial.flush(),
    },
    post,
  )

  // The platform is imported at boot, as the badge's firmware has it (frozen), and only what comes
  // after counts against the badge's heap: the same baseline as a run boot (_bw_boot).
  mp.runPython('import _bw_boot')
  const boot = mp.pyimport('_bw_boot') as { prepare(): void; measure_baseline(): void }
  boot.prepare()
  boot.measure_baseline()
  let raw = false
  muted = cfg.startRaw
  mp.replInit()
  serial.flush()
  muted = false
  if (cfg.startRaw) {
    mp.replProcessChar(CTRL_A)
    raw = true
  }
  Atomics.store(cfg.ctrl, SLOT.REPL_RAW, raw ? 1 : 0)
  serial.flush()
  post({ type: 'ready', bootMs: clock.realMs() })

  // Raw-REPL line tracking, to recognise the raw-paste probe at the start of a line.
  let lineLen = 0
  let pendingProbe: number[] = []
  const feed = (b: number): boolean => {
    const r = mp.replProcessChar(b)
    if (r !== 0) return true
    return false
  }
  /** Protocol bytes of raw-paste mode, sent at once (no newline translation applies to them). */
  const sendRaw = (bytes: number[]): void => {
    serial.flush()
    post({ type: 'serial', data: new Uint8Array(bytes) })
  }
  /** Raw-paste data so far (null outside raw-paste mode), and its length. */
  let paste: Uint8Array[] | null = null
  let pasted = 0
  const isControl = (c: number): boolean => c === CTRL_C || c === CTRL_D
  const ringHead = new Int32Array(cfg.stdin!, 0, 3)
  const drive = mp.pyimport('_bw_drive') as { step(): number }
  try {
    serve()
  } catch (e) {
    // machine.reset(): the badge reboots (the link drops, as over USB); files written so far stay.
    if (!(e instanceof RebootSignal)) throw e
    serial.flush()
    mirror.flushOpen()
    post({ type: 'exit', reason: 'reboot', frames: host.state.frames })
  }

  /**
   * Steps a loop a raw-paste exec handed to `_bw_drive` (see wasm/python/_bw_drive.py), one call
   * per frame, so that the garbage of each frame is reclaimed as on the badge; its end or error is
   * the exec's. A closed port ends it as it ends a running exec.
   */
  function stepLoop(ended: (e: unknown) => void): void {
    host.state.stepping = true
    try {
      while (!Atomics.load(ringHead, 2) && drive.step()) {
        /* one frame per call */
      }
    } catch (e) {
      ended(e)
    } finally {
      host.state.stepping = false
    }
  }

  /** The REPL loop: bytes from the ring until the port closes or a soft reset. */
  function serve(): void {
    for (;;) {
      if (ring.available() === 0) {
        serial.flush()
        if (Atomics.load(ringHead, 2)) break // port closed
      }
      const b = ring.readByte(500)
      if (b < 0) {
        if (Atomics.load(ringHead, 2)) break
        continue
      }
      if (b === CTRL_C && takeConsumedCtrlC()) continue
      if (b === CTRL_C) Atomics.compareExchange(cfg.ctrl, SLOT.STOP, 2, 0)
      let reset = false
      if (paste && b === CTRL_C) {
        // Ctrl-C ends the paste as the badge's stdin reader does: the end marker, then the
        // KeyboardInterrupt it raises, framed as an exec's error (a client that gave up mid-paste
        // interrupts; before, the bytes were taken as code and the REPL waited for the rest).
        sendRaw([CTRL_D])
        paste = null
        for (const c of Buffer.from('\x04KeyboardInterrupt: \r\n\x04>')) serial.push(c)
        serial.flush()
        lineLen = 0
        continue
      }
      if (paste) {
        if (b !== CTRL_D) {
          // What else has arrived, up to the window's end, goes in one piece: a byte at a time
          // cost more than the link.
          const more = ring.take(RAW_PASTE_WINDOW - 1 - (pasted % RAW_PASTE_WINDOW), isControl)
          paste.push(Uint8Array.of(b), more)
          pasted += 1 + more.length
          if (pasted % RAW_PASTE_WINDOW === 0) sendRaw([0x01])
          continue
        }
        // End of data: acknowledge, run it, then frame the result as the raw REPL does.
        sendRaw([CTRL_D])
        const code = Buffer.concat(paste).toString('utf8')
        paste = null
        let err = ''
        const ended = (e: unknown): void => {
          if ((e as { name?: string }).name !== 'PythonError') throw e
          // SystemExit is a soft reset in the raw REPL (pyexec's forced exit), as on the badge.
          if ((e as { type?: string }).type === 'SystemExit') reset = true
          else err = String((e as Error).message)
        }
        host.state.handoffOpen = true
        try {
          mp.runPython(code)
        } catch (e) {
          if ((e as { type?: string }).type === 'DriveHandoff' && !host.state.handoffOpen) stepLoop(ended)
          else ended(e)
        } finally {
          host.state.handoffOpen = false
        }
        // SystemExit: both end markers, then the soft reboot instead of the prompt (pyexec.c).
        for (const c of Buffer.from(reset ? '\x04\x04' : `\x04${err}\x04>`)) serial.push(c)
        serial.flush()
        lineLen = 0
      } else if (raw && pendingProbe.length > 0) {
        pendingProbe.push(b)
        if (pendingProbe.length === 2 && b !== 0x41) {
          for (const p of pendingProbe) reset ||= feed(p)
          pendingProbe = []
        } else if (pendingProbe.length === 3) {
          if (b === CTRL_A) {
            // Ctrl-E A Ctrl-A: raw-paste mode; the window size (16-bit little-endian) and a \x01
            // grant a first two windows, as mp_reader_new_stdin does.
            sendRaw([0x52, 0x01, RAW_PASTE_WINDOW & 0xff, RAW_PASTE_WINDOW >> 8, 0x01])
            paste = []
            pasted = 0
          } else for (const p of pendingProbe) reset ||= feed(p)
          pendingProbe = []
          lineLen = 0
        }
      } else if (raw && lineLen === 0 && b === CTRL_E) {
        pendingProbe = [b]
      } else {
        execStarting = raw && b === CTRL_D
        reset = feed(b)
        execStarting = false
        if (b === CTRL_A && !raw) raw = true
        else if (b === CTRL_B && raw) raw = false
        Atomics.store(cfg.ctrl, SLOT.REPL_RAW, raw ? 1 : 0)
        if (b === CTRL_D || b === CTRL_A || b === CTRL_B || b === CTRL_C) lineLen = 0
        else lineLen++
      }
      if (reset) {
        mirror.flushOpen()
        for (const c of Buffer.from('MPY: soft reboot\r\n')) serial.push(c)
        serial.flush()
        post({ type: 'exit', reason: 'soft-reset', frames: host.state.frames, next: raw ? 'raw' : 'friendly' })
        return
      }
    }
    mirror.flushOpen()
    post({ type: 'exit', reason: 'stopped', frames: host.state.frames })
  }
}
