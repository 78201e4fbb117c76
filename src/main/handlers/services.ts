/**
 * Builds the device, emulator, deploy, stats and tools services and their IPC handlers. Each domain
 * contributes its own handler factory; this file only wires them together.
 */
import path from 'node:path'
import { SerialPort } from 'serialport'
import type { Emit } from '../ipc/event-bus'
import type { PartialHandlers } from '../ipc/router'
import { deployHandlers } from '../services/deploy/deploy-handlers'
import { fileRecordStore } from '../services/deploy/deploy-record'
import { createDeployService, type DeployService } from '../services/deploy/deploy-service'
import { deviceHandlers } from '../services/device/device-handlers'
import type { BindingInterface } from '../services/device/binding-types'
import { DeviceManager, loadVirtualBinding, virtualButton } from '../services/device/device-manager'
import type { BadgeButtonName } from '../../shared/badge-buttons'
import { VIRTUAL_PORT_PATH } from '../services/device/port-list'
import { EmulatorHost, emulatorHandlers } from '../services/emulator-host'
import { debugHandlers } from '../emulator/debug-session'
import type { EmulatorFrame } from '../../shared/ipc/domains/emulator'
import { createStatsService, statsHandlers, type StatsService } from '../services/stats/stats-service'
import type { ProjectService } from '../services/project/project-service'
import type { SettingsStore } from '../services/settings'
import { explainIdeFolder } from './ide-folder'
import { logTranscript, transcriptBinding, transcriptSwitch } from '../services/log/transcript'
import { toolsHandlers } from './tools'
import { virtualShareHandlers } from './virtual-share'

/** Dependencies every domain service may use. */
export interface ServiceDeps {
  userDataDir: string
  emit: Emit
  project: ProjectService
  settings: SettingsStore
  /** Finds the badge's BADGER drive (disk mode); the system's mounts by default. */
  detectDisk?: () => Promise<string | null>
  /** Lists and opens the serial ports (default: serialport's native binding; tests plug badges in and out). */
  serialBinding?: BindingInterface
}

/** Long-lived services, disposed on quit. */
export interface ServiceSet {
  /** The badge connection (serial or the virtual badge). */
  device: DeviceManager
  /** Deploy and run-on-badge over the device connection. */
  deploy: DeployService
  /** The badge emulator (one app at a time). */
  emulator: EmulatorHost
  /** Live device statistics. */
  stats: StatsService
  dispose(): Promise<void>
}

/** Creates the domain services and returns their handlers. */
export async function serviceHandlers(deps: ServiceDeps): Promise<{ handlers: PartialHandlers; services: ServiceSet }> {
  const disposers: Array<() => Promise<void> | void> = []
  // What an app run on the virtual badge draws is shown in the emulator pane, throttled like the emulator's.
  const virtualFrames = frameThrottle(deps.emit as (channel: string, payload: unknown) => void, {
    frame: 'device:virtualFrame',
    resetOn: ['deploy:runState', 'device:state'],
  })
  disposers.push(() => virtualFrames.dispose())
  const onVirtualFrame = virtualFrameEvents(virtualFrames.emit)
  const serial = deps.serialBinding ?? SerialPort.binding
  const device = new DeviceManager({
    emit: virtualFrames.emit,
    listBinding: serial,
    // Every port goes through the serial transcript (recording only while the user has it on);
    // the virtual badge keeps its flash under the user-data folder so files survive restarts.
    bindingFor: async (port) =>
      transcriptBinding(
        port === VIRTUAL_PORT_PATH
          ? await loadVirtualBinding(path.join(deps.userDataDir, 'virtual-badge'), { onFrame: onVirtualFrame })
          : serial,
        logTranscript,
        () => transcriptSwitch.on,
      ),
  })
  disposers.push(() => device.dispose())
  const deploy = createDeployService({
    session: () => device.session,
    projectRoot: () => deps.project.root,
    emit: virtualFrames.emit as Emit,
    // What was deployed where survives restarts, so the first redeploy is one round trip too.
    records: fileRecordStore(path.join(deps.userDataDir, 'deploy-records')),
    ...(deps.detectDisk ? { detectDisk: deps.detectDisk } : {}),
    // The memory an app reports while it runs on the badge goes to Live stats.
    onRunMemory: (mem) => stats.runMemory(mem),
  })
  disposers.push(() => deploy.stop().catch(() => undefined))
  const stats = createStatsService({
    session: () => {
      try {
        return device.session
      } catch {
        return undefined
      }
    },
    activity: deploy.activity,
    intervalMs: async () => (await deps.settings.get()).statsIntervalMs,
    emit: deps.emit,
  })
  disposers.push(() => stats.dispose())
  const frames = frameThrottle(deps.emit as (channel: string, payload: unknown) => void)
  disposers.push(() => frames.dispose())
  const emulator = new EmulatorHost({
    emit: frames.emit,
    projectRoot: () => deps.project.root,
    userDataDir: deps.userDataDir,
  })
  disposers.push(() => emulator.dispose())
  const share = virtualShareHandlers({ dir: path.join(deps.userDataDir, 'virtual-badge'), emit: virtualFrames.emit as Emit, onFrame: onVirtualFrame })
  disposers.push(() => share.dispose())
  const handlers: PartialHandlers = {
    ...deviceHandlers(device),
    ...share.handlers,
    'device:press': (a: { button: BadgeButtonName }) => virtualButton(path.join(deps.userDataDir, 'virtual-badge'), a.button, true),
    'device:release': (a: { button: BadgeButtonName }) => virtualButton(path.join(deps.userDataDir, 'virtual-badge'), a.button, false),
    ...deployHandlers(deploy),
    ...statsHandlers(stats),
    ...(emulatorHandlers(emulator) as PartialHandlers),
    ...(debugHandlers(emulator.debug) as PartialHandlers),
    'emulator:state': () => emulator.state,
    ...toolsHandlers({ project: deps.project, userDataDir: deps.userDataDir, emit: deps.emit, device: () => device.session }),
  }
  // The first run creates .badge-ide/ (the badge volume): say in the project what it is.
  const start = handlers['emulator:start']!
  handlers['emulator:start'] = async (args) => {
    const root = deps.project.root
    if (root) await explainIdeFolder(root).catch(() => undefined)
    return start(args)
  }
  return {
    handlers,
    services: {
      device,
      deploy,
      emulator,
      stats,
      async dispose() {
        for (const d of disposers.reverse()) await d()
      },
    },
  }
}

