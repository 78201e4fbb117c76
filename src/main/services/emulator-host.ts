/**
 * The emulator host service (main process): owns the emulator worker of the open project, boots
 * it (and reboots it after HOME or an app exit, each boot a fresh interpreter), relays frames,
 * console output, errors and FPS/memory figures as events through the injected `emit`, and turns
 * the IDE's commands (run, stop, buttons, network, IR, screenshot) into control-block writes.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { encode } from 'fast-png'
import type {
  BadgeButtonName,
  EmulatorError,
  EmulatorFrame,
  EmulatorNetwork,
  EmulatorState,
  EmulatorStats,
} from '../../shared/ipc/domains/emulator'
import { CodedError } from '../../shared/ipc/result'
import { disposeStandbyWorkers, spawnBoot, type BootExit, type BootHandle } from '../emulator/boot-worker'
import { DebugSession, projectOnDisk } from '../emulator/debug-session'
import { createControlBlock, pressButton, pushIr, releaseButton, SLOT } from '../emulator/control-block'
import type { WorkerMessage } from '../emulator/messages'
import { NetworkPolicy, readNetworkSettings, readProposedHosts, writeNetworkSettings } from '../emulator/network-policy'
import { BUTTON_BITS as BUTTONS } from '../../shared/badge-buttons'
import { projectStateDir } from '../emulator/user-dirs'
import { projectBootConfig, rebootEntry, type BootEntry } from '../emulator/project-boot'
import { BADGE_HEAP_BYTES } from '../emulator/worker-config'
import type { WorkerSpec } from '../emulator/worker-url'

/** Dependencies of {@link EmulatorHost}. */
export interface EmulatorHostDeps {
  /** Sends an event to the renderer (`emulator:state`, `:output`, `:frame`, `:stats`, `:error`). */
  emit(channel: string, payload: unknown): void
  /** The open project's folder, or null. */
  projectRoot(): string | null
  /** Per-user data folder (system-assets cache); default: the platform's. */
  userDataDir?: string
  /** Badge heap budget in bytes (default 246912). */
  memoryBudget?: number
  /** Watchdog period in ms (default 5000). */
  watchdogMs?: number
  /** Optional desktop-tool extension: an app returning "/system/apps/<slug>" launches it (default off). */
  launchReturnedPath?: boolean
  /** How to start workers (default: emulatorWorkerSpec()). */
  workerSpec?: WorkerSpec
}

const SLUG = /^[a-z][a-z0-9_]*$/


/** The emulator service; one session (a chain of boots) at a time. */
export class EmulatorHost {
  private stateNow: EmulatorState = { status: 'stopped' }
  private boot: BootHandle | null = null
  private ctrl = createControlBlock()
  private session = 0
  private latest: Uint8Array | null = null
  private latestFrameNo = 0
  private network: NetworkPolicy | null = null
  private statsTimer: NodeJS.Timeout | null = null
  private lastStats = { t: 0, frames: 0, fps: 0 }
  private sessionEnded: Promise<void> = Promise.resolve()
  private readonly budget: number
  private memWarned = false
  /** The debugger: breakpoints and options live across runs; each boot is instrumented. */
  readonly debug: DebugSession

  constructor(private readonly deps: EmulatorHostDeps) {
    this.budget = deps.memoryBudget ?? BADGE_HEAP_BYTES
    this.debug = new DebugSession((s) => deps.emit('debug:state', s), undefined, projectOnDisk(deps.projectRoot, deps.userDataDir))
  }

  /** The current state. */
  get state(): EmulatorState {
    return { ...this.stateNow }
  }

  /** The latest frame (160×120 RGBA), or null before the first one. */
  latestFrame(): Uint8Array | null {
    return this.latest
  }

  private setState(s: EmulatorState): EmulatorState {
    this.stateNow = s
    this.deps.emit('emulator:state', { ...s })
    return { ...s }
  }

  private root(): string {
    const r = this.deps.projectRoot()
    if (!r) throw new CodedError('NO_PROJECT')
    return r
  }

