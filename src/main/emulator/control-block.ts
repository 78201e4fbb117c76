/**
 * The shared memory between the emulator host and its worker: an Int32Array over a
 * SharedArrayBuffer read and written with Atomics, so the worker can see buttons, Stop and
 * wake-ups while Python blocks it, and the host can read frame counters and memory figures
 * without a message round trip.
 */

import { BUTTON_BITS } from '../../shared/badge-buttons'

/** Slot indices in the control block. */
export const SLOT = {
  /** Buttons held now (bit mask of the badge's button constants), written by the host. */
  HELD: 0,
  /** Buttons pressed since the worker's last poll (latched so a quick tap is seen once). */
  LATCH: 1,
  /** 0 = run; 1 = Stop requested (KeyboardInterrupt at the next hook); 2 = Ctrl-C (REPL). */
  STOP: 2,
  /** Incremented and notified to wake the worker from a pacing or sleep wait. */
  WAKE: 3,
  /** Frames presented since this boot started (written by the worker). */
  FRAMES: 4,
  /** Non-zero while the worker waits on purpose ({@link WAIT_HELD}, {@link WAIT_SLEEP}); read by the watchdog. */
  WAITING: 5,
  /** Estimated badge heap in use at the last frame, bytes (Python heap + images and fonts). */
  MEM_USED: 6,
  /** Highest MEM_USED seen this boot. */
  MEM_PEAK: 7,
  /** Count of HOME press edges seen by the host (the worker compares with its own count). */
  HOME_EDGES: 8,
  /** Set to 1 by the host with Atomics.notify when a synchronous reply waits on the RPC port. */
  RPC: 9,
  /** IR ring: next slot to write (host) and next to read (worker); entries are addr << 8 | cmd. */
  IR_HEAD: 10,
  IR_TAIL: 11,
  /** Incremented and notified by the host after it posts a debugger command on the debug port. */
  DEBUG: 12,
  /** The virtual badge's REPL: 1 while it is in the raw REPL (written by the worker). */
  REPL_RAW: 13,
  IR_RING: 14,
} as const

/** Entries in the IR ring. */
/** SLOT.WAITING: a wait of any length (error box, network, HOME release): pauses the watchdog. */
export const WAIT_HELD = 1
/** SLOT.WAITING: time.sleep; excused by the watchdog only up to its sleep limit. */
export const WAIT_SLEEP = 2

export const IR_RING_SIZE = 16
/** Int32 slots in the control block. */
export const CONTROL_SLOTS = SLOT.IR_RING + IR_RING_SIZE

/** Allocates a zeroed control block. */
export function createControlBlock(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4))
}

/** Holds a button down (bit of badgeware's `io`): latched so a press released before the app's next poll is still seen; HOME also counts an edge. */
export function pressButton(ctrl: Int32Array, bit: number): void {
  if (!(Atomics.load(ctrl, SLOT.HELD) & bit) && bit === BUTTON_BITS.HOME) Atomics.add(ctrl, SLOT.HOME_EDGES, 1)
  Atomics.or(ctrl, SLOT.HELD, bit)
  Atomics.or(ctrl, SLOT.LATCH, bit)
  wakeWorker(ctrl)
}

/** Lets a button go. */
export function releaseButton(ctrl: Int32Array, bit: number): void {
  Atomics.and(ctrl, SLOT.HELD, ~bit)
  wakeWorker(ctrl)
}

/** Wakes the worker out of any Atomics.wait on {@link SLOT.WAKE}. */
export function wakeWorker(ctrl: Int32Array): void {
  Atomics.add(ctrl, SLOT.WAKE, 1)
  Atomics.notify(ctrl, SLOT.WAKE)
}

