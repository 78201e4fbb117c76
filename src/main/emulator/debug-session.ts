/**
 * The host's side of the debugger for one project: keeps the breakpoints, options and watch list
 * across boots, sends them to each boot's worker, and turns the worker's pause reports into the
 * contract's {@link DebugState}. The pause reports are built by Python code in the guest
 * (`_bdbg`), so they are validated and cut to size here like any other guest output.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { z } from 'zod'
import type { DebugBreakpoint, DebugPause, DebugState, DebugVariable } from '../../shared/ipc/domains/debug'
import { CodedError } from '../../shared/ipc/result'
import type { BootHandle } from './boot-worker'
import { instrumentSource } from './instrument'
import type { DebugCommand, WorkerMessage } from './messages'
import { projectUserFile, writeJsonFile } from './user-dirs'

const text = (max: number) => z.string().transform((s) => (s.length > max ? `${s.slice(0, max)}…` : s))
const variable = z.object({
  name: text(200),
  kind: text(60),
  value: text(400),
  size: z.number().int().nonnegative().optional(),
  ref: z.number().int().nonnegative(),
})
const variables = z.array(variable).max(1000)
const pause = z.object({
  reason: z.enum(['breakpoint', 'step', 'pause', 'exception']),
  file: text(1024),
  line: z.number().int().nonnegative(),
  stack: z.array(z.object({ file: text(1024), line: z.number().int().nonnegative(), fn: text(200) })).max(500),
  locals: variables,
  globals: variables,
  watches: z.array(z.object({ expression: text(1000), value: variable.optional(), error: text(400).optional() })).max(50),
  exception: z.object({ type: text(200), text: text(2000) }).optional(),
})
const varsReply = z.object({ ref: z.number().int(), vars: variables })

/** How long `variables()` waits for the worker's answer. */
const VARS_TIMEOUT_MS = 3000

/** Where a session finds the project: its files as saved (breakpoints go on their statements), and which project it is. */
export interface DebugProject {
  /** Identity of the open project (its folder); the breakpoints belong to one project. */
  id(): string | null
  /** A project file's text as saved, or null. */
  read(file: string): string | null
  /** Per-user data folder where each project's breakpoints, watches and options are kept between runs of the IDE (none: not kept). */
  keepIn?: string
}

const kept = z.object({
  breakpoints: z.array(z.object({ file: z.string().min(1).max(1024), line: z.number().int().min(1), condition: z.string().max(1000).optional() })).max(5000),
  breakOnException: z.boolean(),
  watches: z.array(z.string().max(1000)).max(50),
})

/**
 * The project in folder `root()` as saved on disk (files over 256 KB, or outside it, read as
 * missing); with `keepIn`, its debugger settings are kept in that per-user folder.
 */
export function projectOnDisk(root: () => string | null, keepIn?: string): DebugProject {
  return {
    id: root,
    ...(keepIn ? { keepIn } : {}),
    read(file) {
      const r = root()
      if (!r) return null
      const path = resolve(r, file)
      if (!path.startsWith(resolve(r) + sep)) return null
      try {
        return statSync(path).size > 256 * 1024 ? null : readFileSync(path, 'utf8')
      } catch {
        return null
      }
    },
  }
}

/** One project's debugger state; `attach` it to each boot. */
export class DebugSession {
  private readonly breakpoints = new Map<string, DebugBreakpoint[]>()
  private breakOnException = false
  private watches: string[] = []
  private status: DebugState['status'] = 'idle'
  private paused: DebugPause | undefined
  private boot: BootHandle | null = null
  private projectId: string | null | undefined = undefined
  private pendingVars: { ref: number; resolve(v: DebugVariable[]): void; reject(e: Error): void } | null = null

  /** `onChange` receives every new state (`debug:state` event); `onPause` every pause (CLI). */
  constructor(
    private readonly onChange: (s: DebugState) => void = () => {},
    private readonly onPause: (p: DebugPause) => void = () => {},
    private readonly project: DebugProject | null = null,
  ) {}

