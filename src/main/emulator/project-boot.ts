/**
 * One boot of a project, as both the IDE (EmulatorHost) and headless runs (CLI, tests, bench)
 * start it: the worker configuration for a project, and what boots after a reboot.
 */
import type { BootConfig, HeadlessScript, HostWorkerConfig, TimingConfig } from './messages'
import type { BootExit } from './boot-worker'
import { projectStateDir, systemOverlaysFor } from './user-dirs'
import { makeWorkerConfig } from './worker-config'

/** An app slug as the launcher accepts it. */
const SLUG = /^[a-z][a-z0-9_]*$/

/** What a boot starts. */
export type BootEntry = BootConfig['entry']

/** Inputs of {@link projectBootConfig}. */
export interface ProjectBootOptions {
  projectDir: string
  entry: BootEntry
  wake: BootConfig['wake']
  timing: Partial<TimingConfig>
  /** The writable / volume (default: the project's .badge-ide/badge-root, checked for symlinks from the project down). */
  stateDir?: string
  /** Folders overlaid under /system (default: the per-user assets cache, see systemOverlaysFor). */
  systemOverlays?: string[]
  userDataDir?: string
  headless?: HeadlessScript | null
  memoryBudget?: number
  /** Wi-Fi is there only when the user switched the emulator's network on. */
  wifi: boolean
  launchReturnedPath?: boolean
  ctrl?: Int32Array
  /** Instrument the project's files for the debugger. */
  instrument?: boolean
}

/** The worker configuration of one boot of a project. */
export function projectBootConfig(o: ProjectBootOptions): Promise<HostWorkerConfig> {
  return makeWorkerConfig({
    mode: 'run',
    volumes: {
      systemDir: o.projectDir,
      systemOverlays: o.systemOverlays ?? systemOverlaysFor(o.projectDir, o.userDataDir),
      rootDir: o.stateDir ?? projectStateDir(o.projectDir),
      ...(o.stateDir ? {} : { rootBase: o.projectDir }),
      systemWritable: false,
      systemInsideRoot: false,
    },
    timing: o.timing,
    boot: { entry: o.entry, wake: o.wake, launchReturnedPath: o.launchReturnedPath ?? false },
    headless: o.headless ?? null,
    hardware: { wifi: o.wifi },
    ...(o.memoryBudget !== undefined ? { memoryBudget: o.memoryBudget } : {}),
    ...(o.ctrl ? { ctrl: o.ctrl } : {}),
    instrument: o.instrument ?? false,
  })
}

/** What boots after a boot ended with `reboot`: the app it named (launch-returned-path), else the launcher. */
export function rebootEntry(exit: BootExit): BootEntry {
  const next = exit.reason === 'reboot' && 'next' in exit && exit.next ? exit.next.replace(/^\/system\/apps\//, '') : null
  return next && SLUG.test(next) ? { kind: 'app', slug: next } : { kind: 'launcher' }
}
