/**
 * The one seam for link quirks. {@link RawRepl} speaks the protocol; a {@link LinkPolicy}, chosen
 * once in `DeviceSession.open` from what the probe found, says how hard to push it: pacing of plain
 * raw writes, how much source one exec may carry, how often damaged own code goes again and whether
 * the heap needs room made. Internal failures are {@link LinkFault}s, mapped to a user-facing code
 * once, at the session boundary ({@link toCodedError}).
 */
import type { ErrorCode } from '../../../shared/ipc/errors'
import { CodedError, isCodedError } from '../../../shared/ipc/result'

/** How the client drives one link. */
export interface LinkPolicy {
  /** Which rule chose it (for the README's table and the benchmark's report). */
  readonly kind: 'probe' | 'raw-paste' | 'plain' | 'uart'
  /** Plain raw mode: bytes per write, and the pause between writes (ms). */
  readonly chunkSize: number
  readonly chunkDelayMs: number
  /** Characters of Python source one data-carrying exec may hold. */
  readonly execChars: number
  /** How often own code that arrived damaged (or whose Ctrl-D went missing) is sent again. */
  readonly resends: number
  /** A small heap: own code that hit MemoryError is sent again once after a collection. */
  readonly smallHeap: boolean
  /**
   * Raw-paste, once the device has granted it on this connection: the request and the first
   * window of code go out together, instead of waiting a round trip for the grant. The device
   * reads its input in order, so the code waits in its buffer (the window is what that holds).
   */
  readonly pasteAhead: boolean
}

/** Below this much free heap at probe time, the heap counts as small (the micro:bit has about 9 KB). */
export const SMALL_HEAP_BYTES = 64 * 1024

/** Python that frees what earlier code left on the heap (its own exec: parsing comes first). */
export const COLLECT_GARBAGE = 'import gc\ngc.collect()\n'

/**
 * Until the probe answers: bursts a 64-byte receive ring always takes, and resends, since the
 * device may be a UART firmware without flow control.
 */
export const PROBE_POLICY: LinkPolicy = { kind: 'probe', chunkSize: 32, chunkDelayMs: 2, execChars: 256, resends: 4, smallHeap: true, pasteAhead: false }

/** What {@link choosePolicy} looks at. */
export interface PolicyInputs {
  rawPaste: boolean
  /** `uart`: a UART firmware (micro:bit) reading input into a 64-byte ring, no flow control. */
  byteReader: 'stdin' | 'uart' | 'none'
  memFree: number
}

/**
 * The policy for a probed device. Raw-paste is flow-controlled by the device, and USB CDC or an
 * emulator's REPL buffer what arrives, so both go unpaced with execs bounded by the heap. A UART
 * firmware without raw-paste gets 32-byte bursts with a pause the REPL drains them in, 256-character
 * execs (a damaged one is cheap to resend) and resends.
 */
export function choosePolicy(c: PolicyInputs): LinkPolicy {
  const smallHeap = c.memFree > 0 && c.memFree < SMALL_HEAP_BYTES
  // Raw-paste compiles the code as it arrives; plain raw mode first holds all of it in one buffer.
  const cap = c.rawPaste ? 65_536 : 16_384
  const heapChars = Math.max(512, Math.min(cap, Math.floor((c.memFree || 8192) / 4)))
  if (c.byteReader === 'uart' && !c.rawPaste) return { kind: 'uart', chunkSize: 32, chunkDelayMs: 2, execChars: 256, resends: 6, smallHeap, pasteAhead: false }
  return { kind: c.rawPaste ? 'raw-paste' : 'plain', chunkSize: 1 << 20, chunkDelayMs: 0, execChars: heapChars, resends: 1, smallHeap, pasteAhead: c.rawPaste }
}

/** What went wrong on the link, below the user's level. */
export type LinkFaultKind =
  /** No `OK` after the code's Ctrl-D: the code never started (its Ctrl-D was lost, or the device hangs). */
  | 'no-ok'
  /** The device answered something the protocol does not allow here. */
  | 'bad-reply'
  /** Own code arrived damaged every time it was sent. */
  | 'damaged'
  /** The raw REPL could not be entered. */
  | 'no-raw-repl'
  /** The firmware lacks what the step needs. */
  | 'unsupported'

/** An internal link failure; {@link toCodedError} turns it into what the user sees. */
export class LinkFault extends Error {
  constructor(
    /** What kind of failure. */
    readonly kind: LinkFaultKind,
    /** Human-readable detail (never parsed). */
    readonly detail: string,
  ) {
    super(detail)
    this.name = 'LinkFault'
  }
}

const FAULT_CODES: Record<LinkFaultKind, ErrorCode> = {
  'no-ok': 'DEVICE_TIMEOUT',
  'bad-reply': 'PROTOCOL_ERROR',
  damaged: 'PROTOCOL_ERROR',
  'no-raw-repl': 'RAW_REPL_FAILED',
  unsupported: 'DEVICE_UNSUPPORTED',
}

/** The one mapping from internal failures to error codes (other errors pass through). */
export function toCodedError(e: unknown): unknown {
  if (e instanceof LinkFault) return new CodedError(FAULT_CODES[e.kind], e.detail)
  return e
}

/** True when `e` is a transport timeout (the transport reports those as `DEVICE_TIMEOUT`). */
export function isTimeout(e: unknown): boolean {
  return isCodedError(e) && e.code === 'DEVICE_TIMEOUT'
}
