/**
 * Host side of one boot: spawns the worker, relays its messages, answers its network requests,
 * runs the watchdog (no frame for 5 s while not waiting on purpose → stop) and implements Stop
 * (KeyboardInterrupt through the control block, worker terminated if it is not out within 1 s).
 */
import { MessageChannel, Worker } from 'node:worker_threads'
import { SLOT, WAIT_HELD, WAIT_SLEEP, wakeWorker } from './control-block'

/** How many watchdog periods an app may sleep without presenting a frame. */
const SLEEP_LIMIT = 3
import type { DebugCommand, HostWorkerConfig, RpcRequest, WorkerConfig, WorkerMessage } from './messages'
import type { NetworkPolicy } from './network-policy'
import { emulatorWorkerSpec, type WorkerSpec } from './worker-url'

/** How a boot ended, as seen by the host. */
export type BootExit = (WorkerMessage & { type: 'exit' }) | {
  type: 'exit'
  reason: 'watchdog' | 'killed' | 'crashed'
  frames: number
  message?: string
  /** Watchdog: the line the app was running when it was stopped, when the debugger could see it. */
  stuck?: StuckAt
}

/** Where a stuck app was (project-relative file). */
export interface StuckAt {
  file: string
  line: number
  fn: string
}

/** How long the watchdog waits for an instrumented app to show the line it is stuck on. */
const STUCK_PROBE_MS = 1000

/** Options for {@link spawnBoot}. */
export interface SpawnBootOptions {
  config: HostWorkerConfig
  network: NetworkPolicy | null
  onMessage(msg: WorkerMessage): void
  /**
   * No frame (outside deliberate waits) for this long stops the app (default 5000 ms; 0 = off).
   * Sleeping counts as waiting for at most three times this long without a frame.
   */
  watchdogMs?: number
  /** How long Stop waits for the app to end by itself before terminating the worker (default 1000 ms). */
  stopGraceMs?: number
  spec?: WorkerSpec
  /** Start an idle worker for the next boot right away (default true). */
  prewarm?: boolean
}

/** A running boot. */
export interface BootHandle {
  readonly ctrl: Int32Array
  /** Resolves once with how the boot ended; the worker is gone by then. */
  readonly exited: Promise<BootExit>
  /** Requests a stop (KeyboardInterrupt), terminating the worker after the grace period. */
  stop(): Promise<BootExit>
  /** Ends the worker now. */
  kill(reason?: 'killed' | 'watchdog'): Promise<BootExit>
  /** Sends a command to the worker's debugger (seen at its next host call, frame or pause check). */
  debug(cmd: DebugCommand): void
}

// One idle worker per entry point, spawned ahead of the next boot so a reboot (HOME, app exit,
// soft reset) does not wait for a thread to start and load the emulator code. It is unref'd,
// so it never keeps the process alive.
const standbys = new Map<string, Worker>()

function prewarm(spec: WorkerSpec): void {
  const key = spec.url.href
  if (standbys.has(key)) return
  const w = new Worker(spec.url, { workerData: { ...spec.workerData, standby: true }, execArgv: spec.execArgv, stdout: false, stderr: false })
  w.unref()
  w.on('error', () => standbys.delete(key))
  w.on('exit', () => {
    if (standbys.get(key) === w) standbys.delete(key)
  })
  standbys.set(key, w)
}

function takeStandby(spec: WorkerSpec): Worker | null {
  const w = standbys.get(spec.url.href) ?? null
  standbys.delete(spec.url.href)
  return w
}

/** Ends the idle standby workers (tests, app quit). */
export async function disposeStandbyWorkers(): Promise<void> {
  const all = [...standbys.values()]
  standbys.clear()
  await Promise.all(all.map((w) => w.terminate()))
}

