/**
 * The emulator worker (a worker_threads worker, one per boot). 'run' mode boots the badge for a
 * project and drives the app; 'repl' mode is the virtual badge: the interpreter's own REPL fed
 * from a shared byte ring. Both boot through bootInterpreter (one chain, sandbox included).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { BadgeClock } from '../clock'
import { SLOT } from '../control-block'
import type { AppError, WorkerConfig, WorkerMessage } from '../messages'
import { exceptionType, parseTraceback } from '../traceback'
import { bootInterpreter } from './boot-interpreter'
import { instrumentationCost } from './debug/debugger'
import { OutputBuffer } from './output-buffer'
import { runReplSession } from './repl-session'
import { AppFailedSignal, FramesDoneSignal, RebootSignal, StoppedSignal } from './signals'

// A standby worker (spawned ahead of the next boot, see boot-worker.ts) gets its configuration
// as the first message; a worker spawned for a boot gets it as workerData.
let cfg: WorkerConfig = workerData as WorkerConfig
const post = (msg: WorkerMessage, transfer: Transferable[] = []): void => parentPort!.postMessage(msg, transfer as never)

async function main(): Promise<void> {
  if ((workerData as { standby?: boolean } | null)?.standby) {
    cfg = await new Promise<WorkerConfig>((resolve) => parentPort!.once('message', (m: WorkerConfig) => resolve(m)))
  }
  const clock = new BadgeClock(cfg.timing.mode, cfg.timing.fps)
  const stdout = new OutputBuffer((d) => post({ type: 'output', stream: 'stdout', data: stdout.decode(d) }), { flushAtNewline: true })
  const stderr = new OutputBuffer((d) => post({ type: 'output', stream: 'stderr', data: stderr.decode(d) }), { flushAtNewline: true })
  if (cfg.mode === 'repl') {
    await runReplSession(cfg, clock, post)
    return
  }
  const flush = (): void => {
    stdout.flush()
    stderr.flush()
  }
  const { mp, mirror, host, debug, tree } = await bootInterpreter(cfg, clock, { stdout: (b) => stdout.push(b), stderr: (b) => stderr.push(b), flush }, post)
  const app = cfg.boot.entry.kind === 'app' ? cfg.boot.entry.slug : null
  post({ type: 'ready', bootMs: clock.realMs() })

  let exit: WorkerMessage & { type: 'exit' }
  try {
    // The frame loop is driven from here, one call into Python per frame: this interpreter
    // only reclaims memory between calls from JS (wasm locals are invisible to its GC).
    if (debug) debug.attach((mp.pyimport('_bdbg') as { apply(json: string): unknown }).apply)
    mp.runPython('import _bw_boot')
    const driver = mp.pyimport('_bw_boot') as { prepare(): void; measure_baseline(): void; start(app: string | null): number; frame(): number }
    driver.prepare()
    driver.measure_baseline()
    if (tree.files.length) {
      // The hooks' bytecode is the emulator's, not the app's: it does not count against the badge's heap.
      const mine = (f: string): boolean => !f.includes('/') || (app !== null && f.startsWith(`apps/${app}/`))
      const cost = instrumentationCost(mp, tree, mine)
      ;(mp.pyimport('_bw_boot') as { add_platform_heap(n: number): void }).add_platform_heap(cost)
    }
    const frame = driver.frame
    let alive = driver.start(app)
    while (alive) {
      debug?.check()
      alive = frame()
    }
    exit = { type: 'exit', reason: 'reboot', frames: host.state.frames }
  } catch (e) {
    flush()
    const frames = host.state.frames
    if (e instanceof RebootSignal) exit = { type: 'exit', reason: 'reboot', frames, ...(e.next ? { next: e.next } : {}) }
    else if (e instanceof FramesDoneSignal)
      // The last frames showed the error box: the run failed even though it reached its frame count.
      exit = host.state.lastError
        ? { type: 'exit', reason: host.state.memoryExceeded ? 'memory' : 'failed', frames, error: host.state.lastError }
        : { type: 'exit', reason: 'frames-done', frames }
    else if (e instanceof StoppedSignal) exit = { type: 'exit', reason: 'stopped', frames }
    else if (e instanceof AppFailedSignal)
      exit = { type: 'exit', reason: host.state.memoryExceeded ? 'memory' : 'failed', frames, ...(host.state.lastError ? { error: host.state.lastError } : {}) }
    else if ((e as { name?: string }).name === 'PythonError') {
      const text = String((e as Error).message)
      if (Atomics.load(cfg.ctrl, SLOT.STOP) === 1) exit = { type: 'exit', reason: 'stopped', frames }
      else {
        const error: AppError = { phase: 'boot', type: (e as { type?: string }).type ?? exceptionType(text), text, frames: parseTraceback(text) }
        exit = { type: 'exit', reason: 'failed', frames, error }
      }
    } else if (e instanceof WebAssembly.RuntimeError) {
      // The interpreter itself broke (its memory overwritten, e.g. through uctypes): the badge would hard-fault and reset.
      const text = `The interpreter crashed: ${e.message}. Something overwrote its memory (uctypes or machine.mem writes do that); the badge would hard-fault and reboot.\n`
      exit = { type: 'exit', reason: 'failed', frames, error: { phase: 'boot', type: 'InterpreterCrash', text, frames: [] } }
    } else {
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e)
      exit = { type: 'exit', reason: 'failed', frames, error: { phase: 'boot', type: 'InternalError', text, frames: [] } }
    }
  }
  flush()
  mirror.flushOpen()
  if (host.state.lastFrame) {
    const copy = host.state.lastFrame.slice()
    exit.lastFrame = copy.buffer
    post(exit, [copy.buffer])
  } else post(exit)
}

main().catch((e: unknown) => {
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e)
  post({ type: 'exit', reason: 'failed', frames: 0, error: { phase: 'boot', type: 'InternalError', text, frames: [] } })
})
