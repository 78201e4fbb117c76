/**
 * The worker's side of the debugger: instruments the project's files as the boot loads them,
 * forwards the host's commands to the interpreter's `_bdbg` runtime (wasm/python/_bdbg.py), and
 * blocks this worker while the app is paused. Python reaches it only through the `_bdhost`
 * module, exposed through the guest boundary like every other host module (strings in and out).
 *
 * Pausing is an Atomics.wait on the control block's DEBUG slot: only this worker stops, the
 * frame counter does not move (no frame is presented) and the badge's clock is held back by the
 * time spent paused, so deterministic runs stay deterministic. The watchdog is told the wait is
 * deliberate (WAIT_HELD); Stop and HOME end the wait.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { BadgeClock } from '../../clock'
import { SLOT, WAIT_HELD } from '../../control-block'
import type { DebugCommand, WorkerMessage } from '../../messages'
import type { EmFS } from '../../vfs'
import { instrumentSource } from '../../instrument'

/** Files of one boot the debugger knows: fid = index. */
export interface InstrumentedTree {
  files: string[]
  /** Each file's source as written and as instrumented (by fid). */
  sources: Array<{ original: string; code: string }>
  /** Project files the instrumenter could not read exactly (run as they are). */
  skipped: string[]
}

/** Files larger than this are left as they are (the badge refuses to compile them anyway). */
const MAX_INSTRUMENT_BYTES = 256 * 1024

/** Instruments every `.py` file under `dir` (the project's /system) in place in the VFS. */
export function instrumentTree(FS: EmFS & { readdir(p: string): string[] }, dir: string): InstrumentedTree {
  const out: InstrumentedTree = { files: [], sources: [], skipped: [] }
  const walk = (vfs: string, rel: string): void => {
    for (const name of FS.readdir(vfs)) {
      if (name === '.' || name === '..') continue
      const v = `${vfs}/${name}`
      const r = rel ? `${rel}/${name}` : name
      const st = FS.stat(v) as { mode: number; size: number }
      if (FS.isDir(st.mode)) walk(v, r)
      else if (name.endsWith('.py') && st.size <= MAX_INSTRUMENT_BYTES) {
        const source = new TextDecoder('utf-8', { fatal: false }).decode(FS.readFile(v) as Uint8Array)
        const done = instrumentSource(source, out.files.length)
        if (!done) {
          out.skipped.push(r)
          continue
        }
        out.files.push(r)
        out.sources.push({ original: source, code: done.code })
        FS.writeFile(v, done.code)
      }
    }
  }
  walk(dir, '')
  return out
}

/** What runs Python at the top level (garbage is reclaimed after each such call in this build). */
interface TopLevel {
  runPython(code: string): unknown
  pyimport(name: string): unknown
}

/**
 * Bytes of the Python heap the instrumentation adds to `files` once compiled (hooks, their
 * constants and names), measured by compiling each file as written and as instrumented, one
 * top-level call at a time so the compiler's garbage is gone before each reading. The badge would
 * not hold these bytes, so they count as the platform's, not the app's.
 */
export function instrumentationCost(mp: TopLevel, tree: InstrumentedTree, files: (path: string) => boolean): number {
  const gc = (mp.pyimport('_bw_gc') as { _gc: { mem_alloc(): number } })._gc
  let total = 0
  tree.files.forEach((f, i) => {
    if (!files(f)) return
    try {
      mp.runPython(`__bdc = compile(${JSON.stringify(tree.sources[i].original)}, 'a', 'exec')`)
      const written = gc.mem_alloc()
      mp.runPython(`__bdc = compile(${JSON.stringify(tree.sources[i].code)}, 'b', 'exec')`)
      total += Math.max(0, gc.mem_alloc() - written)
    } catch {
      // A file the compiler refuses fails the same way when the app imports it.
    } finally {
      mp.runPython('__bdc = None')
    }
  })
  return total
}

/** What the worker's debugger needs. */
export interface DebuggerContext {
  ctrl: Int32Array
  port: MessagePort
  clock: BadgeClock
  post(msg: WorkerMessage, transfer?: Transferable[]): void
  /** The frame drawn so far (shown while paused). */
  screen(): Uint8Array | null
  tree: InstrumentedTree
}

/** The worker's debugger: the `_bdhost` module, and the checks the worker and boundary call. */
export interface WorkerDebugger {
  /** Functions Python's `_bdbg` calls (register through the guest boundary as `_bdhost`). */
  module: Record<string, (...a: never[]) => unknown>
  /** Connects to the interpreter's `_bdbg` (after the boot sealed the realm) and applies the host's commands so far. */
  attach(apply: (json: string) => unknown): void
  /** Applies commands the host posted since the last check (cheap when there are none). */
  check(): void
}

