/**
 * The IPC contract: every operation and event of the app in one place. Main registers a handler for
 * each operation (a test fails when one is missing); the preload and the test bridge expose exactly
 * these operations through {@link createClient}.
 */
import { appEvents, appOps } from './domains/app'
import { checkEvents, checkOps } from './domains/check'
import { debugEvents, debugOps } from './domains/debug'
import { deployEvents, deployOps } from './domains/deploy'
import { deviceEvents, deviceOps } from './domains/device'
import { emulatorEvents, emulatorOps } from './domains/emulator'
import { projectEvents, projectOps } from './domains/project'
import { statsEvents, statsOps } from './domains/stats'
import { toolsEvents, toolsOps } from './domains/tools'

/** Every request/response operation, keyed by channel (`namespace:name`). */
export const OPS = {
  ...appOps,
  ...projectOps,
  ...deviceOps,
  ...emulatorOps,
  ...debugOps,
  ...deployOps,
  ...statsOps,
  ...toolsOps,
  ...checkOps,
} as const

/** Every main → renderer event, keyed by channel. */
export const EVENTS = {
  ...appEvents,
  ...projectEvents,
  ...deviceEvents,
  ...emulatorEvents,
  ...debugEvents,
  ...deployEvents,
  ...statsEvents,
  ...toolsEvents,
  ...checkEvents,
} as const

export type Ops = typeof OPS
export type Events = typeof EVENTS
export type OpChannel = keyof Ops
export type EventChannel = keyof Events

/** All operation channels, for registration checks. */
export const OP_CHANNELS = Object.keys(OPS) as OpChannel[]
/** All event channels. */
export const EVENT_CHANNELS = Object.keys(EVENTS) as EventChannel[]
