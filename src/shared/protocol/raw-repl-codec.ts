/**
 * The bytes of MicroPython's raw REPL protocol and pure parsers for its replies (mpremote's
 * pyboard.py is the reference). No I/O here: the client in the main process feeds bytes in.
 */
import { parseExceptionLine, parseFrames } from '../traceback'

/** Control characters of the REPL. */
export const CTRL = {
  /** Enter raw REPL. */
  A: 0x01,
  /** Leave raw REPL (back to the friendly REPL). */
  B: 0x02,
  /** Keyboard interrupt. */
  C: 0x03,
  /** End of input in raw REPL; soft reset in the friendly REPL. */
  D: 0x04,
  /** Raw-paste request prefix (`05 41 01`). */
  E: 0x05,
} as const

/** Written after interrupting, before Ctrl-A: a CR ends any half-typed friendly-REPL line. */
export const INTERRUPT_BYTES = Uint8Array.of(0x0d, CTRL.C)
/** Enter raw REPL. */
export const ENTER_RAW_BYTES = Uint8Array.of(0x0d, CTRL.A)
/** Ask for raw-paste mode (after the raw prompt). */
export const RAW_PASTE_REQUEST = Uint8Array.of(CTRL.E, 0x41, CTRL.A)

/** The friendly REPL prompt. */
export const FRIENDLY_PROMPT = '>>> '
/** Banner printed on entering raw REPL; the `>` prompt follows it. */
export const RAW_BANNER = 'raw REPL; CTRL-B to exit\r\n'
/** The prompt ending the raw banner and every exec reply. */
export const RAW_PROMPT = '>'
/** Printed by the firmware at the start of a soft reset. */
export const SOFT_REBOOT = 'soft reboot\r\n'
/** Reply to a compiled exec request in plain raw mode. */
export const RAW_OK = 'OK'

/** The outcome of the raw-paste request, from the first two bytes of the device's reply. */
export type RawPasteReply =
  | { kind: 'supported'; window: number }
  | { kind: 'unsupported' }
  | { kind: 'legacy' }

/**
 * Parses the first bytes after {@link RAW_PASTE_REQUEST}: `R\x01` + u16le window means supported,
 * `R\x00` means understood but refused, anything else (old firmware echoes `ra…` of the banner) is
 * legacy. Returns undefined while more bytes are needed.
 */
export function parseRawPasteReply(bytes: Uint8Array): RawPasteReply | undefined {
  if (bytes.length < 2) return undefined
  if (bytes[0] !== 0x52) return { kind: 'legacy' }
  if (bytes[1] === 0x00) return { kind: 'unsupported' }
  if (bytes[1] !== 0x01) return { kind: 'legacy' }
  if (bytes.length < 4) return undefined
  const window = bytes[2]! | (bytes[3]! << 8)
  return { kind: 'supported', window }
}

/** Events produced by {@link ExecReplyParser}. */
export interface ExecReplyEvents {
  stdout(chunk: Uint8Array): void
  stderr(chunk: Uint8Array): void
}

/**
 * Splits the reply to an exec (after `OK`, or after raw-paste's closing `04`) into stdout and stderr:
 * `stdout 04 stderr 04 >`. Feed bytes as they arrive; `feed` returns how many bytes belonged to the
 * reply, so anything after the final `>` stays with the caller. Code that raised SystemExit ends
 * with a soft reboot instead of the `>` (pyexec's forced exit): `04 04 MPY: soft reboot …` up to the
 * raw banner's prompt, which ends the reply too, with {@link rebooted} set.
 */
export class ExecReplyParser {
  private phase: 'stdout' | 'stderr' | 'prompt' | 'reboot' | 'done' = 'stdout'
  private rebootText = ''
  /** The device soft-rebooted after the code (SystemExit): its globals are gone. */
  rebooted = false

  constructor(private readonly events: ExecReplyEvents) {}

  /** True once the closing prompt has been seen. */
  get done(): boolean {
    return this.phase === 'done'
  }

  /** Consumes bytes of the reply; returns the number consumed (less than `data.length` only when done). */
  feed(data: Uint8Array): number {
    let i = 0
    while (i < data.length && this.phase !== 'done') {
      if (this.phase === 'prompt' && data[i] === 0x3e) {
        i++
        this.phase = 'done'
        break
      }
      if (this.phase === 'prompt' || this.phase === 'reboot') {
        this.phase = 'reboot'
        this.rebootText += String.fromCharCode(data[i++]!)
        // Anything but a soft reboot here means the stream lost sync.
        if (!/^(MPY: )?soft reboot/.test(this.rebootText) && !'MPY: soft reboot'.startsWith(this.rebootText) && !'soft reboot'.startsWith(this.rebootText)) {
          throw new SyntaxError(`expected '>' after exec reply, got ${JSON.stringify(this.rebootText.slice(0, 40))}`)
        }
        if (this.rebootText.length > 4096) throw new SyntaxError('no raw prompt after the soft reboot that ended the exec')
        if (this.rebootText.endsWith(RAW_BANNER + RAW_PROMPT)) {
          this.rebooted = true
          this.phase = 'done'
        }
        continue
      }
      const end = data.indexOf(CTRL.D, i)
      const stop = end < 0 ? data.length : end
      if (stop > i) {
        const part = data.subarray(i, stop)
        if (this.phase === 'stdout') this.events.stdout(part)
        else this.events.stderr(part)
      }
      i = stop
      if (end >= 0) {
        i++
        this.phase = this.phase === 'stdout' ? 'stderr' : 'prompt'
      }
    }
    return i
  }
}

/** A Python exception as printed by the device (the last line of a traceback). */
export interface DeviceException {
  /** Exception class name, e.g. `OSError`. */
  type: string
  /** Text after the colon, e.g. `[Errno 2] ENOENT`. */
  message: string
  /** errno for OSError when present (`OSError: 28` or `[Errno 28] ENOSPC`). */
  errno?: number
  /** The whole traceback as printed. */
  traceback: string
  /** The file of the innermost frame (`<stdin>` for the sent code itself), when the traceback has frames. */
  file?: string
}

/** Parses the last line of a MicroPython traceback; undefined when the text has no exception line. */
export function parseDeviceException(stderr: string): DeviceException | undefined {
  const last = parseExceptionLine(stderr)
  if (!last) return undefined
  const { type, message } = last
  const ex: DeviceException = { type, message, traceback: stderr }
  const errno = /^\[Errno (\d+)\]/.exec(message) ?? /^(\d+)$/.exec(message.trim())
  if (errno) ex.errno = Number(errno[1])
  const frames = parseFrames(stderr)
  if (frames.length) ex.file = frames[frames.length - 1]!.vfsPath
  return ex
}

/** errno values MicroPython uses for file-system errors (uerrno). */
export const ERRNO = { ENOENT: 2, EIO: 5, EBADF: 9, EACCES: 13, EEXIST: 17, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENOSPC: 28 } as const