/** Creates the debugger of one boot. */
export function createWorkerDebugger(ctx: DebuggerContext): WorkerDebugger {
  const { ctrl, port, clock, tree } = ctx
  const fid = new Map(tree.files.map((f, i) => [f, i]))
  let seen = -1
  let apply: ((json: string) => unknown) | null = null
  // From a pause's first wait to its answer: the interpreter builds each refresh and vars reply
  // between waits and may call the host meanwhile, so commands stay queued for the next wait.
  let pausing = false

  /** The next command the host posted, or null. */
  const next = (): DebugCommand | null => (receiveMessageOnPort(port)?.message as DebugCommand | undefined) ?? null

  // Said once per file, and only where a breakpoint is set: a run without breakpoints has nothing to ignore.
  const warned = new Set<string>()
  const configJson = (c: DebugCommand & { type: 'config' }): string => {
    const bps: Record<number, Array<[number, string | null]>> = {}
    for (const b of c.breakpoints) {
      const id = fid.get(b.file)
      if (id === undefined) {
        if (tree.skipped.includes(b.file) && !warned.has(b.file)) {
          warned.add(b.file)
          ctx.post({ type: 'warning', message: `debugger: ${b.file} could not be instrumented (its breakpoints are ignored)` })
        }
        continue
      }
      ;(bps[id] ??= []).push([b.line, b.condition])
    }
    return JSON.stringify({ breakpoints: bps, exc: c.breakOnException, watches: c.watches })
  }

  /** Applies one command outside a pause (resume and vars only mean something while paused). */
  const applyCommand = (c: DebugCommand): void => {
    if (!apply) return
    if (c.type === 'config') apply(configJson(c))
    else if (c.type === 'pause') apply('{"pause": 1}')
  }

  const check = (): void => {
    const v = Atomics.load(ctrl, SLOT.DEBUG)
    if (v === seen || !apply || pausing) return
    seen = v
    for (let c = next(); c; c = next()) applyCommand(c)
  }

  const module = {
    /**
     * Paused (`kind` "paused") or answering an expand request ("vars"): posts `text` to the host
     * and blocks until it sends a command; returns it to _bdbg ("continue", "over", "into",
     * "out", "detach", "stop", "refresh", or "vars <ref>").
     */
    wait(kind: string, text: string): string {
      if (kind !== 'paused' && kind !== 'vars') return 'continue'
      if (kind === 'paused') {
        const screen = ctx.screen()
        if (screen) {
          const copy = screen.slice()
          ctx.post(
            { type: 'frame', frame: Atomics.load(ctrl, SLOT.FRAMES), ticks: clock.ticksMs(), rgba: copy.buffer, memUsed: Atomics.load(ctrl, SLOT.MEM_USED) },
            [copy.buffer],
          )
        }
      }
      ctx.post({ type: 'debug', kind, data: String(text) })
      pausing = true
      const homeAt = Atomics.load(ctrl, SLOT.HOME_EDGES)
      const t0 = clock.realMs()
      Atomics.store(ctrl, SLOT.WAITING, WAIT_HELD)
      let answer = 'continue'
      try {
        for (;;) {
          if (Atomics.load(ctrl, SLOT.STOP) !== 0) return (answer = 'stop')
          // HOME while paused: let the app run on (no more stops this boot) to its HOME handler.
          if (Atomics.load(ctrl, SLOT.HOME_EDGES) !== homeAt) return (answer = 'detach')
          const v = Atomics.load(ctrl, SLOT.DEBUG)
          seen = v
          // One command at a time: the rest stay queued for the next wait (after a refresh).
          for (let c = next(); c; c = next()) {
            if (c.type === 'resume') return (answer = c.how)
            if (c.type === 'vars') return (answer = `vars ${c.ref}`)
            if (c.type === 'config' && apply) {
              apply(configJson(c))
              return (answer = 'refresh')
            }
          }
          Atomics.wait(ctrl, SLOT.DEBUG, v, 100)
        }
      } finally {
        Atomics.store(ctrl, SLOT.WAITING, 0)
        clock.hold(clock.realMs() - t0)
        if (!answer.startsWith('vars') && answer !== 'refresh') {
          pausing = false
          ctx.post({ type: 'debug', kind: 'resumed', data: answer })
        }
      }
    },
  }

  return {
    module,
    attach(fn) {
      apply = fn
      apply(JSON.stringify({ files: tree.files }))
      check()
    },
    check,
  }
}
