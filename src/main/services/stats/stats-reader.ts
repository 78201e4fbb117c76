/** One stats read: the stats exec on the device session, parsed. */
import { CodedError } from '../../../shared/ipc/result'
import { parseStats } from '../../../shared/stats/parse-stats'
import type { DeviceStats } from '../../../shared/stats/types'
import type { DeviceSession } from '../device/device-session'
import { statsCode } from './stats-code'

/** The part of a session a stats read needs (a fake device in tests). */
export type StatsSession = Pick<DeviceSession, 'execOwn'> & Partial<Pick<DeviceSession, 'capabilities' | 'repl'>>

/**
 * Runs `fn` with plain raw mode unpaced where that is safe: a USB or emulated REPL reads input in C
 * into a large buffer, while a UART firmware (micro:bit) has a 64-byte ring and stays paced.
 */
async function unpaced<T>(session: StatsSession, fn: () => Promise<T>): Promise<T> {
  const c = session.capabilities
  const repl = session.repl
  if (!c || !repl || c.rawPaste || c.byteReader === 'uart') return fn()
  const pacing = repl.plainPacing
  repl.setPlainPacing(1 << 20, 0)
  try {
    return await fn()
  } finally {
    repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
  }
}

/**
 * Reads every stat in one exec. Fields the firmware lacks are "not available"; only a failing link
 * (or the program itself failing to compile) rejects.
 */
export async function readStats(session: StatsSession, opts: { collect?: boolean; timeoutMs?: number } = {}): Promise<DeviceStats> {
  const code = statsCode(opts.collect ?? false)
  const timeoutMs = opts.timeoutMs ?? 5000
  // Damaged code (a UART firmware drops what its 64-byte ring cannot hold) is sent again, paced.
  const r = await unpaced(session, () => session.execOwn(code, { timeoutMs }))
  // Each field is guarded on the device, so an exception here means the program never ran.
  if (r.exception && !r.stdout) throw new CodedError('DEVICE_ERROR', `reading stats: ${r.exception.type}: ${r.exception.message}`)
  return parseStats(r.stdout)
}