  /** Another project was opened: its breakpoints, watches and options are what was kept for it, else empty. */
  private follow(): void {
    const id = this.project?.id() ?? null
    if (id === this.projectId) return
    this.projectId = id
    this.breakpoints.clear()
    this.watches = []
    this.breakOnException = false
    const file = this.keptFile()
    if (!file || !existsSync(file)) return
    let saved: z.infer<typeof kept>
    try {
      saved = kept.parse(JSON.parse(readFileSync(file, 'utf8')))
    } catch {
      return // a damaged file starts empty; the next change writes a good one
    }
    for (const b of saved.breakpoints) this.breakpoints.set(b.file, [...(this.breakpoints.get(b.file) ?? []), b])
    this.watches = saved.watches
    this.breakOnException = saved.breakOnException
  }

  private keptFile(): string | null {
    const dir = this.project?.keepIn
    return dir && this.projectId ? projectUserFile('debug', this.projectId, dir) : null
  }

  /** Keeps the settings for the next run of the IDE (best effort: a read-only data folder loses only that). */
  private keep(): void {
    const file = this.keptFile()
    if (!file) return
    const { breakpoints, breakOnException, watches } = this.state
    try {
      writeJsonFile(file, { project: this.projectId, breakpoints, breakOnException, watches })
    } catch {
      // not kept
    }
  }

  /** The current state. */
  get state(): DebugState {
    this.follow()
    return {
      status: this.status,
      ...(this.paused ? { paused: this.paused } : {}),
      breakpoints: [...this.breakpoints.values()].flat(),
      breakOnException: this.breakOnException,
      watches: [...this.watches],
    }
  }

  private changed(): DebugState {
    const s = this.state
    this.onChange(s)
    return s
  }

  private config(): DebugCommand {
    return {
      type: 'config',
      breakpoints: [...this.breakpoints.values()].flat().map((b) => ({ file: b.file, line: b.line, condition: b.condition ?? null })),
      breakOnException: this.breakOnException,
      watches: [...this.watches],
    }
  }

  /** A new boot of the app started: it gets the breakpoints and options. */
  attach(boot: BootHandle): void {
    this.follow()
    this.boot = boot
    this.paused = undefined
    this.status = 'running'
    boot.debug(this.config())
    this.changed()
  }

  /** The boot ended (or the app stopped). */
  detach(boot?: BootHandle): void {
    if (boot && boot !== this.boot) return
    this.boot = null
    this.paused = undefined
    this.pendingVars?.reject(new CodedError('EMULATOR_NOT_RUNNING', 'the app is no longer paused'))
    this.pendingVars = null
    if (this.status !== 'idle') {
      this.status = 'idle'
      this.changed()
    }
  }

  /** Handles a worker's `debug` message. */
  onMessage(m: WorkerMessage & { type: 'debug' }, frames = 0): void {
    if (m.kind === 'paused') {
      const parsed = pause.safeParse(safeJson(m.data))
      // Not a pause _bdbg made (the guest can call _bdhost itself): let it run on.
      if (!parsed.success) return this.boot?.debug({ type: 'resume', how: 'continue' })
      this.paused = { ...parsed.data, frame: frames }
      this.status = 'paused'
      this.changed()
      this.onPause(this.paused)
    } else if (m.kind === 'vars') {
      const parsed = varsReply.safeParse(safeJson(m.data))
      const p = this.pendingVars
      if (p && parsed.success && parsed.data.ref === p.ref) {
        this.pendingVars = null
        p.resolve(parsed.data.vars)
      }
    } else if (m.kind === 'resumed') {
      this.paused = undefined
      if (this.boot) this.status = 'running'
      this.changed()
    }
  }

