/**
 * The `_bwhost` JS module: what the Python side of the badge (wasm/python) asks the emulator
 * for. Functions take and return only numbers, strings, booleans and null (API spec §17), and
 * the few that end a boot throw a signal from ./signals.
 */
import { receiveMessageOnPort } from 'node:worker_threads'
import { SLOT, takeIr, WAIT_HELD, WAIT_SLEEP } from '../control-block'
import type { BadgeClock } from '../clock'
import type { AppError, HttpReply, RpcRequest, WorkerConfig, WorkerMessage } from '../messages'
import { exceptionType, parseTraceback } from '../traceback'
import { interruptPending } from './interpreter'
import { AppFailedSignal, FramesDoneSignal, RebootSignal, StoppedSignal } from './signals'

const HOME = 32
/** powman wake reasons (API spec 15.5). */
const WAKE_WATCHDOG = 241
const WAKE_UNKNOWN = 255

/** What the host module needs from the worker. */
export interface BadgeHostContext {
  cfg: WorkerConfig
  clock: BadgeClock
  ctrl: Int32Array
  /** The graphics module (null while it is unavailable). */
  screen(): Uint8Array | null
  liveBytes(): number
  post(msg: WorkerMessage, transfer?: Transferable[]): void
  /** Writes pending console output out (called before anything that may block or end the boot). */
  flush(): void
}

/** State the worker reads back after the boot ends. */
export interface BadgeHostState {
  frames: number
  lastFrame: Uint8Array | null
  lastError: AppError | null
  memoryExceeded: boolean
  /** The virtual badge steps a handed-over frame loop (garbage is reclaimed every frame, so the budget holds). */
  stepping: boolean
  /** The virtual badge runs a raw-paste exec's top level: a loop may be handed over (see _bw_drive). */
  handoffOpen: boolean
}

