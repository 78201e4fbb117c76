/** Live device statistics. Owned by the stats work. */
import { z } from 'zod'
import { event, op } from '../define'
import type { StatsUpdate } from '../../stats/types'

export type { DeviceStats, MemoryPoint, StatsUpdate } from '../../stats/types'

/** Polling state. */
export interface PollingState {
  enabled: boolean
  intervalMs: number
}

export const statsOps = {
  'stats:read': op<StatsUpdate>()(
    z.object({}),
    'Reads memory, storage, network and system in one device round trip (fields the firmware lacks are "not available"). While an app runs, returns the last values with memory from the run hook.',
  ),
  'stats:collectGarbage': op<StatsUpdate>()(z.object({}), 'Runs gc.collect() on the device and reads the stats again.'),
  'stats:setPolling': op<PollingState>()(
    z.object({ enabled: z.boolean(), intervalMs: z.number().int().min(250).max(600_000).optional() }),
    'Turns polling on or off; the interval defaults to settings.statsIntervalMs. Polls only while the device is idle.',
  ),
}

export const statsEvents = {
  'stats:update': event<StatsUpdate>('New stats (from polling, a read, or memory reported by a running app).'),
}
