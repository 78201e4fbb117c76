/**
 * Live stats for the IDE and the CLI: reads on demand, polls while the device is idle (never during
 * a deploy, a run or REPL input), keeps a memory history for the chart, and takes memory from the run
 * wrapper's markers while an app runs.
 *
 * Create with {@link createStatsService}; IPC handlers come from {@link statsHandlers}.
 */
import { CodedError } from '../../../shared/ipc/result'
import type { PollingState } from '../../../shared/ipc/domains/stats'
import type { PartialHandlers } from '../../ipc/router'
import { NA, type DeviceStats, type MemoryPoint, type StatsUpdate } from '../../../shared/stats/types'
import type { DeviceSession } from '../device/device-session'
import type { DeviceActivity } from '../deploy/activity'
import { readStats } from './stats-reader'

/** Points kept for the memory chart. */
export const HISTORY_LENGTH = 300

/** Dependencies of {@link createStatsService}. */
export interface StatsServiceDeps {
  /** The connected session or undefined (not connected). */
  session: () => DeviceSession | undefined
  /** Deploy/run activity (polling pauses while either is on). */
  activity?: DeviceActivity
  /** The polling interval from the settings (`statsIntervalMs`). */
  intervalMs?: () => number | Promise<number>
  emit?: (channel: 'stats:update', payload: StatsUpdate) => void
}

/** Stats reads and polling for one device connection at a time. */
export class StatsService {
  private history: MemoryPoint[] = []
  private last: DeviceStats | undefined
  private timer: NodeJS.Timeout | undefined
  private polling: PollingState = { enabled: false, intervalMs: 2000 }
  private reading: Promise<void> | null = null

  constructor(private readonly deps: StatsServiceDeps) {
    // A deploy or a run changes storage and memory, and it already took the device from the REPL
    // (which polls skip): read once when it ends, so the figures are not those from before it.
    let was = false
    deps.activity?.onChange(() => {
      const busy = deps.activity!.deploying || deps.activity!.running
      if (was && !busy && this.polling.enabled) void this.readNow()
      was = busy
    })
  }

  private session(): DeviceSession {
    const s = this.deps.session()
    if (!s) throw new CodedError('NOT_CONNECTED')
    return s
  }

  /** True when a poll would not disturb anything: connected, no deploy, no run, no REPL, queue empty. */
  idle(): boolean {
    const s = this.deps.session()
    const a = this.deps.activity
    return !!s && !s.transport.closed && !s.busy && !s.replActive && !a?.deploying && !a?.running
  }

  private update(stats: DeviceStats): StatsUpdate {
    this.last = stats
    const { free, used } = stats.memory
    if (typeof free === 'number' && typeof used === 'number') {
      this.history.push({ at: stats.at, free, used })
      if (this.history.length > HISTORY_LENGTH) this.history.splice(0, this.history.length - HISTORY_LENGTH)
    }
    const u: StatsUpdate = { stats, history: [...this.history] }
    this.deps.emit?.('stats:update', u)
    return u
  }

  /**
   * Reads everything in one round trip. While an app started from the IDE runs, the device is not
   * touched: the last values come back with the run hook's memory.
   */
  async read(opts: { collect?: boolean } = {}): Promise<StatsUpdate> {
    if (this.deps.activity?.running) {
      if (!this.last) throw new CodedError('DEVICE_BUSY', 'an app is running; stats resume when it stops')
      return { stats: this.last, history: [...this.history] }
    }
    return this.update(await readStats(this.session(), opts))
  }

  /** `gc.collect()` on the device, then a read. */
  async collectGarbage(): Promise<StatsUpdate> {
    if (this.deps.activity?.running) throw new CodedError('DEVICE_BUSY', 'an app is running; stop it to collect garbage')
    return this.read({ collect: true })
  }

  /** Memory reported by the run wrapper while an app runs (other sections keep their last values). */
  runMemory(mem: { free: number; used: number; total: number }): StatsUpdate {
    const base = this.last ?? emptyStats()
    return this.update({ ...base, at: Date.now(), source: 'run-hook', memory: mem })
  }

  /** Current polling state. */
  get pollingState(): PollingState {
    return { ...this.polling }
  }

  /** Starts or stops polling; the interval defaults to the settings value. */
  async setPolling(enabled: boolean, intervalMs?: number): Promise<PollingState> {
    const interval = intervalMs ?? (await this.deps.intervalMs?.()) ?? this.polling.intervalMs
    this.polling = { enabled, intervalMs: Math.max(250, interval) }
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (enabled) this.schedule()
    return this.pollingState
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.polling.intervalMs)
    this.timer.unref?.()
  }

  /** One polling step: reads only when idle; errors are dropped (the device state shows them). */
  async tick(): Promise<void> {
    // A read in flight (the one after a deploy or run) counts as this step's.
    if (this.polling.enabled && (this.reading || this.idle())) await this.readNow()
    if (this.polling.enabled) this.schedule()
  }

  /**
   * A read for polling, one at a time (a second caller waits for the one in flight); a failure is
   * not worth a popup: the next one retries.
   */
  private readNow(): Promise<void> {
    if (this.reading) return this.reading
    if (!this.deps.session()) return Promise.resolve()
    this.reading = (async () => {
      try {
        this.update(await readStats(this.session()))
      } catch {
        // Disconnects surface elsewhere.
      } finally {
        this.reading = null
      }
    })()
    return this.reading
  }

  /** Forgets the history (a new connection). */
  reset(): void {
    this.history = []
    this.last = undefined
  }

  /** Stops polling. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.polling.enabled = false
  }
}

/** Stats with every field "not available" (before the first read). */
export function emptyStats(at = Date.now()): DeviceStats {
  return {
    at,
    source: 'poll',
    memory: { free: NA, used: NA, total: NA },
    storage: { mount: NA, total: NA, used: NA, free: NA },
    network: { available: false, active: NA, connected: NA, ssid: NA, ip: NA, netmask: NA, gateway: NA, dns: NA, mac: NA, rssi: NA, configuredSsid: NA },
    system: { firmware: NA, micropython: NA, platform: NA, machine: NA, cpuFreqHz: NA, screen: NA, uptimeMs: NA, uniqueId: NA },
  }
}

/** Creates the stats service (see {@link StatsServiceDeps}). */
export function createStatsService(deps: StatsServiceDeps): StatsService {
  return new StatsService(deps)
}

/** Handlers for every `stats:*` operation. */
export function statsHandlers(service: StatsService): PartialHandlers {
  return {
    'stats:read': () => service.read(),
    'stats:collectGarbage': () => service.collectGarbage(),
    'stats:setPolling': ({ enabled, intervalMs }) => service.setPolling(enabled, intervalMs),
  }
}