/** Builds the `_bwhost` module object and the state it keeps. */
export function createBadgeHost(ctx: BadgeHostContext): { module: Record<string, unknown>; state: BadgeHostState } {
  const { cfg, clock, ctrl } = ctx
  const headless = cfg.headless
  const capture = new Set(headless?.capture ?? [])
  const frameBase = headless?.frameBase ?? 0
  const state: BadgeHostState = { frames: 0, lastFrame: null, lastError: null, memoryExceeded: false, stepping: false, handoffOpen: false }
  let lastPolledFrame = 0
  let prevMask = 0
  let homePending = false
  let seenHomeEdges = Atomics.load(ctrl, SLOT.HOME_EDGES)
  let lastMem = 0
  let heapBaseline = 0
  let paceBase = 0
  const stopRequested = (): boolean => interruptPending(ctrl)

  const headlessMask = (g: number): number => headless?.held[g] ?? 0

  /**
   * Waits up to `ms` real milliseconds unless woken (Stop, buttons); marks the wait for the
   * watchdog: WAIT_HELD (error box, HOME release) excuses any length, WAIT_SLEEP only up to the
   * watchdog's sleep limit, so `while True: time.sleep_ms(1)` without frames is still stopped.
   */
  const idleWait = (ms: number, kind: number = WAIT_HELD): void => {
    Atomics.store(ctrl, SLOT.WAITING, kind)
    try {
      Atomics.wait(ctrl, SLOT.WAKE, Atomics.load(ctrl, SLOT.WAKE), ms)
    } finally {
      Atomics.store(ctrl, SLOT.WAITING, 0)
    }
  }

  const noteHomeEdges = (): void => {
    const e = Atomics.load(ctrl, SLOT.HOME_EDGES)
    if (e !== seenHomeEdges) {
      seenHomeEdges = e
      homePending = true
    }
  }

  const rpc = (req: RpcRequest, timeoutMs: number): unknown => {
    Atomics.store(ctrl, SLOT.RPC, 0)
    cfg.rpcPort.postMessage(req)
    Atomics.store(ctrl, SLOT.WAITING, 1)
    try {
      const deadline = clock.realMs() + timeoutMs
      for (;;) {
        const left = deadline - clock.realMs()
        if (left <= 0) return null
        Atomics.wait(ctrl, SLOT.RPC, 0, Math.min(left, 100))
        const m = receiveMessageOnPort(cfg.rpcPort)
        if (m) return m.message
        if (stopRequested()) return null
      }
    } finally {
      Atomics.store(ctrl, SLOT.WAITING, 0)
    }
  }

  const module = {
    /** Snapshot of the buttons for io.poll(): mask of held buttons, or -1 when Stop is pending. */
    poll(): number {
      // The frame being prepared is the next one to be presented; polls that repeat within a
      // frame (waiting for a release) see scripted buttons released.
      const n = state.frames + 1
      clock.beginFrame(n)
      let mask: number
      if (headless) {
        mask = n === lastPolledFrame ? 0 : headlessMask(frameBase + n)
        lastPolledFrame = n
      } else {
        mask = Atomics.load(ctrl, SLOT.HELD) | Atomics.exchange(ctrl, SLOT.LATCH, 0)
        noteHomeEdges()
      }
      if (headless && mask & HOME && !(prevMask & HOME)) homePending = true
      prevMask = mask
      return stopRequested() ? -1 : mask
    },
    /** io.ticks for the frame being polled. */
    ticks(): number {
      return clock.ticksMs()
    },
    /** Raw held mask now (machine.Pin.board.BUTTON_HOME.value()). */
    held(): number {
      return headless ? prevMask : Atomics.load(ctrl, SLOT.HELD)
    },
    /** True once per HOME press (consumed). */
    home_edge(): boolean {
      if (!headless) noteHomeEdges()
      const h = homePending
      homePending = false
      return h
    },
    /**
     * display.update(): posts the frame, checks the memory budget and paces. `pyAlloc` is
     * gc.mem_alloc() on the frames that sample memory (see badgeware._MEM_EVERY), else -1 (the
     * last sample stands). Returns 0, 1 when Stop is pending, 2 when the app no longer fits the
     * badge's heap.
     */
    present(pyAlloc: number): number {
      state.frames++
      const n = state.frames
      const g = frameBase + n
      Atomics.store(ctrl, SLOT.FRAMES, n)
      const sampled = pyAlloc >= 0
      const used = sampled ? Math.max(0, pyAlloc - heapBaseline) + ctx.liveBytes() : lastMem
      if (sampled) {
        lastMem = used
        Atomics.store(ctrl, SLOT.MEM_USED, used)
        if (used > Atomics.load(ctrl, SLOT.MEM_PEAK)) Atomics.store(ctrl, SLOT.MEM_PEAK, used)
      }
      const screen = ctx.screen()
      ctx.flush()
      if (screen) {
        if (!headless || capture.has(g)) {
          const copy = screen.slice()
          ctx.post({ type: 'frame', frame: g, ticks: clock.ticksMs(), rgba: copy.buffer, memUsed: used }, [copy.buffer])
        }
        if (headless) {
          if (!state.lastFrame) state.lastFrame = new Uint8Array(screen.length)
          state.lastFrame.set(screen)
        }
      }
      // On the virtual badge a program's own loop runs inside one REPL exec, where this build never
      // reclaims garbage (only when a call returns to JS): gc.mem_alloc() there counts garbage the
      // badge would have collected, so the budget holds only while the REPL steps the loop; the
      // interpreter's memory cap (boot-interpreter.ts) still bounds the rest.
      if (sampled && used > cfg.memoryBudget && (cfg.mode === 'run' || state.stepping)) {
        state.memoryExceeded = true
        return 2
      }
      if (headless && headless.frames !== null && g >= headless.frames) throw new FramesDoneSignal()
      if (cfg.timing.mode === 'realtime') {
        if (n === 1) paceBase = clock.realMs() - 1000 / cfg.timing.fps
        const due = paceBase + (n * 1000) / cfg.timing.fps
        const wait = due - clock.realMs()
        if (wait > 0) idleWait(wait)
        else if (wait < -250) paceBase -= wait // fell far behind (debugger, slow frame): do not sprint
      }
      return stopRequested() ? 1 : 0
    },
    /** Python heap in use by the platform itself (frozen on the badge), excluded from the budget. */
    set_heap_baseline(bytes: number): null {
      heapBaseline = bytes
      return null
    },
    /** Bytes counted against the budget at the last frame. */
    mem_used(): number {
      return lastMem
    },
    mem_budget(): number {
      return cfg.memoryBudget
    },
    /** True once per raw-paste exec on the virtual badge: _bw_drive may hand its loop to the REPL. */
    take_handoff(): boolean {
      const open = state.handoffOpen
      state.handoffOpen = false
      return open
    },
    /** Bytes held by images and fonts now (counted in the badge's heap, see _bw_gc). */
    live_bytes(): number {
      return ctx.liveBytes()
    },
    /** time.sleep: headless advances the clock; realtime waits (only this worker). 1 = Stop pending. */
    sleep_ms(ms: number): number {
      ctx.flush()
      if (cfg.timing.mode === 'headless') {
        clock.addSleep(ms)
        return stopRequested() ? 1 : 0
      }
      const end = clock.realMs() + ms
      for (;;) {
        if (stopRequested()) return 1
        const left = end - clock.realMs()
        if (left <= 0) return 0
        idleWait(Math.min(left, 100), WAIT_SLEEP)
        noteHomeEdges()
        if (homePending) return 0
      }
    },
    /** Waits for any button press (the error box); returns the mask, -1 on Stop. Headless runs end here. */
    wait_button(): number {
      ctx.flush()
      if (headless) throw new AppFailedSignal()
      const start = Atomics.load(ctrl, SLOT.HELD)
      for (;;) {
        if (stopRequested()) return -1
        const latch = Atomics.exchange(ctrl, SLOT.LATCH, 0)
        const held = Atomics.load(ctrl, SLOT.HELD)
        const down = latch | (held & ~start)
        if (down) return down
        idleWait(100)
      }
    },
    /** The HOME handler waits for the button to be let go before rebooting (headless: no wait). */
    wait_home_release(): null {
      if (headless) return null
      while (Atomics.load(ctrl, SLOT.HELD) & HOME && !stopRequested()) idleWait(50)
      return null
    },
    /** machine.reset(): never returns. */
    reset(next: string | null): never {
      ctx.flush()
      throw new RebootSignal(typeof next === 'string' ? next : null)
    },
    /** The boot code caught the KeyboardInterrupt of a Stop. */
    stopped(): never {
      ctx.flush()
      throw new StoppedSignal()
    },
    report_error(phase: string, text: string): void {
      ctx.flush()
      // Presses from before the error must not dismiss the error box; presses after the report do.
      if (!headless) Atomics.exchange(ctrl, SLOT.LATCH, 0)
      const err: AppError = {
        phase: phase === 'update' || phase === 'import' ? phase : 'boot',
        type: exceptionType(text),
        text,
        frames: parseTraceback(text),
      }
      state.lastError = err
      ctx.post({ type: 'error', error: err })
    },
    wake_reason(): number {
      return cfg.boot.wake === 'watchdog' ? WAKE_WATCHDOG : WAKE_UNKNOWN
    },
    option(name: string): string | boolean | null {
      if (name === 'launchReturnedPath') return cfg.boot.launchReturnedPath
      if (name === 'preferred') return cfg.boot.entry.kind === 'launcher' ? (cfg.boot.entry.preferred ?? null) : null
      return null
    },
    set_app(path: string): void {
      ctx.post({ type: 'app', path })
    },
    battery(): number {
      return cfg.hardware.battery
    },
    charging(): boolean {
      return cfg.hardware.charging
    },
    wifi(): boolean {
      return cfg.hardware.wifi
    },
    unique_id(): string {
      return cfg.hardware.uniqueId
    },
    backlight(_level: number): null {
      return null
    },
    warn(message: string): null {
      ctx.post({ type: 'warning', message })
      return null
    },
    ir_take(): number {
      return takeIr(ctrl)
    },
    /**
     * urllib.urequest: asks the host (mocks, policy, network) and blocks this worker until it
     * answers. Returns JSON text `{"status", "errno", "error", "body"}` with the body in base64:
     * only strings cross the guest boundary.
     */
    http(method: string, url: string, headersJson: string, bodyHex: string | null): string {
      ctx.flush()
      let headers: Record<string, string> = {}
      try {
        headers = JSON.parse(headersJson) as Record<string, string>
      } catch {
        // keep none
      }
      const body = typeof bodyHex === 'string' ? Uint8Array.from(Buffer.from(bodyHex, 'hex')) : null
      const reply = rpc({ type: 'http', method: String(method), url: String(url), headers, body }, 15_000) as HttpReply | null
      const fail = (errno: number, error: string): string => JSON.stringify({ status: 0, errno, error, body: '' })
      if (!reply) return stopRequested() ? fail(103, 'ECONNABORTED: stopped') : fail(110, 'ETIMEDOUT: no answer from the IDE')
      if (!reply.ok) return fail(reply.errno, reply.message)
      return JSON.stringify({ status: reply.status, errno: 0, error: null, body: Buffer.from(reply.body).toString('base64') })
    },
  }
  return { module, state }
}