  /**
   * Boots the project: `app` starts that app as the launcher does once it is chosen; without it
   * the project boots through its main.py / menu (or the built-in launcher, which starts the only
   * app directly). A running session is stopped first.
   */
  async start(args: { app?: string; launcher?: boolean } = {}): Promise<EmulatorState> {
    const root = this.root()
    const app = args.app
    if (app !== undefined) {
      if (!SLUG.test(app)) throw new CodedError('INVALID_SLUG', app)
      if (!existsSync(join(root, 'apps', app, '__init__.py'))) throw new CodedError('APP_NOT_FOUND', `apps/${app}/__init__.py`)
    }
    await this.stopSession()
    const session = ++this.session
    this.ctrl = createControlBlock()
    this.memWarned = false
    this.network = new NetworkPolicy(root, readNetworkSettings(root, this.deps.userDataDir))
    this.setState({ status: 'starting', ...(app ? { app } : {}) })
    let done!: () => void
    this.sessionEnded = new Promise<void>((r) => (done = r))
    const entry = app && !args.launcher ? ({ kind: 'app', slug: app } as const) : ({ kind: 'launcher', ...(app ? { preferred: app } : {}) } as const)
    try {
      await this.spawn(session, root, entry, 'cold', done)
    } catch (e) {
      done()
      this.setState({ status: 'stopped', message: (e as Error).message })
      throw new CodedError('EMULATOR_START_FAILED', (e as Error).message)
    }
    this.startStats(session)
    return this.state
  }

  private async spawn(
    session: number,
    root: string,
    entry: BootEntry,
    wake: 'cold' | 'watchdog',
    done: () => void,
  ): Promise<void> {
    for (const s of [SLOT.STOP, SLOT.FRAMES, SLOT.MEM_USED, SLOT.MEM_PEAK, SLOT.WAITING]) Atomics.store(this.ctrl, s, 0)
    const config = await projectBootConfig({
      projectDir: root,
      ...(this.deps.userDataDir ? { userDataDir: this.deps.userDataDir } : {}),
      entry,
      wake,
      timing: { mode: 'realtime' },
      memoryBudget: this.budget,
      wifi: this.network?.getSettings().enabled ?? false,
      launchReturnedPath: this.deps.launchReturnedPath ?? false,
      ctrl: this.ctrl,
      instrument: true,
    })
    if (session !== this.session) return done()
    const boot = spawnBoot({
      config,
      network: this.network,
      ...(this.deps.watchdogMs !== undefined ? { watchdogMs: this.deps.watchdogMs } : {}),
      ...(this.deps.workerSpec ? { spec: this.deps.workerSpec } : {}),
      onMessage: (m) => this.onMessage(session, m),
    })
    if (session !== this.session) {
      // Stopped while this boot was being prepared.
      void boot.kill().then(() => done())
      return
    }
    this.boot = boot
    this.debug.attach(boot)
    void boot.exited.then((exit) => {
      this.debug.detach(boot)
      this.onExit(session, root, exit, done)
    })
  }

