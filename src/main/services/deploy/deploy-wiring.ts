/**
 * Builds the deploy and stats services over the device manager and returns their IPC handlers, so
 * the composition root adds them with one spread:
 *
 * ```ts
 * const ds = createDeployAndStats({ device, project: deps.project, settings: deps.settings, emit: deps.emit })
 * disposers.push(ds.dispose)
 * handlers = { ...handlers, ...ds.handlers }
 * ```
 */
import type { Emit } from '../../ipc/event-bus'
import type { PartialHandlers } from '../../ipc/router'
import type { DeviceManager } from '../device/device-manager'
import type { ProjectService } from '../project/project-service'
import type { SettingsStore } from '../settings'
import { createStatsService, statsHandlers, type StatsService } from '../stats/stats-service'
import { DeviceActivity } from './activity'
import { deployHandlers } from './deploy-handlers'
import { createDeployService, type DeployEmit, type DeployService } from './deploy-service'
import type { DiskDetector } from './disk-detect'

/** Dependencies of {@link createDeployAndStats}. */
export interface DeployAndStatsDeps {
  device: Pick<DeviceManager, 'session'>
  project: Pick<ProjectService, 'root'>
  settings: Pick<SettingsStore, 'get'>
  emit: Emit
  detectDisk?: DiskDetector
}

/** The two services, their handlers and a disposer. */
export interface DeployAndStats {
  deploy: DeployService
  stats: StatsService
  handlers: PartialHandlers
  dispose(): Promise<void>
}

/** Creates deploy + stats sharing one {@link DeviceActivity} (polling pauses during deploys and runs). */
export function createDeployAndStats(deps: DeployAndStatsDeps): DeployAndStats {
  const activity = new DeviceActivity()
  const session = () => {
    try {
      return deps.device.session
    } catch {
      return undefined
    }
  }
  const stats = createStatsService({
    session,
    activity,
    intervalMs: async () => (await deps.settings.get()).statsIntervalMs,
    emit: (c, p) => deps.emit(c, p),
  })
  const deploy = createDeployService({
    session: () => deps.device.session,
    projectRoot: () => deps.project.root,
    emit: deps.emit as DeployEmit,
    activity,
    onRunMemory: (mem) => stats.runMemory(mem),
    ...(deps.detectDisk ? { detectDisk: deps.detectDisk } : {}),
  })
  return {
    deploy,
    stats,
    handlers: { ...deployHandlers(deploy), ...statsHandlers(stats) },
    async dispose() {
      stats.dispose()
      await deploy.stop().catch(() => undefined)
    },
  }
}
