/**
 * Deploy and run-on-badge for the IDE and the CLI: chooses the route (the USB drive when the badge is
 * mounted, else the serial link), plans, deploys with progress and cancel, and runs apps with
 * streamed output, mapped tracebacks and Stop.
 *
 * Create with {@link createDeployService}; the IPC handlers come from {@link deployHandlers}.
 */
import type { DeployPlanView, RunState } from '../../../shared/ipc/domains/deploy'
import type { DeployProgress, DeployResult } from '../../../shared/deploy/types'
import { CodedError } from '../../../shared/ipc/result'
import { isErrorCode } from '../../../shared/ipc/errors'
import { parseMemMarker } from '../../../shared/stats/run-marker'
import type { DeviceSession } from '../device/device-session'
import { DeviceActivity } from './activity'
import type { DeployTarget } from './deploy-target'
import { deploy, prepareDeploy, type DeployOptions } from './deployer'
import { createDiskDetector, type DiskDetector } from './disk-detect'
import { DiskTarget } from './disk-target'
import { startRun, type AppRun, type RunResult } from './runner'
import { SerialTarget, layoutFor } from './serial-target'
import { memoryRecordStore, type RecordStore } from './deploy-record'

/** The events the service emits (a subset of the app's `Emit`). */
export type DeployEmit = {
  (channel: 'deploy:progress', payload: DeployProgress): void
  (channel: 'deploy:result', payload: DeployResult): void
  (channel: 'deploy:runState', payload: RunState): void
  (channel: 'device:output', payload: { data: string; stream: 'stdout' | 'stderr' | 'repl' }): void
}

/** Dependencies of {@link createDeployService}. */
export interface DeployServiceDeps {
  /** The connected session (throws `NOT_CONNECTED`), e.g. `() => deviceManager.session`. */
  session: () => DeviceSession
  /** The open project's root folder, or null. */
  projectRoot: () => string | null
  emit?: DeployEmit
  /** Finds the badge's USB drive; default: the real detector for this OS. */
  detectDisk?: DiskDetector
  /** Shared with stats so polling pauses during deploys and runs. */
  activity?: DeviceActivity
  /** Memory reported by a running app's wrapper (for the stats view). */
  onRunMemory?: (mem: { free: number; used: number; total: number }) => void
  /** Local records of earlier deploys (default: in memory for this process). */
  records?: RecordStore
}

/** Options of a deploy request (the project comes from `projectRoot`). */
export type DeployRequest = Omit<DeployOptions, 'root'>

const noEmit: DeployEmit = () => undefined

/** Deploy and run, one at a time. */
export class DeployService {
  readonly activity: DeviceActivity
  private readonly emit: DeployEmit
  private readonly detectDisk: DiskDetector
  private abort: AbortController | undefined
  private run: { app: string; handle: AppRun } | undefined
  private readonly records: RecordStore

  constructor(private readonly deps: DeployServiceDeps) {
    this.emit = deps.emit ?? noEmit
    this.detectDisk = deps.detectDisk ?? createDiskDetector()
    this.activity = deps.activity ?? new DeviceActivity()
    this.records = deps.records ?? memoryRecordStore()
  }

  private root(): string {
    const r = this.deps.projectRoot()
    if (!r) throw new CodedError('NO_PROJECT')
    return r
  }

  /** The route: the mounted drive when present (the serial link is then not used for writes). */
  async target(): Promise<DeployTarget & { mount?: string }> {
    const mount = await this.detectDisk()
    if (mount) return Object.assign(new DiskTarget(mount), { mount })
    return new SerialTarget(this.deps.session())
  }

  /** The plan (one device round trip); writes nothing. */
  async plan(req: DeployRequest): Promise<DeployPlanView> {
    this.ensureIdle()
    const root = this.root()
    const target = await this.target()
    const prep = await prepareDeploy(target, { ...req, root, records: this.records })
    const view: DeployPlanView = { plan: prep.plan, via: target.via }
    if (target instanceof DiskTarget) view.mount = target.mount
    return view
  }

