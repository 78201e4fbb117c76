/**
 * User settings and the recent-projects list, kept as JSON in the user-data folder. Writes are
 * atomic (write-file-atomic) and one at a time; a corrupt file is moved aside and defaults are used, never a crash.
 */
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { Settings } from '../../shared/ipc/domains/app'

/** Defaults for every setting. */
export const DEFAULT_SETTINGS: Settings = { theme: 'dark', layout: {}, statsIntervalMs: 2000 }

/** Most recent projects kept. */
export const MAX_RECENT = 10

/** Persistent settings in `<dir>/settings.json`. */
export class SettingsStore {
  private cache: Settings | null = null
  private readonly file: string

  constructor(readonly dir: string) {
    this.file = path.join(dir, 'settings.json')
  }

  /** Reads the settings (cached after the first read). */
  async get(): Promise<Settings> {
    if (this.cache) return this.cache
    try {
      const parsed = JSON.parse(await fsp.readFile(this.file, 'utf8')) as unknown
      this.cache =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? { ...DEFAULT_SETTINGS, ...(parsed as Partial<Settings>) }
          : { ...DEFAULT_SETTINGS }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        await fsp.rename(this.file, `${this.file}.corrupt-${Date.now()}`).catch(() => undefined)
      }
      this.cache = { ...DEFAULT_SETTINGS }
    }
    return this.cache
  }

  /** Merges `patch` (top-level keys) and saves. Calls run one after another, so none is lost. */
  set(patch: Record<string, unknown>): Promise<Settings> {
    const done = this.writing.then(() => this.write(patch))
    this.writing = done.catch(() => undefined)
    return done
  }

  private writing: Promise<unknown> = Promise.resolve()

  private async write(patch: Record<string, unknown>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch } as Settings
    await fsp.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2))
    this.cache = next
    return next
  }

  /** Recent project roots, newest first. */
  async recent(): Promise<string[]> {
    const r = (await this.get()).recentProjects
    return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []
  }

  /** Moves `root` to the front of the recent list. */
  async addRecent(root: string): Promise<void> {
    const list = [root, ...(await this.recent()).filter((r) => r !== root)].slice(0, MAX_RECENT)
    await this.set({ recentProjects: list })
  }
}