  private onMessage(session: number, m: WorkerMessage): void {
    if (session !== this.session) return
    switch (m.type) {
      case 'frame': {
        this.latest = new Uint8Array(m.rgba)
        this.latestFrameNo = m.frame
        if (this.stateNow.status === 'starting') this.setState({ ...this.stateNow, status: 'running' })
        if (m.memUsed > this.budget * 0.9 && !this.memWarned) {
          this.memWarned = true
          const pct = Math.round((m.memUsed * 100) / this.budget)
          this.deps.emit('emulator:output', { data: `[emulator] the app uses about ${pct}% of the badge's heap (${m.memUsed} of ${this.budget} bytes)\n`, stream: 'stderr' })
        }
        const ev: EmulatorFrame = { width: 160, height: 120, frame: m.frame, rgba: this.latest, fps: this.lastStats.fps }
        this.deps.emit('emulator:frame', ev)
        break
      }
      case 'output':
        this.deps.emit('emulator:output', { data: m.data, stream: m.stream })
        break
      case 'debug':
        this.debug.onMessage(m, Atomics.load(this.ctrl, SLOT.FRAMES))
        break
      case 'warning':
        this.deps.emit('emulator:output', { data: `[emulator] ${m.message}\n`, stream: 'stderr' })
        break
      case 'app': {
        const slug = m.path?.replace(/^\/system\/apps\//, '')
        this.setState({ status: this.stateNow.status === 'crashed' ? 'running' : this.stateNow.status, ...(slug ? { app: slug } : {}) })
        break
      }
      case 'error': {
        const ev: EmulatorError = { ...m.error, phase: m.error.type === 'MemoryError' ? 'memory' : m.error.phase }
        this.deps.emit('emulator:output', { data: m.error.text, stream: 'stderr' })
        this.deps.emit('emulator:error', ev)
        this.setState({ ...this.stateNow, status: 'crashed', message: m.error.text.trim().split('\n').pop() ?? m.error.type })
        break
      }
      default:
        break
    }
  }

  private onExit(session: number, root: string, exit: BootExit, done: () => void): void {
    if (session !== this.session) return done()
    this.boot = null
    if (exit.reason === 'reboot') {
      void this.spawn(session, root, rebootEntry(exit), 'watchdog', done).catch((e: Error) => {
        this.setState({ status: 'stopped', message: e.message })
        done()
      })
      return
    }
    this.stopStats()
    if (exit.reason === 'watchdog') {
      const stuck = 'stuck' in exit ? exit.stuck : undefined
      const where = stuck ? ` It was running ${stuck.file} line ${stuck.line} (in ${stuck.fn}).` : ''
      const text = `The app produced no frame for 5 seconds and was stopped.${where}\n`
      const frames = stuck ? [{ file: stuck.file, vfsPath: `/system/${stuck.file}`, line: stuck.line, fn: stuck.fn }] : []
      this.deps.emit('emulator:output', { data: text, stream: 'stderr' })
      this.deps.emit('emulator:error', { phase: 'watchdog', type: 'Watchdog', text, frames } satisfies EmulatorError)
      this.setState({ ...this.stateNow, status: 'watchdog', message: text.trim() })
    } else if (exit.reason === 'failed' || exit.reason === 'crashed' || exit.reason === 'memory') {
      const msg = 'error' in exit && exit.error ? exit.error.text : 'message' in exit ? (exit.message ?? exit.reason) : exit.reason
      if ('error' in exit && exit.error) this.deps.emit('emulator:error', exit.error)
      this.setState({ ...this.stateNow, status: 'crashed', message: msg })
    } else this.setState({ ...this.stateNow, status: 'stopped' })
    done()
  }

  private async stopSession(): Promise<void> {
    const boot = this.boot
    this.session++
    this.stopStats()
    if (boot) await boot.stop()
    this.boot = null
  }

  /** Stops the app: KeyboardInterrupt (on_exit runs), the worker is ended if still busy after 1 s. */
  async stop(): Promise<EmulatorState> {
    if (!this.boot && this.stateNow.status !== 'starting') {
      if (this.stateNow.status === 'stopped') throw new CodedError('EMULATOR_NOT_RUNNING')
      return this.setState({ ...this.stateNow, status: 'stopped' })
    }
    this.setState({ ...this.stateNow, status: 'stopping' })
    await this.stopSession()
    return this.setState({ ...this.stateNow, status: 'stopped' })
  }

  /** Stops and starts the same app (or launcher) again. */
  async restart(): Promise<EmulatorState> {
    const app = this.stateNow.app
    return this.start(app ? { app } : {})
  }

  private requireRunning(): void {
    if (!this.boot) throw new CodedError('EMULATOR_NOT_RUNNING')
  }

  /** Holds a button down; a press is latched so the app sees it even if released before its next poll. */
  press(button: BadgeButtonName): void {
    this.requireRunning()
    pressButton(this.ctrl, BUTTONS[button])
  }

  /** Releases a button. */
  release(button: BadgeButtonName): void {
    releaseButton(this.ctrl, BUTTONS[button])
  }

  /** Queues an IR frame for the app's next decode(). */
  sendIr(address: number, command: number): void {
    this.requireRunning()
    if (!pushIr(this.ctrl, address, command)) throw new CodedError('EMULATOR_BUSY', 'too many IR frames queued')
  }

  /** The user's network settings for the open project, with the hosts the project proposes. */
  getNetwork(): EmulatorNetwork {
    const root = this.root()
    return { ...(this.network?.getSettings() ?? readNetworkSettings(root, this.deps.userDataDir)), proposed: readProposedHosts(root) }
  }

  /** Sets and saves the user's network settings for the open project (applies to the running app at once). */
  setNetwork(s: EmulatorNetwork): EmulatorNetwork {
    const root = this.root()
    const clean = writeNetworkSettings(root, { enabled: s.enabled, allow: s.allow }, this.deps.userDataDir)
    this.network?.setSettings(clean)
    return { ...clean, proposed: readProposedHosts(root) }
  }

  /** Empties the project's emulator / volume. Refused while an app runs. */
  resetState(): void {
    const root = this.root()
    if (this.boot) throw new CodedError('EMULATOR_BUSY', 'stop the app before resetting its files')
    rmSync(projectStateDir(root), { recursive: true, force: true })
  }

  /** The latest frame as PNG. */
  screenshot(): { png: Uint8Array; width: number; height: number } {
    if (!this.latest) throw new CodedError('EMULATOR_NOT_RUNNING', 'no frame yet')
    const png = encode({ width: 160, height: 120, data: this.latest, channels: 4, depth: 8 })
    return { png, width: 160, height: 120 }
  }

  private startStats(session: number): void {
    this.stopStats()
    this.lastStats = { t: Date.now(), frames: 0, fps: 0 }
    this.statsTimer = setInterval(() => {
      if (session !== this.session) return
      const now = Date.now()
      const frames = Atomics.load(this.ctrl, SLOT.FRAMES)
      const df = frames >= this.lastStats.frames ? frames - this.lastStats.frames : frames
      const fps = Math.round((df * 1000) / Math.max(1, now - this.lastStats.t))
      this.lastStats = { t: now, frames, fps }
      const stats: EmulatorStats = {
        fps,
        frames: this.latestFrameNo,
        memUsed: Atomics.load(this.ctrl, SLOT.MEM_USED),
        memPeak: Atomics.load(this.ctrl, SLOT.MEM_PEAK),
        memTotal: this.budget,
      }
      this.deps.emit('emulator:stats', stats)
    }, 500)
    this.statsTimer.unref?.()
  }

  private stopStats(): void {
    if (this.statsTimer) clearInterval(this.statsTimer)
    this.statsTimer = null
  }

  /** Waits for the current session (and its reboots) to end. */
  whenIdle(): Promise<void> {
    return this.sessionEnded
  }

  /** Stops everything (app quit), including the idle worker kept for the next boot. */
  async dispose(): Promise<void> {
    await this.stopSession()
    await disposeStandbyWorkers()
  }
}

/** IPC handlers for the `emulator:*` operations, for the main process's router. */
export function emulatorHandlers(host: EmulatorHost): Record<string, (args: never) => unknown> {
  return {
    'emulator:start': (a: { app?: string; launcher?: boolean }) => host.start(a),
    'emulator:stop': () => host.stop(),
    'emulator:restart': () => host.restart(),
    'emulator:press': (a: { button: BadgeButtonName }) => host.press(a.button),
    'emulator:release': (a: { button: BadgeButtonName }) => host.release(a.button),
    'emulator:resetState': () => host.resetState(),
    'emulator:getNetwork': () => host.getNetwork(),
    'emulator:setNetwork': (a: EmulatorNetwork) => host.setNetwork(a),
    'emulator:sendIr': (a: { address: number; command: number }) => host.sendIr(a.address, a.command),
    'emulator:screenshot': () => host.screenshot(),
  }
}
