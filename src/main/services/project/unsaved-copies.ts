/**
 * Copies of the editor's unsaved text, kept in the user-data folder while a tab is modified, so a
 * crash (of the IDE, the computer or its power) loses at most the last second of typing: the next
 * start finds them and puts the text back in its tabs. A window that closes through its close
 * question (each tab saved or discarded) forgets them.
 *
 * One JSON file per project file: `<dir>/<hash of the root>/<hash of the path>.json` holding
 * `{ path, text, baseMtimeMs }`, written atomically; calls run one after another, so the last
 * copy kept is the one on disk.
 */
import { createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { UnsavedCopy } from '../../../shared/ipc/domains/project'

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32)

/** Unsaved copies of every project, under one folder. */
export class UnsavedCopies {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly dir: string) {}

  private folder(root: string): string {
    return path.join(this.dir, hash(root))
  }

  private file(root: string, rel: string): string {
    return path.join(this.folder(root), `${hash(rel)}.json`)
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const done = this.queue.then(fn)
    this.queue = done.catch(() => undefined)
    return done
  }

  /** Keeps `text` as the unsaved copy of project file `rel` (replacing the one kept before). */
  keep(root: string, copy: UnsavedCopy): Promise<void> {
    return this.serial(async () => {
      await fsp.mkdir(this.folder(root), { recursive: true })
      await writeFileAtomic(this.file(root, copy.path), JSON.stringify(copy))
    })
  }

  /** Forgets the copy of `rel`, or every copy of the project without `rel`. */
  forget(root: string, rel?: string): Promise<void> {
    return this.serial(() =>
      rel === undefined ? fsp.rm(this.folder(root), { recursive: true, force: true }) : fsp.rm(this.file(root, rel), { force: true }),
    )
  }

  /** The copies kept for `root`; a file that is not a copy (damaged, or of another version) is left out and removed. */
  list(root: string): Promise<UnsavedCopy[]> {
    return this.serial(async () => {
      const dir = this.folder(root)
      const names = await fsp.readdir(dir).catch(() => [] as string[])
      const out: UnsavedCopy[] = []
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const f = path.join(dir, name)
        try {
          const v = JSON.parse(await fsp.readFile(f, 'utf8')) as Partial<UnsavedCopy>
          if (typeof v.path === 'string' && typeof v.text === 'string' && typeof v.baseMtimeMs === 'number' && name === `${hash(v.path)}.json`) {
            out.push({ path: v.path, text: v.text, baseMtimeMs: v.baseMtimeMs })
            continue
          }
        } catch {
          // not JSON: removed below
        }
        await fsp.rm(f, { force: true })
      }
      return out.sort((a, b) => a.path.localeCompare(b.path))
    })
  }
}
