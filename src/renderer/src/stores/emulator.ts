/**
 * The emulator as the views see it: run state, FPS and memory, the latest frame, and the commands
 * (run/stop/restart, button presses, PNG screenshot). Frames and stats come from the emulator
 * runtime's events; commands go through the `emulator:*` operations.
 */
import { reactive } from 'vue'
import { encode } from 'fast-png'
import type { EmulatorError, EmulatorFrame, EmulatorState, EmulatorStats } from '@shared/ipc/domains/emulator'
import { api, ApiError, call } from '../api'
import type { BadgeButtonName as BadgeButton } from '../../../shared/badge-buttons'
import { opaqueFrame, SCREEN_H, SCREEN_W } from '../lib/framebuffer'
import { saveBytes } from './save-bytes'
import { announceRun, consoleState, markFrames, markTraceback, writeConsole } from './console'
import { notify, notifyError } from './notifications'
import { allFiles, openFile, saveAll, workspace } from './workspace'

/** Live emulator status for the views. */
export const emulator = reactive({
  state: { status: 'stopped' } as EmulatorState,
  fps: 0,
  /** Heap bytes in use / total, when the runtime reports them. */
  memUsed: null as number | null,
  memTotal: null as number | null,
  /** Frames received since the last start (the canvas test waits on it). */
  frames: 0,
  /** Buttons currently held (on-screen or keyboard). */
  held: [] as BadgeButton[],
  /** Whose frames the pane shows: the emulator's, or those of an app run on the virtual badge. */
  source: 'emulator' as 'emulator' | 'virtual',
})

/**
 * The latest frame as RGBA (160×120×4); persists across view re-mounts. It is the array the
 * frame event carried (no copy on the way to the canvas), replaced by each new frame.
 */
export let lastFrame = new Uint8ClampedArray(SCREEN_W * SCREEN_H * 4)
const frameListeners = new Set<() => void>()

/** Called after each new frame lands in {@link lastFrame}. Returns the unsubscribe. */
export function onFrame(fn: () => void): () => void {
  frameListeners.add(fn)
  return () => frameListeners.delete(fn)
}

/** True while an app is running or starting. */
export function isRunning(): boolean {
  return emulator.state.status === 'running' || emulator.state.status === 'starting'
}

/** Applies a frame event: its pixels become {@link lastFrame} (a frame of another size is ignored). */
export function acceptFrame(f: EmulatorFrame, source: 'emulator' | 'virtual' = 'emulator'): void {
  const pixels = f.width === SCREEN_W && f.height === SCREEN_H ? opaqueFrame(f.rgba) : null
  if (!pixels) return
  emulator.source = source
  lastFrame = pixels
  emulator.frames++
  emulator.fps = f.fps
  for (const l of frameListeners) l()
}

/**
 * Applies a frame the virtual badge drew. While the emulator runs its own frames keep the pane, so
 * two apps never flicker in one screen.
 */
export function acceptVirtualFrame(f: EmulatorFrame): void {
  if (isRunning()) return
  acceptFrame(f, 'virtual')
}

/** Applies the emulator's fps and heap figures. */
export function acceptStats(s: EmulatorStats): void {
  // Figures that arrive after the app ended (a crash's last report) would stay on screen as if live.
  if (!isRunning()) return
  emulator.fps = s.fps
  emulator.memUsed = s.memUsed
  emulator.memTotal = s.memTotal
}

/** Marks the error's project frames in the editor and opens the innermost one. */
export function acceptError(e: EmulatorError): void {
  const last = markFrames(e.frames)
  errorSeen = true
  if (last) void openFile(last.path, last.line)
}

let errorSeen = false

function applyState(s: EmulatorState): void {
  const before = emulator.state.status
  emulator.state = s
  if (s.status === 'starting' || (s.status === 'running' && before !== 'starting' && before !== 'running')) {
    errorSeen = false
    consoleState.marks = {}
    consoleState.lastError = null
  }
  if (s.status !== 'running' && s.status !== 'starting') {
    emulator.fps = 0
    emulator.memUsed = null
    emulator.memTotal = null
  }
  if (s.status === 'crashed' && before !== 'crashed' && !errorSeen) {
    const frame = markTraceback(new Set(allFiles(workspace.project?.tree)))
    if (frame) void openFile(frame.path, frame.line)
  }
  if (s.status === 'stopped' || s.status === 'crashed' || s.status === 'watchdog') emulator.held = []
}

