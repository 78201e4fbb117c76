/** Emulator operations. Owned by the emulator-runtime work. */
import { z } from 'zod'
import { event, op } from '../define'
import { BADGE_BUTTONS } from '../../badge-buttons'
import type { TraceFrame } from '../../traceback'

/** Emulator state pushed to the renderer. */
export interface EmulatorState {
  status: 'stopped' | 'starting' | 'running' | 'crashed' | 'watchdog' | 'stopping'
  /** Slug of the app running (or last run). */
  app?: string
  message?: string
}

export { BADGE_BUTTONS, type BadgeButtonName } from '../../badge-buttons'

/** An error raised by the emulated app, with its traceback and frames for the editor. */
export interface EmulatorError {
  phase: 'update' | 'import' | 'boot' | 'watchdog' | 'memory'
  type: string
  text: string
  /** Frames as printed (innermost last), project files resolved. */
  frames: TraceFrame[]
}

/** A frame: 160×120 RGBA, row-major. */
export interface EmulatorFrame {
  width: number
  height: number
  frame: number
  rgba: Uint8Array
  fps: number
}

/** Per-frame figures, throttled to a few per second. */
export interface EmulatorStats {
  fps: number
  frames: number
  /** Estimated badge heap in use (Python heap + images and fonts), bytes. */
  memUsed: number
  memPeak: number
  /** The badge's heap (the budget), bytes. */
  memTotal: number
}

/**
 * The user's network settings for the open project (the emulator's network layer). The user
 * decides; `proposed` lists the hosts the project's own `.badge-ide/network.json` asks for, which
 * count only once the user has allowed them.
 */
export interface EmulatorNetwork {
  enabled: boolean
  allow: string[]
  proposed?: string[]
}

const button = z.object({ button: z.enum(BADGE_BUTTONS) })
const hostName = z.string().min(1).max(253).regex(/^(\*\.)?[A-Za-z0-9.-]+$/)

export const emulatorOps = {
  'emulator:start': op<EmulatorState>()(
    z.object({ app: z.string().max(255).optional(), launcher: z.boolean().optional() }),
    'Boots the emulator for the open project: the app given (as the launcher starts it) or the launcher.',
  ),
  'emulator:state': op<EmulatorState>()(z.object({}), 'The current state (a reloaded window asks, since the app may still be running).'),
  'emulator:stop': op<EmulatorState>()(z.object({}), 'Stops the running app (KeyboardInterrupt, then the worker is ended after 1 s).'),
  'emulator:restart': op<EmulatorState>()(z.object({}), 'Stops and starts the same app again with a fresh interpreter.'),
  'emulator:press': op<void>()(button, 'Holds a badge button down.'),
  'emulator:release': op<void>()(button, 'Releases a badge button.'),
  'emulator:resetState': op<void>()(z.object({}), "Empties the project's emulator / volume (state files, caches); the app must be stopped."),
  'emulator:getNetwork': op<EmulatorNetwork>()(z.object({}), "The project's emulator network settings."),
  'emulator:setNetwork': op<EmulatorNetwork>()(
    z.object({ enabled: z.boolean(), allow: z.array(hostName).max(100) }),
    "Sets the user's emulator network switch and allowlist for the open project (kept in the user's data folder, never in the project).",
  ),
  'emulator:sendIr': op<void>()(
    z.object({ address: z.number().int().min(0).max(255), command: z.number().int().min(0).max(255) }),
    'Queues an NEC infrared frame for the app (delivered at its next decode()).',
  ),
  'emulator:screenshot': op<{ png: Uint8Array; width: number; height: number }>()(z.object({}), 'The latest frame as a 160×120 PNG.'),
}

export const emulatorEvents = {
  'emulator:state': event<EmulatorState>('Emulator state changed.'),
  'emulator:output': event<{ data: string; stream: 'stdout' | 'stderr' }>('Text printed by the emulated app.'),
  'emulator:frame': event<EmulatorFrame>('A new frame (the latest only; frames may be skipped under load).'),
  'emulator:stats': event<EmulatorStats>('FPS and memory figures.'),
  'emulator:error': event<EmulatorError>('The app failed; the traceback with project-relative frames.'),
}
