/**
 * Builds the device, emulator, deploy, stats and tools services and their IPC handlers. Each domain
 * contributes its own handler factory; this file only wires them together.
 */
import { CodedError } from '../../shared/ipc/result'
import type { Emit } from '../ipc/event-bus'
import type { PartialHandlers } from '../ipc/router'
import type { ProjectService } from '../services/project/project-service'
import type { SettingsStore } from '../services/settings'

/** Dependencies every domain service may use. */
export interface ServiceDeps {
  userDataDir: string
  emit: Emit
  project: ProjectService
  settings: SettingsStore
}

/** Long-lived services, disposed on quit. */
export interface ServiceSet {
  dispose(): Promise<void>
}

/** Creates the domain services and returns their handlers. */
export async function serviceHandlers(_deps: ServiceDeps): Promise<{ handlers: PartialHandlers; services: ServiceSet }> {
  const disposers: Array<() => Promise<void> | void> = []
  const handlers: PartialHandlers = { ...pendingHandlers() }
  return {
    handlers,
    services: {
      async dispose() {
        for (const d of disposers.reverse()) await d()
      },
    },
  }
}

// Integration seam: operations whose services are being wired in answer NO_HANDLER until then.
function pendingHandlers(): PartialHandlers {
  const pending = (): never => {
    throw new CodedError('NO_HANDLER')
  }
  return {
    'device:listPorts': pending,
    'device:connect': pending,
    'device:disconnect': pending,
    'device:state': pending,
    'emulator:start': pending,
    'emulator:stop': pending,
  }
}
