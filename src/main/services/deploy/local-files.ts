/**
 * Reading the project for a deploy: every regular file under the root (symlinks and ignored folders
 * skipped), and the bytes and hashes of the files selected.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { adler32 } from '../../../shared/deploy/checksum'
import { isIgnored } from '../../../shared/deploy/plan'
import type { LocalFile } from '../../../shared/deploy/types'
import { CodedError } from '../../../shared/ipc/result'

/** A project file with its bytes. */
export interface LocalFileData extends LocalFile {
  data: Uint8Array
}

/**
 * Every project-relative POSIX file path under `root`, sorted; hidden and ignored folders skipped.
 * With `under` (a folder such as `apps/clock/`), only the folders on the way to it and inside it are
 * walked. Listed synchronously, as the files are read: a thread-pool hop per folder cost more than
 * the listing.
 */
export async function listProjectFiles(root: string, under = ''): Promise<string[]> {
  const out: string[] = []
  const walk = (abs: string, rel: string): void => {
    let entries
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true })
    } catch (e) {
      if (rel === '') throw new CodedError('NOT_FOUND', `project folder ${root}: ${(e as Error).message}`)
      return
    }
    for (const d of entries) {
      const r = rel ? `${rel}/${d.name}` : d.name
      if (isIgnored(r)) continue
      // Symlinks could point outside the project; a deploy only sends what the project holds.
      const wanted = !under || under.startsWith(`${r}/`) || `${r}/`.startsWith(under)
      if (d.isDirectory() && wanted) walk(path.join(abs, d.name), r)
      else if (d.isFile()) out.push(r)
    }
  }
  walk(root, '')
  return out.sort()
}

/** Hashes of `data` as the plan compares them. */
export function hashBytes(rel: string, data: Uint8Array): LocalFileData {
  return { rel, data, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), adler32: adler32(data) }
}

/** The parts of a file's stat that change when its bytes do. */
export interface StatKey {
  ino: bigint
  size: bigint
  mtimeNs: bigint
  ctimeNs: bigint
}

/**
 * How far apart two writes must be for the second to show in the file's times: 2 s where the times
 * are whole seconds (FAT, whose "ctime" is the creation time, keeps 2 s), else 50 ms (Linux's coarse
 * clock and Windows' timer tick are 4–16 ms).
 */
function grainNs(mtimeNs: bigint): bigint {
  return mtimeNs % 1_000_000_000n === 0n ? 2_000_000_000n : 50_000_000n
}

/**
 * True when a file whose stat was `before` when its bytes were read at `readAtNs` (wall clock)
 * still has those bytes now that its stat is `now`: the stat is the same, and the read came later
 * than the grain of the file's times after its last change (else a write in the same tick could
 * have kept the times, git's "racy clean" case).
 */
export function unchangedSince(before: StatKey, now: StatKey, readAtNs: bigint): boolean {
  if (before.ino !== now.ino || before.size !== now.size || before.mtimeNs !== now.mtimeNs || before.ctimeNs !== now.ctimeNs) return false
  const changed = before.mtimeNs > before.ctimeNs ? before.mtimeNs : before.ctimeNs
  return readAtNs - changed > grainNs(before.mtimeNs)
}

interface Cached {
  stat: StatKey
  readAtNs: bigint
  file: LocalFileData
}

/** Per project root: what the last read found (bytes and hashes), so an unchanged file is not read again. */
const cache = new Map<string, Map<string, Cached>>()

const statKey = (st: fs.BigIntStats): StatKey => ({ ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs })

/**
 * Reads and hashes the given project files; a file whose stat shows no change since the last read
 * ({@link unchangedSince}) comes from that read. Read synchronously: a project is small, and four
 * thread-pool hops per file cost more than the read (most of a no-change redeploy's host time).
 */
export async function readProjectFiles(root: string, rels: readonly string[]): Promise<LocalFileData[]> {
  const before = cache.get(root)
  const after = new Map<string, Cached>()
  const out = rels.map((rel) => {
    const abs = path.join(root, ...rel.split('/'))
    const stat = statKey(fs.statSync(abs, { bigint: true }))
    const prev = before?.get(rel)
    if (prev && unchangedSince(prev.stat, stat, prev.readAtNs)) {
      after.set(rel, prev)
      return prev.file
    }
    const readAtNs = BigInt(Date.now()) * 1_000_000n
    const file = hashBytes(rel, new Uint8Array(fs.readFileSync(abs)))
    // The stat from before the read: a write during the read changes it, so the next call reads again.
    after.set(rel, { stat, readAtNs, file })
    return file
  })
  cache.set(root, after)
  return out
}