  /**
   * Moves breakpoints to the first line at or after theirs where the file as saved has a
   * statement (the window sends lines of the saved text), so the dot shows where the app stops.
   */
  private snap(file: string, list: DebugBreakpoint[]): DebugBreakpoint[] {
    const text = this.project?.read(file) ?? null
    const hooked = text === null ? null : instrumentSource(text, 0)?.lines
    if (!hooked?.length) return list
    const out: DebugBreakpoint[] = []
    for (const b of list) {
      const line = hooked.find((l) => l >= b.line) ?? hooked[hooked.length - 1]
      if (!out.some((o) => o.line === line)) out.push({ ...b, line })
    }
    return out
  }

  /** Replaces one file's breakpoints. */
  setBreakpoints(file: string, list: Array<{ line: number; condition?: string }>): DebugState {
    this.follow()
    const clean = list.map((b) => ({ file, line: b.line, ...(b.condition?.trim() ? { condition: b.condition.trim() } : {}) }))
    if (clean.length) this.breakpoints.set(file, this.snap(file, clean))
    else this.breakpoints.delete(file)
    this.boot?.debug(this.config())
    this.keep()
    return this.changed()
  }

  /** Break on uncaught exceptions. */
  setOptions(o: { breakOnException: boolean }): DebugState {
    this.follow()
    this.breakOnException = o.breakOnException
    this.boot?.debug(this.config())
    this.keep()
    return this.changed()
  }

  /** The watch list (evaluated at every pause; at once when paused). */
  setWatches(expressions: string[]): DebugState {
    this.follow()
    this.watches = [...expressions]
    this.boot?.debug(this.config())
    this.keep()
    return this.changed()
  }

  private requirePaused(): BootHandle {
    if (!this.boot) throw new CodedError('EMULATOR_NOT_RUNNING', 'run the app in the emulator first')
    if (this.status !== 'paused') throw new CodedError('EMULATOR_BUSY', 'the app is not paused')
    return this.boot
  }

  /** Continue, step over, into or out of the paused line. */
  resume(how: 'continue' | 'over' | 'into' | 'out'): DebugState {
    this.requirePaused().debug({ type: 'resume', how })
    return this.state
  }

  /** Stops the running app at its next line. */
  pause(): DebugState {
    if (!this.boot) throw new CodedError('EMULATOR_NOT_RUNNING', 'run the app in the emulator first')
    if (this.status !== 'paused') this.boot.debug({ type: 'pause' })
    return this.state
  }

  /** The items of an expandable value of the current pause. */
  variables(ref: number): Promise<DebugVariable[]> {
    const boot = this.requirePaused()
    this.pendingVars?.reject(new CodedError('EMULATOR_BUSY', 'superseded by another request'))
    return new Promise<DebugVariable[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pendingVars?.ref === ref) this.pendingVars = null
        reject(new CodedError('EMULATOR_BUSY', 'the app did not answer'))
      }, VARS_TIMEOUT_MS)
      timer.unref?.()
      this.pendingVars = {
        ref,
        resolve: (v) => {
          clearTimeout(timer)
          resolve(v)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      }
      boot.debug({ type: 'vars', ref })
    })
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return null
  }
}

/** IPC handlers for the `debug:*` operations. */
export function debugHandlers(d: DebugSession): Record<string, (args: never) => unknown> {
  return {
    'debug:state': () => d.state,
    'debug:setBreakpoints': (a: { file: string; breakpoints: Array<{ line: number; condition?: string }> }) => d.setBreakpoints(a.file, a.breakpoints),
    'debug:setOptions': (a: { breakOnException: boolean }) => d.setOptions(a),
    'debug:setWatches': (a: { expressions: string[] }) => d.setWatches(a.expressions),
    'debug:continue': () => d.resume('continue'),
    'debug:stepOver': () => d.resume('over'),
    'debug:stepInto': () => d.resume('into'),
    'debug:stepOut': () => d.resume('out'),
    'debug:pause': () => d.pause(),
    'debug:variables': (a: { ref: number }) => d.variables(a.ref),
  }
}
