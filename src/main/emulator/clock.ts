/**
 * The emulated badge's clock. Headless runs are deterministic: during frame n (the n-th call of
 * update(), from 1) the clock reads floor((n-1)*1000/fps) ms, plus whatever time.sleep() added
 * within that frame; before frame 1 it reads 0 plus sleeps. Realtime runs read the wall clock
 * since boot. `time.ticks_ms()` follows the same clock because the worker routes the
 * interpreter's `Date.now()` through {@link BadgeClock.wallMs}.
 */
export class BadgeClock {
  private frame = 0
  private slept = 0
  private held = 0
  private readonly t0 = performance.now()
  /** Wall-clock epoch of this boot in ms (fixed in headless runs so localtime is reproducible). */
  readonly epochMs: number

  constructor(
    readonly mode: 'headless' | 'realtime',
    readonly fps = 60,
    epochMs?: number,
  ) {
    // 2025-10-28 09:00 UTC, the first morning of GitHub Universe 2025.
    this.epochMs = epochMs ?? (mode === 'headless' ? Date.UTC(2025, 9, 28, 9, 0, 0) : Date.now())
  }

  /** Milliseconds since boot, as `io.ticks` and `time.ticks_ms()` see them. */
  ticksMs(): number {
    if (this.mode === 'realtime') return Math.floor(performance.now() - this.t0 - this.held)
    return Math.floor(((this.frame > 0 ? this.frame - 1 : 0) * 1000) / this.fps) + this.slept
  }

  /** Wall-clock milliseconds (epoch + ticks), what the interpreter's Date.now() returns. */
  wallMs(): number {
    return this.epochMs + this.ticksMs()
  }

  /** Starts frame n of this boot (called by io.poll()); headless sleeps from the last frame are dropped. */
  beginFrame(n: number): void {
    this.frame = n
    this.slept = 0
  }

  /** Headless: advances the clock by a sleep within the current frame. */
  addSleep(ms: number): void {
    this.slept += Math.max(0, Math.floor(ms))
  }

  /** Realtime: `ms` spent paused in the debugger, which the badge's clock does not see. */
  hold(ms: number): void {
    this.held += Math.max(0, ms)
  }

  /** Real milliseconds since boot (for pacing and boot timing, independent of the mode). */
  realMs(): number {
    return performance.now() - this.t0
  }
}