/** Spawns a worker for one boot. */
export function spawnBoot(o: SpawnBootOptions): BootHandle {
  const spec = o.spec ?? emulatorWorkerSpec()
  const { port1, port2 } = new MessageChannel()
  const debugChannel = new MessageChannel()
  const ctrl = o.config.ctrl
  const config: WorkerConfig = { ...spec.workerData, ...o.config, rpcPort: port2, debugPort: debugChannel.port2 }
  const standby = takeStandby(spec)
  let worker: Worker
  if (standby) {
    worker = standby
    worker.ref()
    worker.postMessage(config, [port2, debugChannel.port2])
  } else worker = new Worker(spec.url, { workerData: config, transferList: [port2, debugChannel.port2], execArgv: spec.execArgv, stdout: false, stderr: false })
  let settled = false
  let resolveExit!: (e: BootExit) => void
  const exited = new Promise<BootExit>((r) => (resolveExit = r))
  let pendingReason: 'watchdog' | 'killed' | null = null
  let lastExitMsg: BootExit | null = null
  let stuck: StuckAt | undefined
  // While the watchdog asks an instrumented app where it is: the pause it reports is its answer.
  let probing: ((at: StuckAt | undefined) => void) | null = null
  const finish = (e: BootExit): void => {
    if (settled) return
    settled = true
    clearInterval(dog)
    port1.close()
    debugChannel.port1.close()
    resolveExit(e)
  }

  port1.on('message', (req: RpcRequest) => {
    const reply = (value: unknown): void => {
      port1.postMessage(value)
      Atomics.store(ctrl, SLOT.RPC, 1)
      Atomics.notify(ctrl, SLOT.RPC)
    }
    if (req.type === 'http' && o.network) void o.network.handle(req).then(reply)
    else reply({ ok: false, errno: 101, message: 'ENETUNREACH: the emulator has no network here' })
  })

  let warmed = o.prewarm === false
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.type === 'ready') lastProgress = Date.now()
    // Prepare the next boot's worker once this one is up (not during its start: 2 cores).
    if (!warmed && (msg.type === 'frame' || msg.type === 'exit' || (msg.type === 'ready' && o.config.mode === 'repl'))) {
      warmed = true
      prewarm(spec)
    }
    if (probing && msg.type === 'debug' && (msg.kind === 'paused' || msg.kind === 'resumed')) {
      if (msg.kind === 'paused') {
        let at: StuckAt | undefined
        try {
          const p = JSON.parse(msg.data) as { file?: unknown; line?: unknown; stack?: Array<{ fn?: unknown }> }
          if (typeof p.file === 'string' && typeof p.line === 'number')
            at = { file: p.file.slice(0, 1024), line: p.line, fn: typeof p.stack?.[0]?.fn === 'string' ? p.stack[0].fn.slice(0, 200) : '<module>' }
        } catch {
          // not an answer
        }
        probing(at)
      }
      return
    }
    if (msg.type === 'exit') {
      lastExitMsg = msg
      o.onMessage(msg)
      void worker.terminate()
      return
    }
    o.onMessage(msg)
  })
  worker.on('error', (err) => {
    if (!lastExitMsg) lastExitMsg = { type: 'exit', reason: 'crashed', frames: Atomics.load(ctrl, SLOT.FRAMES), message: err.message }
  })
  worker.on('exit', () => {
    const frames = Atomics.load(ctrl, SLOT.FRAMES)
    if (pendingReason === 'watchdog') finish({ type: 'exit', reason: 'watchdog', frames, ...(stuck ? { stuck } : {}) })
    else if (lastExitMsg) finish(lastExitMsg)
    else finish({ type: 'exit', reason: pendingReason ?? 'crashed', frames })
  })

  // Watchdog: progress = a new frame, or the worker waiting on purpose (network, error box); a
  // sleep is excused only until SLEEP_LIMIT × watchdogMs have passed without a frame.
  const watchdogMs = o.watchdogMs ?? 5000
  let lastFrames = -1
  let lastProgress = Date.now()
  let lastFrameAt = Date.now()
  const dog = setInterval(() => {
    const frames = Atomics.load(ctrl, SLOT.FRAMES)
    const waiting = Atomics.load(ctrl, SLOT.WAITING)
    if (frames !== lastFrames) lastFrameAt = Date.now()
    if (frames !== lastFrames || waiting === WAIT_HELD || (waiting === WAIT_SLEEP && Date.now() - lastFrameAt < SLEEP_LIMIT * watchdogMs)) {
      lastFrames = frames
      lastProgress = Date.now()
      return
    }
    if (watchdogMs > 0 && Date.now() - lastProgress > watchdogMs && !pendingReason) {
      pendingReason = 'watchdog'
      void probeStuck().then(() => stopWith('watchdog'))
    }
  }, 200)
  dog.unref?.()

  /**
   * Asks an instrumented app to pause at its next line (seen at its next host call) to learn
   * where it is stuck; a loop that calls nothing on the host cannot answer.
   */
  const probeStuck = async (): Promise<void> => {
    if (!o.config.instrument || settled) return
    stuck = await new Promise<StuckAt | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), STUCK_PROBE_MS)
      probing = (at) => {
        clearTimeout(timer)
        resolve(at)
      }
      handle.debug({ type: 'pause' })
    })
  }

  const grace = o.stopGraceMs ?? 1000
  const stopWith = async (reason: 'watchdog' | 'killed'): Promise<BootExit> => {
    if (settled) return exited
    pendingReason ??= reason
    Atomics.store(ctrl, SLOT.STOP, 1)
    wakeWorker(ctrl)
    const timer = setTimeout(() => void worker.terminate(), grace)
    const e = await exited
    clearTimeout(timer)
    return e
  }

  const handle: BootHandle = {
    ctrl,
    exited,
    stop: async () => {
      if (settled) return exited
      Atomics.store(ctrl, SLOT.STOP, 1)
      wakeWorker(ctrl)
      const timer = setTimeout(() => {
        pendingReason ??= 'killed'
        void worker.terminate()
      }, grace)
      const e = await exited
      clearTimeout(timer)
      return e
    },
    kill: async (reason = 'killed') => {
      pendingReason ??= reason
      await worker.terminate()
      return exited
    },
    debug(cmd) {
      if (settled) return
      debugChannel.port1.postMessage(cmd)
      Atomics.add(ctrl, SLOT.DEBUG, 1)
      Atomics.notify(ctrl, SLOT.DEBUG)
    },
  }
  return handle
}