/** Subscribes to the emulator's events; call once at startup. Returns the unsubscribe. */
export function connectEmulator(): () => void {
  const offs = [
    api.on('emulator:state', applyState),
    api.on('emulator:output', ({ data, stream }) => writeConsole(data, stream)),
    api.on('emulator:frame', (f) => acceptFrame(f)),
    api.on('device:virtualFrame', acceptVirtualFrame),
    api.on('emulator:stats', acceptStats),
    api.on('emulator:error', acceptError),
  ]
  // A reloaded window: the app may still be running in main, with frames coming.
  void api.emulator.state({}).then((r) => {
    if (r.ok) applyState(r.value)
  })
  return () => offs.forEach((off) => off())
}

/** The app slug of the active tab (`apps/<slug>/…`), if any. */
export function activeAppSlug(): string | undefined {
  return /^apps\/([a-z][a-z0-9_]*)\//.exec(workspace.active ?? '')?.[1]
}

/**
 * Saves every dirty tab, then starts an app: `app`, else the app of the active tab, else the
 * project's launcher.
 */
export async function runApp(app: string | undefined = activeAppSlug()): Promise<void> {
  if (!workspace.project) return notify('error', 'No project is open. Open a project folder first.', 'NO_PROJECT')
  await saveAll()
  emulator.frames = 0
  announceRun(`Running ${app ?? workspace.project.name} in the emulator`, 'output')
  try {
    applyState(await call(api.emulator.start(app === undefined ? {} : { app })))
  } catch (e) {
    notifyError(e, 'Run')
  }
}

/** Stops the running app. */
export async function stopApp(): Promise<void> {
  try {
    applyState(await call(api.emulator.stop({})))
  } catch (e) {
    if (!(e instanceof ApiError && e.fail.code === 'EMULATOR_NOT_RUNNING')) notifyError(e, 'Stop')
  }
}

/** Stops and starts again (the runtime's restart when it has one). */
export async function restartApp(): Promise<void> {
  await saveAll()
  emulator.frames = 0
  if (isRunning()) announceRun(`Restarting ${emulator.state.app ?? 'the app'} in the emulator`, 'output')
  const r = await api.emulator.restart({})
  if (r.ok) return applyState(r.value)
  if (r.code === 'EMULATOR_NOT_RUNNING') return runApp(emulator.state.app)
  notifyError(new ApiError(r), 'Restart')
}

/** Presses (`down`) or releases a badge button in the emulator. */
export async function setButton(button: BadgeButton, down: boolean): Promise<void> {
  const held = emulator.held.includes(button)
  if (down === held) return
  emulator.held = down ? [...emulator.held, button] : emulator.held.filter((b) => b !== button)
  // The pane's buttons press the badge whose frames it shows: the virtual badge's, or the emulator's app's.
  if (emulator.source === 'virtual') {
    const r = await (down ? api.device.press({ button }) : api.device.release({ button }))
    if (!r.ok && r.code !== 'NOT_CONNECTED') notifyError(new ApiError(r), `Button ${button}`)
    return
  }
  if (!isRunning()) return
  const r = await (down ? api.emulator.press({ button }) : api.emulator.release({ button }))
  if (!r.ok && r.code !== 'EMULATOR_NOT_RUNNING') notifyError(new ApiError(r), `Button ${button}`)
}

/** The current frame as a 160×120 PNG. */
export function framePng(): Uint8Array {
  return encode({ width: SCREEN_W, height: SCREEN_H, data: new Uint8Array(lastFrame.buffer, lastFrame.byteOffset, lastFrame.length), channels: 4, depth: 8 })
}

/** Saves the current frame as a pixel-exact PNG (native save dialog, or a browser download). */
export async function saveScreenshot(): Promise<void> {
  const name = `${emulator.state.app ?? workspace.project?.name ?? 'badge'}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.png`
  try {
    const where = await saveBytes(name, framePng())
    if (where) notify('info', `Screenshot saved to ${where}`)
  } catch (e) {
    notifyError(e, 'Screenshot')
  }
}
