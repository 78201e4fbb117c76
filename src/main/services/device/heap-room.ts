/**
 * Room on a small heap for own code that only reads (the capability probe, the deploy plan query).
 * What ran before can leave a micro:bit-sized heap too full to run it: a collection usually frees
 * enough, and a clean VM always does.
 */
import type { ExecResult } from './raw-repl'

/** Python that frees what earlier code left on the heap (run in its own exec: parsing comes first). */
export const COLLECT_GARBAGE = 'import gc\ngc.collect()\n'

/** How to make room: collect garbage, and optionally start a clean VM when that is not enough. */
export interface MakeRoom {
  collect: () => Promise<unknown>
  cleanVm?: () => Promise<unknown>
}

/**
 * Runs `run`; on MemoryError collects and runs it again, then (where allowed) starts a clean VM and
 * runs it once more. The code must only read, so running it again changes nothing.
 */
export async function runWithRoom(run: () => Promise<ExecResult>, room: MakeRoom): Promise<ExecResult> {
  let r = await run()
  if (r.exception?.type !== 'MemoryError') return r
  await room.collect()
  r = await run()
  if (r.exception?.type !== 'MemoryError' || !room.cleanVm) return r
  await room.cleanVm()
  return run()
}
