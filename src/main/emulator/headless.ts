/**
 * Runs a project in the emulator without a window (CLI, tests, benchmarks): boots the badge,
 * follows reboots, feeds a scripted button schedule per frame, captures frames and stops after
 * N frames, on failure or when the watchdog fires. Deterministic unless `realtime` is set.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BootHandle, spawnBoot, type BootExit } from './boot-worker'
import { SLOT } from './control-block'
import type { AppError, WorkerMessage } from './messages'
import { NetworkPolicy, readNetworkSettings, type NetworkSettings } from './network-policy'
import { projectBootConfig, rebootEntry, type BootEntry } from './project-boot'
import type { WorkerSpec } from './worker-url'
import type { DebugSession } from './debug-session'

/** Options for {@link runHeadless}. */
export interface HeadlessOptions {
  projectDir: string
  /** Start this app as the launcher would once chosen (else boot through main.py / the launcher). */
  app?: string
  /** Total frames to run (default 60). */
  frames?: number
  /** Frame → held button mask (see parsePressScript). */
  held?: Record<number, number>
  /** Frames to capture. */
  capture?: number[]
  seed?: number
  realtime?: boolean
  /** The writable / volume (default: the project's .badge-ide/badge-root). */
  stateDir?: string
  /** Folders overlaid under /system (default: the per-user assets cache when the project lacks assets). */
  systemOverlays?: string[]
  /** Network settings for this run (default: the user's saved settings for the project; off when none). */
  network?: NetworkSettings
  memoryBudget?: number
  watchdogMs?: number
  launchReturnedPath?: boolean
  /** How to start workers (default: emulatorWorkerSpec()). */
  workerSpec?: WorkerSpec
  /** Start an idle worker for the next boot once this one is up (default true; benchmarks turn it off). */
  prewarm?: boolean
  /** Debug the run: the project's files are instrumented and each boot is attached to this session. */
  debug?: DebugSession
  onOutput?(stream: 'stdout' | 'stderr', data: string): void
  onMessage?(msg: WorkerMessage): void
}

/** What a headless run produced. */
export interface HeadlessResult {
  status: 'ok' | 'failed' | 'watchdog' | 'memory' | 'stopped'
  /** Frames presented in total. */
  frames: number
  error?: AppError
  captures: Map<number, Uint8Array>
  lastFrame: Uint8Array | null
  output: string
  /** Boots started (1 + reboots). */
  boots: number
  /** Milliseconds from the first worker spawn to its first frame (cold start). */
  coldStartMs: number | null
  /** Every app path started, in order. */
  apps: string[]
  warnings: string[]
}

/** Runs the project headless; never throws for app failures (see `status`). */
export async function runHeadless(o: HeadlessOptions): Promise<HeadlessResult> {
  if (!existsSync(o.projectDir)) throw new Error(`project folder not found: ${o.projectDir}`)
  if (o.app && !existsSync(join(o.projectDir, 'apps', o.app, '__init__.py'))) {
    throw new Error(`app not found: ${o.app} (the project needs apps/${o.app}/__init__.py)`)
  }
  const total = o.frames ?? 60
  const settings = o.network ?? readNetworkSettings(o.projectDir)
  const network = new NetworkPolicy(o.projectDir, settings)
  const result: HeadlessResult = { status: 'ok', frames: 0, captures: new Map(), lastFrame: null, output: '', boots: 0, coldStartMs: null, apps: [], warnings: [] }
  let entry: BootEntry = o.app ? { kind: 'app', slug: o.app } : { kind: 'launcher' }
  let wake: 'cold' | 'watchdog' = 'cold'
  let idleBoots = 0
  for (;;) {
    const base = result.frames
    const config = await projectBootConfig({
      projectDir: o.projectDir,
      ...(o.stateDir ? { stateDir: o.stateDir } : {}),
      ...(o.systemOverlays ? { systemOverlays: o.systemOverlays } : {}),
      entry,
      wake,
      timing: { mode: o.realtime ? 'realtime' : 'headless', ...(o.seed !== undefined ? { seed: o.seed } : {}) },
      headless: { frames: total, capture: o.capture ?? [], held: o.held ?? {}, frameBase: base },
      wifi: settings.enabled,
      launchReturnedPath: o.launchReturnedPath ?? false,
      ...(o.memoryBudget ? { memoryBudget: o.memoryBudget } : {}),
      instrument: o.debug !== undefined,
    })
    const t0 = performance.now()
    result.boots++
    const boot: BootHandle = spawnBoot({
      config,
      network,
      ...(o.watchdogMs !== undefined ? { watchdogMs: o.watchdogMs } : {}),
      ...(o.workerSpec ? { spec: o.workerSpec } : {}),
      ...(o.prewarm === false ? { prewarm: false } : {}),
      onMessage: (msg) => {
        o.onMessage?.(msg)
        if (msg.type === 'output') {
          result.output += msg.data
          o.onOutput?.(msg.stream, msg.data)
        } else if (msg.type === 'frame') {
          if (result.coldStartMs === null) result.coldStartMs = performance.now() - t0
          result.captures.set(msg.frame, new Uint8Array(msg.rgba))
        } else if (msg.type === 'app' && msg.path) result.apps.push(msg.path)
        else if (msg.type === 'warning') result.warnings.push(msg.message)
        else if (msg.type === 'error') result.error = msg.error
        else if (msg.type === 'debug') o.debug?.onMessage(msg, Atomics.load(config.ctrl, SLOT.FRAMES))
      },
    })
    o.debug?.attach(boot)
    const exit: BootExit = await boot.exited
    o.debug?.detach(boot)
    result.frames = base + exit.frames
    if ('lastFrame' in exit && exit.lastFrame) result.lastFrame = new Uint8Array(exit.lastFrame)
    if (exit.frames === 0) idleBoots++
    else idleBoots = 0
    switch (exit.reason) {
      case 'frames-done':
        return result
      case 'reboot':
        if (idleBoots >= 3) {
          result.status = 'failed'
          result.output += '\n[badge-ide] the badge rebooted 3 times without drawing a frame; stopping.\n'
          return result
        }
        entry = rebootEntry(exit)
        wake = 'watchdog'
        continue
      case 'memory':
        result.status = 'memory'
        if (exit.error) result.error = exit.error
        return result
      case 'failed':
      case 'crashed':
        result.status = 'failed'
        if ('error' in exit && exit.error) result.error = exit.error
        if ('message' in exit && exit.message && !result.error) result.output += `\n${exit.message}\n`
        return result
      case 'watchdog':
        result.status = 'watchdog'
        return result
      default:
        result.status = 'stopped'
        return result
    }
  }
}
