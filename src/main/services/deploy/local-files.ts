/**
 * Reading the project for a deploy: every regular file under the root (symlinks and ignored folders
 * skipped), and the bytes and hashes of the files selected.
 */
import { createHash } from 'node:crypto'
import { promises as fsp, readFileSync } from 'node:fs'
import path from 'node:path'
import { adler32 } from '../../../shared/deploy/checksum'
import { isIgnored } from '../../../shared/deploy/plan'
import type { LocalFile } from '../../../shared/deploy/types'
import { CodedError } from '../../../shared/ipc/result'

/** A project file with its bytes. */
export interface LocalFileData extends LocalFile {
  data: Uint8Array
}

/** Every project-relative POSIX file path under `root`, sorted; hidden and ignored folders skipped. */
export async function listProjectFiles(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (abs: string, rel: string): Promise<void> => {
    let entries
    try {
      entries = await fsp.readdir(abs, { withFileTypes: true })
    } catch (e) {
      if (rel === '') throw new CodedError('NOT_FOUND', `project folder ${root}: ${(e as Error).message}`)
      return
    }
    for (const d of entries) {
      const r = rel ? `${rel}/${d.name}` : d.name
      if (isIgnored(r)) continue
      // Symlinks could point outside the project; a deploy only sends what the project holds.
      if (d.isDirectory()) await walk(path.join(abs, d.name), r)
      else if (d.isFile()) out.push(r)
    }
  }
  await walk(root, '')
  return out.sort()
}

/** Hashes of `data` as the plan compares them. */
export function hashBytes(rel: string, data: Uint8Array): LocalFileData {
  return { rel, data, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), adler32: adler32(data) }
}

/**
 * Reads and hashes the given project files. Read synchronously: a project is small, and four
 * thread-pool hops per file cost more than the read (most of a no-change redeploy's host time).
 */
export async function readProjectFiles(root: string, rels: readonly string[]): Promise<LocalFileData[]> {
  return rels.map((rel) => hashBytes(rel, new Uint8Array(readFileSync(path.join(root, ...rel.split('/'))))))
}