/** Queues one IR frame for the worker; returns false when the ring is full (frame dropped). */
export function pushIr(ctrl: Int32Array, address: number, command: number): boolean {
  const head = Atomics.load(ctrl, SLOT.IR_HEAD)
  const tail = Atomics.load(ctrl, SLOT.IR_TAIL)
  if (head - tail >= IR_RING_SIZE) return false
  Atomics.store(ctrl, SLOT.IR_RING + (head % IR_RING_SIZE), ((address & 0xff) << 8) | (command & 0xff))
  Atomics.store(ctrl, SLOT.IR_HEAD, head + 1)
  return true
}

/** Takes the oldest queued IR frame (addr << 8 | cmd) or -1 when none is queued. */
export function takeIr(ctrl: Int32Array): number {
  const head = Atomics.load(ctrl, SLOT.IR_HEAD)
  const tail = Atomics.load(ctrl, SLOT.IR_TAIL)
  if (tail >= head) return -1
  const v = Atomics.load(ctrl, SLOT.IR_RING + (tail % IR_RING_SIZE))
  Atomics.store(ctrl, SLOT.IR_TAIL, tail + 1)
  return v
}

/**
 * A single-producer single-consumer byte ring in shared memory: the host writes serial input
 * for the virtual badge's REPL, the worker reads it (blocking with Atomics.wait when empty).
 * Layout: Int32 [head, tail, closed] then the data bytes.
 */
export class ByteRing {
  readonly sab: SharedArrayBuffer
  private readonly head: Int32Array
  private readonly data: Uint8Array
  constructor(sabOrSize: SharedArrayBuffer | number = 64 * 1024) {
    this.sab = typeof sabOrSize === 'number' ? new SharedArrayBuffer(12 + sabOrSize) : sabOrSize
    this.head = new Int32Array(this.sab, 0, 3)
    this.data = new Uint8Array(this.sab, 12)
  }
  /** Bytes waiting to be read. */
  available(): number {
    return Atomics.load(this.head, 0) - Atomics.load(this.head, 1)
  }
  /** Writes as many bytes of `bytes` as fit; returns how many were written. */
  write(bytes: Uint8Array): number {
    const cap = this.data.length
    let h = Atomics.load(this.head, 0)
    const t = Atomics.load(this.head, 1)
    const n = Math.min(bytes.length, cap - (h - t))
    const at = h % cap
    const first = Math.min(n, cap - at)
    this.data.set(bytes.subarray(0, first), at)
    this.data.set(bytes.subarray(first, n), 0)
    h += n
    Atomics.store(this.head, 0, h)
    Atomics.notify(this.head, 0)
    return n
  }
  /** Reads one byte, waiting up to `timeoutMs` (Infinity = forever); -1 on timeout or close. */
  readByte(timeoutMs = Infinity): number {
    for (;;) {
      const h = Atomics.load(this.head, 0)
      const t = Atomics.load(this.head, 1)
      if (h > t) {
        const b = this.data[t % this.data.length]
        Atomics.store(this.head, 1, t + 1)
        return b
      }
      if (Atomics.load(this.head, 2)) return -1
      if (Atomics.wait(this.head, 0, h, timeoutMs) === 'timed-out') return -1
    }
  }
  /**
   * Takes, without waiting, the bytes that have arrived, at most `max`, stopping before the first
   * byte for which `stop` is true (that one stays for {@link readByte}).
   */
  take(max: number, stop: (b: number) => boolean): Uint8Array {
    const cap = this.data.length
    const h = Atomics.load(this.head, 0)
    const t = Atomics.load(this.head, 1)
    const n = Math.min(max, h - t)
    const at = t % cap
    let k = 0
    while (k < n && !stop(this.data[(at + k) % cap]!)) k++
    const out = new Uint8Array(k)
    const first = Math.min(k, cap - at)
    out.set(this.data.subarray(at, at + first))
    out.set(this.data.subarray(0, k - first), first)
    Atomics.store(this.head, 1, t + k)
    return out
  }
  /** Marks the ring closed and wakes the reader. */
  close(): void {
    Atomics.store(this.head, 2, 1)
    Atomics.notify(this.head, 0)
  }
}
