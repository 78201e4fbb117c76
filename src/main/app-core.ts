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
import type { BindingInterface } from './services/device/binding-types'
import path from 'node:path'
import { ProjectService } from './services/project/project-service'
import { UnsavedCopies } from './services/project/unsaved-copies'
import { SettingsStore } from './services/settings'
import type { Settings } from '../shared/ipc/domains/app'
import { diagnostics } from './handlers/diagnostics'
import { CheckService, checkHandlers } from './services/check/check-service'
import { log, parseLevel, setLogLevel } from './services/log/logger'
import { transcriptSwitch } from './services/log/transcript'

/** Options for {@link createAppCore}. */
export interface AppCoreOptions {
  /** Per-user folder for settings, caches and the virtual badge's flash. */
  userDataDir: string
  shell: HostShell
  /** Watch the project for external changes (default true). */
  watch?: boolean
  /** Finds the badge's BADGER drive (disk mode); the system's mounts by default (tests pass their own). */
  detectDisk?: () => Promise<string | null>
  /** Lists and opens serial ports; serialport's native binding by default (tests plug badges in and out). */
  serialBinding?: BindingInterface
  /** The settings store to use; one per process when several windows each have a core (one file, one cache). */
  settings?: SettingsStore
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
  const settings = opts.settings ?? new SettingsStore(opts.userDataDir)
  const project = new ProjectService({ settings, emit: bus.emit, watch: opts.watch !== false })
  const { handlers: extra, services } = await serviceHandlers({ userDataDir: opts.userDataDir, emit: bus.emit, project, settings, ...(opts.detectDisk ? { detectDisk: opts.detectDisk } : {}), ...(opts.serialBinding ? { serialBinding: opts.serialBinding } : {}) })
  // The compiler's worker starts with the first check (opening a file), not with the window.
  const check = new CheckService()
  const handlers: PartialHandlers = {
    ...appHandlers(settings, opts.shell),
    ...projectHandlers(project, settings, opts.shell, new UnsavedCopies(path.join(opts.userDataDir, 'unsaved'))),
    ...extra,
    ...checkHandlers(check, project),
  }
  handlers['app:diagnostics'] = () => diagnostics(settings, services.device)
  // Settings that act at once: the serial transcript switch and the log level.
  const applySettings = (s: Settings) => {
    transcriptSwitch.on = s['serialTranscript'] === true
    setLogLevel(parseLevel(s['logLevel']))
  }
  applySettings(await settings.get())
  const setSettings = handlers['app:setSettings']!
  handlers['app:setSettings'] = async (args) => {
    const next = await setSettings(args)
    applySettings(next)
    return next
  }
  const missing = missingHandlers(handlers)
  if (missing.length) throw new Error(`IPC operations without a handler: ${missing.join(', ')}`)
  const route = createRouter(handlers)
  const ipcLog = log('ipc')
  // Every failed operation is logged with its code (what a bug report needs first).
  const dispatch: Dispatch = async (channel, args) => {
    const r = await route(channel, args)
    if (!r.ok && r.code !== 'CANCELLED') ipcLog.warn({ channel, code: r.code, detail: r.detail }, r.message)
    return r
  }
  const eventLog = log('events')
  bus.listen((channel, payload) => {
    if (channel === 'device:state' || channel === 'deploy:result' || channel === 'deploy:runState' || channel === 'emulator:state') eventLog.info({ channel, payload })
  })
  return {
    bus,
    dispatch,
    handlers,
    settings,
    project,
    services,
    async dispose() {
      await check.dispose()
      await services.dispose()
      await project.close()
    },
  }
}
