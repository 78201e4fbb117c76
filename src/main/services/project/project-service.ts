/**
 * The project the IDE has open: opening (remembered in recent projects), file operations through
 * {@link ProjectFs}, and live change events from disk (chokidar), batched.
 */
import chokidar, { type FSWatcher } from 'chokidar'
import path from 'node:path'
import { CodedError } from '../../../shared/ipc/result'
import type { ProjectChange, ProjectInfo } from '../../../shared/ipc/domains/project'
import { IGNORED_DIRS } from '../../../shared/project/paths'
import type { Emit } from '../../ipc/event-bus'
import type { SettingsStore } from '../settings'
import { ProjectFs } from './project-fs'

/** Milliseconds of quiet before a batch of changes is emitted. */
export const CHANGE_BATCH_MS = 100

/** Owns the open project. */
export class ProjectService {
  private fs: ProjectFs | null = null
  private watcher: FSWatcher | null = null
  private pending: ProjectChange[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly listeners = new Set<(root: string | null) => void>()

  constructor(
    private readonly deps: { settings: SettingsStore; emit: Emit; watch?: boolean },
  ) {}

  /** The open project's file access; throws NO_PROJECT when none is open. */
  get files(): ProjectFs {
    if (!this.fs) throw new CodedError('NO_PROJECT')
    return this.fs
  }

  /** The open project's root, or null. */
  get root(): string | null {
    return this.fs?.root ?? null
  }

  /** Calls `fn` whenever another project is opened (or closed). */
  onOpen(fn: (root: string | null) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /** Opens a folder as the project, starts watching it and records it in recent projects. */
  async open(root: string): Promise<ProjectInfo> {
    const fs = await ProjectFs.open(root)
    await this.close()
    this.fs = fs
    await this.deps.settings.addRecent(fs.root)
    if (this.deps.watch !== false) this.startWatching(fs.root)
    for (const l of this.listeners) l(fs.root)
    return this.info()
  }

  /** The open project with its tree, or null. */
  async current(): Promise<ProjectInfo | null> {
    return this.fs ? this.info() : null
  }

  private async info(): Promise<ProjectInfo> {
    const fs = this.files
    return { name: fs.name, root: fs.root, tree: await fs.tree() }
  }

  private startWatching(root: string): void {
    this.watcher = chokidar.watch(root, {
      ignoreInitial: true,
      ignored: (p: string) => IGNORED_DIRS.has(path.basename(p)) || /\.[^/\\]*\.[0-9a-f]{8}\.tmp$/.test(p),
      awaitWriteFinish: false,
    })
    for (const kind of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
      this.watcher.on(kind, (abs: string) => this.queue({ kind, path: path.relative(root, abs).split(path.sep).join('/') }))
    }
    this.watcher.on('error', () => undefined)
  }

  private queue(change: ProjectChange): void {
    if (change.path === '') return
    this.pending.push(change)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      const batch = this.pending
      this.pending = []
      this.timer = null
      this.deps.emit('project:changed', batch)
    }, CHANGE_BATCH_MS)
  }

  /** Stops watching and forgets the project. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = []
    await this.watcher?.close()
    this.watcher = null
    this.fs = null
  }
}
