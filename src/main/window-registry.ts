/**
 * The IDE's windows in one process, each with its own {@link AppCore}: its project, emulator,
 * checker, deploy and tools. No electron import: the Electron shell keys it by webContents id, the
 * E2E bridge by the page's window number, and both open windows through {@link WindowRegistry.open}.
 *
 * What the windows share: one settings store (one file, so one cache), passed to every core by the
 * factory. The badge link is owned by one window at a time: each core has its own device
 * connection, and a second window connecting to a port another window holds is refused by the
 * serial port's OS lock or the virtual badge's open-once rule (PORT_BUSY, "… or another IDE window").
 */
import path from 'node:path'
import type { AppCore } from './app-core'
import { log } from './services/log/logger'

/** A window and the project it shows (null: the welcome screen). */
export interface OpenWindow {
  id: number
  root: string | null
}

/** The windows' cores by id; `create` builds the core of a new window. */
export class WindowRegistry {
  private readonly cores = new Map<number, Promise<AppCore>>()
  /** Roots known once each core is built (the lookups below are synchronous). */
  private readonly ready = new Map<number, AppCore>()

  constructor(private readonly create: (id: number) => Promise<AppCore>) {}

  /**
   * Builds window `id`'s core and opens `root` in it (when given) before any request of the window
   * is answered, so its renderer finds the project open. A folder that cannot be opened is logged
   * and the window starts on the welcome screen.
   */
  open(id: number, root: string | null = null): Promise<AppCore> {
    const existing = this.cores.get(id)
    if (existing) return existing
    const core = this.create(id).then(async (c) => {
      if (root) {
        const r = await c.dispatch('project:open', { root })
        if (!r.ok) log('main').warn({ root, code: r.code }, 'project not opened in the new window')
      }
      this.ready.set(id, c)
      return c
    })
    this.cores.set(id, core)
    core.catch(() => this.cores.delete(id))
    return core
  }

  /** Adds a core built elsewhere as window `id` (the bridge's first page, whose core the tests drive). */
  add(id: number, core: AppCore): void {
    this.cores.set(id, Promise.resolve(core))
    this.ready.set(id, core)
  }

  /** Window `id`'s core (waits while it is being built); undefined for a window never opened. */
  get(id: number): Promise<AppCore> | undefined {
    return this.cores.get(id)
  }

  /** The open windows and their projects, in opening order (windows still starting are left out). */
  windows(): OpenWindow[] {
    return [...this.ready].map(([id, c]) => ({ id, root: c.project.root }))
  }

  /** The window showing `root`, if any. */
  windowFor(root: string): number | null {
    const want = path.resolve(root)
    return this.windows().find((w) => w.root !== null && path.resolve(w.root) === want)?.id ?? null
  }

  /** True when a window other than `id` shows `root`. */
  shownElsewhere(root: string, id: number): boolean {
    const w = this.windowFor(root)
    return w !== null && w !== id
  }

  /** Forgets window `id` and disposes its core (its window closed). */
  async close(id: number): Promise<void> {
    const core = this.cores.get(id)
    this.cores.delete(id)
    this.ready.delete(id)
    await core?.then((c) => c.dispose()).catch((e) => log('main').warn({ err: e, id }, 'window core dispose failed'))
  }

  /** Disposes every window's core (quit, the end of a test). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.cores.keys()].map((id) => this.close(id)))
  }
}