/** Fewest milliseconds between two frames sent to the renderer (about 30 per second). */
export const FRAME_INTERVAL_MS = 33

/** Which channel {@link frameThrottle} throttles, and the events after which a repeated frame is sent again. */
export interface FrameChannels {
  frame: string
  /** A new run starts after these: its first frame goes out even when it looks like the last one. */
  resetOn: readonly string[]
}

/**
 * Wraps an emit so frames (`emulator:frame` by default) reach the renderer at most every
 * {@link FRAME_INTERVAL_MS} (the latest frame wins) and unchanged frames are not sent again:
 * a window (or the E2E bridge's WebSocket) is never flooded faster than it can paint.
 */
export function frameThrottle(
  emit: (channel: string, payload: unknown) => void,
  channels: FrameChannels = { frame: 'emulator:frame', resetOn: ['emulator:state'] },
): {
  emit: (channel: string, payload: unknown) => void
  dispose(): void
} {
  let pending: { rgba: Uint8Array } | null = null
  let last: Uint8Array | null = null
  let lastAt = 0
  let timer: NodeJS.Timeout | null = null
  const flush = (): void => {
    timer = null
    const f = pending
    pending = null
    if (!f) return
    if (last && last.length === f.rgba.length && Buffer.compare(last, f.rgba) === 0) return
    last = f.rgba // each frame is a fresh array from the worker, never written afterwards: no copy
    lastAt = Date.now()
    emit(channels.frame, f)
  }
  return {
    emit(channel, payload) {
      if (channel !== channels.frame) {
        if (channels.resetOn.includes(channel)) last = null
        return emit(channel, payload)
      }
      pending = payload as { rgba: Uint8Array }
      if (timer) return
      const wait = Math.max(0, FRAME_INTERVAL_MS - (Date.now() - lastAt))
      timer = setTimeout(flush, wait)
    },
    dispose() {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}

/**
 * Turns the virtual badge's frames into `device:virtualFrame` events, with the frames per second
 * measured over about a second of its own frame numbers.
 */
export function virtualFrameEvents(emit: (channel: string, payload: unknown) => void, now: () => number = Date.now): (rgba: Uint8Array, frame: number) => void {
  let mark = { t: now(), frame: 0 }
  let fps = 0
  return (rgba, frame) => {
    const t = now()
    if (frame < mark.frame) mark = { t, frame } // a new app counts from 0 again
    else if (t - mark.t >= 1000) {
      fps = Math.round(((frame - mark.frame) * 1000) / (t - mark.t))
      mark = { t, frame }
    }
    emit('device:virtualFrame', { width: 160, height: 120, frame, rgba, fps } satisfies EmulatorFrame)
  }
}