  private ensureIdle(): void {
    if (this.abort) throw new CodedError('DEPLOY_IN_PROGRESS')
    if (this.run) throw new CodedError('DEVICE_BUSY', `app "${this.run.app}" is running on the badge; press Stop first`)
  }

  /**
   * Deploys: plan, then only what changed, with `deploy:progress` events. Resolves with the result
   * (also emitted as `deploy:result`); device failures are in the result, not thrown.
   */
  async deploy(req: DeployRequest): Promise<DeployResult> {
    this.ensureIdle()
    const abort = new AbortController()
    this.abort = abort
    this.activity.set({ deploying: true })
    try {
      return await this.deployWith(req, abort.signal)
    } finally {
      this.abort = undefined
      this.activity.set({ deploying: false })
    }
  }

  private async deployWith(req: DeployRequest, signal: AbortSignal): Promise<DeployResult & { deviceToRel?: Map<string, string> }> {
    const root = this.root()
    const target = await this.target()
    this.emit('deploy:progress', { phase: 'planning', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 })
    const { prep, result } = await deploy(target, { ...req, root, records: this.records }, { signal, onProgress: (p) => this.emit('deploy:progress', p) })
    this.emit('deploy:result', result)
    return Object.assign(result, { deviceToRel: prep.deviceToRel })
  }

  /** Cancels a running deploy (the current file completes). No-op when none runs. */
  cancel(): void {
    this.abort?.abort()
  }

  /**
   * Deploys what changed in app `app` and starts it on the badge. Resolves once it runs (state
   * "running"); the end arrives as a `deploy:runState` event and through {@link runDone}.
   */
  async runApp(app: string): Promise<RunState> {
    this.ensureIdle()
    this.emit('deploy:runState', { status: 'deploying', app })
    const abort = new AbortController()
    this.abort = abort
    this.activity.set({ deploying: true })
    let deployed: Awaited<ReturnType<DeployService['deployWith']>>
    try {
      deployed = await this.deployWith({ app }, abort.signal)
      if (deployed.status === 'failed' || deployed.status === 'cancelled') {
        const err = deployed.error
        throw new CodedError(err && isErrorCode(err.code) ? err.code : 'CANCELLED', err?.detail)
      }
    } catch (e) {
      this.emit('deploy:runState', { status: 'error', app, exception: e instanceof Error ? e.message : String(e) })
      throw e
    } finally {
      this.abort = undefined
      this.activity.set({ deploying: false })
    }
    const session = this.deps.session()
    const handle = await startRun(session, {
      slug: app,
      layout: layoutFor(session),
      deviceToRel: deployed.deviceToRel ?? new Map(),
      onOutput: (data, stream) => this.emit('device:output', { data, stream }),
      onMarker: (payload) => {
        const mem = parseMemMarker(payload)
        if (mem) this.deps.onRunMemory?.(mem)
      },
    })
    this.run = { app, handle }
    this.activity.set({ running: true })
    const ended = handle.done.then(
      (r: RunResult): RunState => ({ app, ...r }),
      (e: unknown): RunState => ({ app, status: 'error', exception: e instanceof Error ? e.message : String(e) }),
    )
    this.runEnded = ended.then((state) => {
      this.run = undefined
      this.activity.set({ running: false })
      this.emit('deploy:runState', state)
      return state
    })
    const state: RunState = { status: 'running', app }
    this.emit('deploy:runState', state)
    return state
  }

  private runEnded: Promise<RunState> | undefined

  /** Resolves with the final state of the last app started (undefined when none was). */
  runDone(): Promise<RunState | undefined> {
    return this.runEnded ?? Promise.resolve(undefined)
  }

  /** True while an app started here runs. */
  get running(): boolean {
    return this.run !== undefined
  }

  /** Stops the running app; resolves once the device is at a prompt again. No-op when none runs. */
  async stop(): Promise<void> {
    const r = this.run
    if (!r) return
    await r.handle.stop()
    await this.runEnded
  }
}

/** Creates the deploy service (see {@link DeployServiceDeps}). */
export function createDeployService(deps: DeployServiceDeps): DeployService {
  return new DeployService(deps)
}
