/**
 * The local record of the last deploy, kept per device and project scope, paired with a cookie file
 * on the device. When the cookie still holds the record's token, nothing was written by a deploy
 * since, so the plan's one query asks only for sizes instead of hashing every file on the device
 * (which costs seconds on slow firmware); it carries no hashing code, and when the cookie is gone
 * it says so and a second query hashes. A deploy that writes removes the cookie first, so an
 * interrupted deploy falls back to hashing; `rescan` ignores the record.
 */
import { randomBytes, createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'

/** What was on the device after the last complete deploy. */
export interface DeployRecord {
  token: string
  /** Device path → size and hashes. */
  files: Record<string, { size: number; sha256: string; adler32: number }>
  /**
   * Device path → size of everything the deploy's query would find right after it (the deployed
   * files, others in the apps' folders, the cookie): the device compares and answers in one line.
   */
  sizes?: Record<string, number>
}

/** Where records are kept. */
export interface RecordStore {
  load(key: string): Promise<DeployRecord | undefined>
  save(key: string, record: DeployRecord): Promise<void>
}


/** A fresh random token. */
export function newToken(): string {
  return randomBytes(8).toString('hex')
}

/** Records in memory (lost on exit): the default when no folder is given. */
export function memoryRecordStore(): RecordStore {
  const m = new Map<string, DeployRecord>()
  return {
    load: async (k) => m.get(k),
    save: async (k, r) => void m.set(k, r),
  }
}

/** Records as JSON files in `dir` (one per key, named by its hash), written atomically. */
export function fileRecordStore(dir: string): RecordStore {
  const file = (k: string) => path.join(dir, createHash('sha256').update(k).digest('hex').slice(0, 32) + '.json')
  return {
    async load(k) {
      try {
        const v = JSON.parse(await fsp.readFile(file(k), 'utf8')) as DeployRecord
        return typeof v.token === 'string' && v.files && typeof v.files === 'object' ? v : undefined
      } catch {
        return undefined
      }
    },
    async save(k, r) {
      await fsp.mkdir(dir, { recursive: true })
      await writeFileAtomic(file(k), JSON.stringify(r))
    },
  }
}
