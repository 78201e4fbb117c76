/**
 * Running an app on the device: a soft reset for a clean VM, then the run wrapper as one exec with
 * no output timeout, its output streamed as it arrives (memory markers filtered out) and its traceback
 * mapped to project files. {@link AppRun.stop} interrupts it with Ctrl-C.
 */
import type { DeviceLayout } from '../../../shared/deploy/layout'
import { deployResolver, rewriteTraceback } from '../../../shared/deploy/traceback-map'
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import { parseFrames, plainFrames, type TraceFrame } from '../../../shared/traceback'
import type { DeviceSession } from '../device/device-session'
import { RunOutputFilter } from './run-output'
import { runWrapperCode } from './run-wrapper'

/** How a run ended. */
export interface RunResult {
  /** 'finished': update() returned or there was none; 'stopped': Stop/Ctrl-C; 'error': the app raised. */
  status: 'finished' | 'stopped' | 'error'
  /** The traceback with project paths (`apps/x/__init__.py`) when the app raised. */
  traceback?: string
  /** The traceback's frames, project files resolved through the deploy's path table. */
  frames?: TraceFrame[]
  /** The exception line, e.g. `ZeroDivisionError: division by zero`. */
  exception?: string
}

/** Options of {@link startRun}. */
export interface RunOptions {
  slug: string
  layout: DeviceLayout
  /** Device path → project path (from the deploy) for traceback mapping. */
  deviceToRel: ReadonlyMap<string, string>
  /** App output (stdout) and tracebacks (stderr, already mapped), as they arrive. */
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void
  /** Payloads of the wrapper's markers (`mem <free> <alloc>`). */
  onMarker?: (payload: string) => void
  /** Soft-reset before running (default true). */
  softReset?: boolean
  /** Memory marker interval in ms (default 1000, 0 = off). */
  memEveryMs?: number
}

/** A running app. */
export interface AppRun {
  /** Resolves when the app ends (finished, stopped or raised). Rejects only when the link fails. */
  done: Promise<RunResult>
  /** Interrupts the app (Ctrl-C) and resolves once the device is back at a prompt (2 s budget, then a second Ctrl-C). */
  stop(): Promise<void>
}

/** Starts app `slug` (already deployed) on `session`. */
export async function startRun(session: DeviceSession, opts: RunOptions): Promise<AppRun> {
  if (opts.softReset !== false) {
    try {
      await session.softReset()
    } catch (e) {
      // Some REPLs (an emulator's) have no soft reset; the app still runs, only without a fresh heap.
      if (!isCodedError(e) || e.code !== 'DEVICE_TIMEOUT') throw e
      await session.interrupt()
    }
  }
  const filter = new RunOutputFilter()
  let stderr = ''
  let stopping = false
  const code = runWrapperCode(opts.slug, opts.layout, opts.memEveryMs === undefined ? {} : { memEveryMs: opts.memEveryMs })
  const exec = session.exec(code, {
    timeoutMs: Infinity,
    onStdout: (t) => {
      const { text, markers } = filter.push(t)
      if (text) opts.onOutput(text, 'stdout')
      for (const m of markers) opts.onMarker?.(m)
    },
    onStderr: (t) => {
      stderr += t
    },
  })
  const done = exec.then((r): RunResult => {
    const tail = filter.end()
    if (tail.text) opts.onOutput(tail.text, 'stdout')
    for (const m of tail.markers) opts.onMarker?.(m)
    if (!r.exception) return { status: 'finished' }
    const mapped = rewriteTraceback(stderr, opts.deviceToRel)
    if (r.exception.type === 'KeyboardInterrupt' && stopping) return { status: 'stopped' }
    opts.onOutput(mapped, 'stderr')
    const result: RunResult = {
      status: r.exception.type === 'KeyboardInterrupt' ? 'stopped' : 'error',
      traceback: mapped,
      exception: r.exception.message ? `${r.exception.type}: ${r.exception.message}` : r.exception.type,
    }
    const frames = plainFrames(parseFrames(stderr, deployResolver(opts.deviceToRel)))
    if (frames.length) result.frames = frames
    return result
  })
  // Keep a rejection from surfacing as unhandled before a caller awaits `done`.
  done.catch(() => undefined)
  return {
    done,
    async stop() {
      stopping = true
      const ended = done.then(
        () => true,
        () => true,
      )
      await session.interrupt()
      const wait = (ms: number) => Promise.race([ended, new Promise<boolean>((r) => setTimeout(() => r(false), ms))])
      if (await wait(1000)) return
      // Ctrl-C can be swallowed while the app blocks inside a driver call; a second one usually lands.
      await session.interrupt()
      if (!(await wait(1000))) throw new CodedError('DEVICE_TIMEOUT', 'the app did not stop after two Ctrl-C')
    },
  }
}
