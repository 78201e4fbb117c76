/**
 * Syntax errors in the badge's own words: the pinned MicroPython WebAssembly build (the emulator's)
 * compiles the source with `compile(source, path, 'exec')` in a worker thread of its own, off the UI
 * and off the emulator. Nothing is ever run: the code object is dropped. The worker's interpreter
 * serves a bounded number of compiles (each one interns its names for good) and is then replaced by
 * a fresh one; a worker that does not answer in time is ended and replaced too.
 */
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { compiledMicroPython, wasmDir } from '../../emulator/wasm-files'
import { CodedError } from '../../../shared/ipc/result'

/** Largest source compiled, in UTF-16 code units (the badge's apps are a few KB; its heap is 241 KB). */
export const MAX_CHECK_SOURCE = 256 * 1024

/** Compiles one interpreter serves before a fresh one takes over. */
export const COMPILES_PER_INTERPRETER = 100

/** Heap of the checking interpreter: room for the compiler's parse of the largest source allowed. */
const HEAP_BYTES = 16 * 1024 * 1024

// The worker's code, run from this string (`eval: true`) so it starts the same way from the sources
// (tests), the CLI bundle and the Electron build, with nothing of ours to bundle: it loads the
// pinned glue and answers compile requests. The glue instantiates the module compiled once by the host.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const HELPER = [
  'import sys, io',
  'def _check(src, name):',
  '    try:',
  '        compile(src, name, "exec")',
  '    except BaseException as e:',
  '        out = io.StringIO()',
  '        sys.print_exception(e, out)',
  '        return out.getvalue()',
].join('\\n')
;(async () => {
  const { loadMicroPython } = await import(workerData.glueUrl)
  const instantiate = WebAssembly.instantiate
  WebAssembly.instantiate = async (_binary, imports) => ({ instance: await instantiate(workerData.module, imports), module: workerData.module })
  let mp
  try {
    mp = await loadMicroPython({ heapsize: workerData.heapBytes, linebuffer: false, stdout: () => {}, stderr: () => {} })
  } finally {
    WebAssembly.instantiate = instantiate
  }
  mp.runPython(HELPER)
  parentPort.on('message', ({ id, path, source }) => {
    mp.globals.set('_src', source)
    mp.globals.set('_name', path)
    mp.runPython('_report = _check(_src, _name)\\n_src = None')
    const report = mp.globals.get('_report')
    parentPort.postMessage({ id, report: typeof report === 'string' ? report : null })
  })
  parentPort.postMessage({ ready: true })
})().catch((e) => parentPort.postMessage({ fatal: String((e && e.stack) || e) }))
`

/** Options for {@link SyntaxChecker}. */
export interface SyntaxCheckerOptions {
  /** The folder with micropython.mjs/.wasm (default: {@link wasmDir}). */
  wasmDir?: string
  /** How long one compile may take before the worker is ended (default 5000 ms). */
  timeoutMs?: number
  /** Compiles per interpreter (default {@link COMPILES_PER_INTERPRETER}). */
  compilesPerInterpreter?: number
}

interface Reply {
  id?: number
  report?: string | null
  ready?: boolean
  fatal?: string
}

/** One checking worker at a time; requests are answered in order. */
export class SyntaxChecker {
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private served = 0
  private disposed = false
  private nextId = 1
  private queue: Promise<unknown> = Promise.resolve()
  private readonly waiting = new Map<number, (r: Reply) => void>()
  /** Interpreters started so far (tests read it to see a fresh one take over). */
  started = 0

  constructor(private readonly opts: SyntaxCheckerOptions = {}) {}

  /**
   * MicroPython's report of the first syntax error in `source` (as `sys.print_exception` prints it),
   * or null when it compiles. `path` is the file name the report uses. Sources longer than
   * {@link MAX_CHECK_SOURCE} are refused (`FILE_TOO_LARGE`); a compile that does not finish in time
   * or a worker that fails ends in `CHECK_FAILED`.
   */
  compile(path: string, source: string): Promise<string | null> {
    if (source.length > MAX_CHECK_SOURCE) {
      return Promise.reject(new CodedError('FILE_TOO_LARGE', `${path}: ${source.length} characters; the syntax check takes files up to ${MAX_CHECK_SOURCE}`))
    }
    const run = this.queue.then(() => this.compileNow(path, source))
    this.queue = run.catch(() => undefined)
    return run
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready
    const dir = this.opts.wasmDir ?? wasmDir()
    this.ready = compiledMicroPython(dir).then(
      (module) =>
        new Promise<void>((resolve, reject) => {
          if (this.disposed) return reject(new CodedError('CHECK_FAILED', 'the checker was closed'))
          const w = new Worker(WORKER_SOURCE, {
            eval: true,
            workerData: { glueUrl: pathToFileURL(join(dir, 'micropython.mjs')).href, module, heapBytes: HEAP_BYTES },
            stdout: true,
            stderr: true,
          })
          w.unref()
          this.worker = w
          this.started++
          w.on('message', (m: Reply) => {
            if (m.ready) resolve()
            else if (m.fatal !== undefined) reject(new CodedError('CHECK_FAILED', m.fatal))
            else if (m.id !== undefined) {
              this.waiting.get(m.id)?.(m)
              this.waiting.delete(m.id)
            }
          })
          const gone = (why: string): void => {
            reject(new CodedError('CHECK_FAILED', why))
            for (const done of this.waiting.values()) done({ fatal: why })
            this.waiting.clear()
            if (this.worker === w) this.reset()
          }
          w.on('error', (e) => gone(e.message))
          w.on('exit', (code) => gone(`the checking worker ended (exit code ${code})`))
        }),
    )
    this.ready.catch(() => this.reset())
    return this.ready
  }

  private reset(): void {
    const w = this.worker
    this.worker = null
    this.ready = null
    this.served = 0
    void w?.terminate()
  }

  private async compileNow(path: string, source: string): Promise<string | null> {
    await this.start()
    const w = this.worker!
    this.served++
    const id = this.nextId++
    const timeoutMs = this.opts.timeoutMs ?? 5000
    const reply = await new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        this.reset()
        resolve({ fatal: `${path}: no answer from the compiler in ${timeoutMs} ms` })
      }, timeoutMs)
      this.waiting.set(id, (r) => {
        clearTimeout(timer)
        resolve(r)
      })
      w.postMessage({ id, path, source })
    })
    if (reply.fatal !== undefined) throw new CodedError('CHECK_FAILED', reply.fatal)
    // The next interpreter starts now, not when the next keystroke waits for it.
    if (this.served >= (this.opts.compilesPerInterpreter ?? COMPILES_PER_INTERPRETER)) {
      this.reset()
      void this.start().catch(() => undefined)
    }
    return reply.report ?? null
  }

  /** Ends the worker; later compiles fail with CHECK_FAILED. */
  async dispose(): Promise<void> {
    this.disposed = true
    const w = this.worker
    this.worker = null
    this.ready = null
    await w?.terminate()
  }
}
