/** One stats read: the stats exec on the device session, parsed. */
import { CodedError } from '../../../shared/ipc/result'
import { parseStats } from '../../../shared/stats/parse-stats'
import type { DeviceStats } from '../../../shared/stats/types'
import type { DeviceSession } from '../device/device-session'
import { statsCode } from './stats-code'

/** The part of a session a stats read needs (a fake device in tests). */
export type StatsSession = Pick<DeviceSession, 'execOwn'>

/**
 * Reads every stat in one exec. Fields the firmware lacks are "not available"; only a failing link
 * (or the program itself failing to compile) rejects.
 */
export async function readStats(session: StatsSession, opts: { collect?: boolean; timeoutMs?: number } = {}): Promise<DeviceStats> {
  const code = statsCode(opts.collect ?? false)
  const timeoutMs = opts.timeoutMs ?? 5000
  // Own code: a copy the link damaged is sent again (the session's link policy).
  const r = await session.execOwn(code, { timeoutMs })
  // Each field is guarded on the device, so an exception here means the program never ran.
  if (r.exception && !r.stdout) throw new CodedError('DEVICE_ERROR', `reading stats: ${r.exception.type}: ${r.exception.message}`)
  return parseStats(r.stdout)
}
