/**
 * Everything the IDE's main process does, without Electron: services, the event bus and the IPC
 * router. The Electron shell, the E2E bridge and the browser dev server all build it the same way.
 */
import { EventBus } from './ipc/event-bus'
import { createRouter, missingHandlers, type Dispatch, type PartialHandlers } from './ipc/router'
import { appHandlers } from './handlers/app'
import { projectHandlers } from './handlers/project'
import { serviceHandlers, type ServiceSet } from './handlers/services'
import type { HostShell } from './handlers/host-shell'
import { ProjectService } from './services/project/project-service'
import { SettingsStore } from './services/settings'

/** Options for {@link createAppCore}. */
export interface AppCoreOptions {
  /** Per-user folder for settings, caches and the virtual badge's flash. */
  userDataDir: string
  shell: HostShell
  /** Watch the project for external changes (default true). */
  watch?: boolean
}

/** The running core: dispatch requests, listen to events, dispose on quit. */
export interface AppCore {
  bus: EventBus
  dispatch: Dispatch
  handlers: PartialHandlers
  settings: SettingsStore
  project: ProjectService
  services: ServiceSet
  dispose(): Promise<void>
}

/** Builds the core. Throws if any contract operation lacks a handler (caught by a unit test). */
export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const bus = new EventBus()
  const settings = new SettingsStore(opts.userDataDir)
  const project = new ProjectService({ settings, emit: bus.emit, watch: opts.watch !== false })
  const { handlers: extra, services } = await serviceHandlers({ userDataDir: opts.userDataDir, emit: bus.emit, project, settings })
  const handlers: PartialHandlers = {
    ...appHandlers(settings, opts.shell),
    ...projectHandlers(project, settings, opts.shell),
    ...extra,
  }
  const missing = missingHandlers(handlers)
  if (missing.length) throw new Error(`IPC operations without a handler: ${missing.join(', ')}`)
  return {
    bus,
    dispatch: createRouter(handlers),
    handlers,
    settings,
    project,
    services,
    async dispose() {
      await services.dispose()
      await project.close()
    },
  }
}
