/**
 * Loads the pinned MicroPython WebAssembly build inside the worker: reuses the module compiled
 * once by the host, routes the interpreter's clock (`Date.now`, behind `time.ticks_ms()`) through
 * the emulated badge clock, and turns a pending Stop / Ctrl-C into a KeyboardInterrupt at the
 * next bytecode boundary whenever the program reads the clock.
 */
import { pathToFileURL } from 'node:url'
import { SLOT } from '../control-block'
import type { BadgeClock } from '../clock'
import type { EmFS } from '../vfs'

/** The parts of the interpreter object returned by loadMicroPython that we use. */
export interface MicroPython {
  FS: EmFS & { ignorePermissions: boolean }
  _module: { _mp_sched_keyboard_interrupt(): void }
  runPython(code: string): unknown
  registerJsModule(name: string, module: object): void
  pyimport(name: string): unknown
  replInit(): void
  replProcessChar(chr: number): number
}

/** Options for {@link loadInterpreter}. */
export interface InterpreterOptions {
  mjsPath: string
  wasmModule: WebAssembly.Module
  heapBytes: number
  clock: BadgeClock
  ctrl: Int32Array
  stdout(byte: number): void
  stderr(byte: number): void
  /** Serial input for sys.stdin (REPL mode); returns null at end of input. */
  stdin?: () => number | null
  /** Rewrites the glue's wasm imports before instantiation (the sandbox's system calls). */
  adaptImports?(env: Record<string, unknown>): void
  /** Receives the instance's memory once it exists. */
  onMemory?(memory: WebAssembly.Memory): void
}

let realDateNow: (() => number) | null = null

/**
 * Loads a fresh interpreter. Only one per worker: every boot gets a new worker, so module-level
 * state in the Emscripten glue (proxy tables, finalizers) never mixes two interpreters.
 */
export async function loadInterpreter(o: InterpreterOptions): Promise<MicroPython> {
  let mp: MicroPython | null = null
  if (!realDateNow) realDateNow = Date.now.bind(Date)
  Date.now = () => {
    // A Stop raised here reaches loops that only read the clock (busy-waits on ticks_ms()).
    if (mp && Atomics.load(o.ctrl, SLOT.STOP) !== 0) scheduleInterrupt(mp, o.ctrl)
    return o.clock.wallMs()
  }
  const origInstantiate = WebAssembly.instantiate
  // The glue reads micropython.wasm and instantiates it; hand it the precompiled module instead.
  ;(WebAssembly as { instantiate: unknown }).instantiate = async (_bin: unknown, imports: WebAssembly.Imports) => {
    o.adaptImports?.(imports.env as Record<string, unknown>)
    const fast = fastInvokes(imports, o.wasmModule)
    const instance = await origInstantiate(o.wasmModule, imports)
    fast.bind(instance)
    o.onMemory?.(instance.exports.memory as WebAssembly.Memory)
    return { instance, module: o.wasmModule }
  }
  try {
    const glue = (await import(pathToFileURL(o.mjsPath).href)) as {
      loadMicroPython(opts: object): Promise<MicroPython>
    }
    mp = await glue.loadMicroPython({
      heapsize: o.heapBytes,
      pystack: 4096,
      linebuffer: false,
      stdout: (b: Uint8Array) => o.stdout(b[0]),
      stderr: (b: Uint8Array) => o.stderr(b[0]),
      ...(o.stdin ? { stdin: o.stdin } : {}),
    })
  } finally {
    ;(WebAssembly as { instantiate: unknown }).instantiate = origInstantiate
  }
  // Emscripten's default folders are not part of the badge.
  for (const d of ['/tmp', '/home/web_user', '/home']) {
    try {
      mp.FS.rmdir(d)
    } catch {
      // already gone
    }
  }
  return mp
}

const delivered = new WeakSet<object>()
let consumedCtrlC = 0

/** Ctrl-C bytes already delivered as interrupts; the REPL reader drops that many 0x03 bytes. */
export function takeConsumedCtrlC(): boolean {
  if (consumedCtrlC === 0) return false
  consumedCtrlC--
  return true
}

/** True when Stop (1) or a Ctrl-C (2, consumed here) asks running code to stop. */
export function interruptPending(ctrl: Int32Array): boolean {
  const v = Atomics.load(ctrl, SLOT.STOP)
  if (v === 2) {
    Atomics.store(ctrl, SLOT.STOP, 0)
    consumedCtrlC++
    return true
  }
  return v === 1
}

/**
 * Schedules one KeyboardInterrupt for a pending Stop (1) or Ctrl-C (2). A Ctrl-C is consumed;
 * a Stop stays set (the hooks keep raising until the app is out) but is scheduled once here.
 */
export function scheduleInterrupt(mp: MicroPython, ctrl: Int32Array): void {
  const v = Atomics.load(ctrl, SLOT.STOP)
  if (v === 2) {
    Atomics.store(ctrl, SLOT.STOP, 0)
    consumedCtrlC++
    mp._module._mp_sched_keyboard_interrupt()
  } else if (v === 1 && !delivered.has(mp)) {
    delivered.add(mp)
    mp._module._mp_sched_keyboard_interrupt()
  }
}

type WasmFn = (...a: number[]) => number | undefined

/**
 * Replaces the glue's `invoke_*` imports with equivalent lean ones. This build implements
 * setjmp/longjmp (MicroPython's nlr) with JS trampolines: every call the bytecode VM makes from
 * inside an nlr_push scope goes out to JS `invoke_<sig>(index, ...args)` and back. The glue's
 * version is built with assertions and reads `wasmTable.get(index)` on every call to check its
 * mirror (measured: 10–20 % of the frame time of the example apps). Same semantics:
 * save the stack pointer, call the table entry, and on a longjmp (a thrown number) restore the
 * stack and set the threw flag; anything else is rethrown. The table is never changed at run
 * time by this build (no addFunction), so the mirror cannot go stale.
 */
export function fastInvokes(imports: WebAssembly.Imports, module: WebAssembly.Module): { bind(instance: WebAssembly.Instance): void } {
  const needed = ['__indirect_function_table', 'emscripten_stack_get_current', '_emscripten_stack_restore', 'setThrew']
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name))
  // Another build without these exports keeps the glue's own trampolines.
  const env = needed.every((n) => exported.has(n)) ? (imports.env as Record<string, unknown> | undefined) : undefined
  let table: WebAssembly.Table | null = null
  let stackSave: () => number = () => 0
  let stackRestore: (sp: number) => void = () => {}
  let setThrew: (a: number, b: number) => void = () => {}
  const mirror: Array<WasmFn | undefined> = []
  const fn = (i: number): WasmFn => mirror[i] ?? (mirror[i] = table!.get(i) as WasmFn)
  const fail = (sp: number, e: unknown): undefined => {
    stackRestore(sp)
    if (e !== (e as number) + 0) throw e // the glue's own test: a longjmp throws a number
    setThrew(1, 0)
    return undefined
  }
  const makers: Record<number, () => WasmFn> = {
    0: () => (i) => { const sp = stackSave(); try { return fn(i)() } catch (e) { return fail(sp, e) } },
    1: () => (i, a) => { const sp = stackSave(); try { return fn(i)(a) } catch (e) { return fail(sp, e) } },
    2: () => (i, a, b) => { const sp = stackSave(); try { return fn(i)(a, b) } catch (e) { return fail(sp, e) } },
    3: () => (i, a, b, c) => { const sp = stackSave(); try { return fn(i)(a, b, c) } catch (e) { return fail(sp, e) } },
    4: () => (i, a, b, c, d) => { const sp = stackSave(); try { return fn(i)(a, b, c, d) } catch (e) { return fail(sp, e) } },
    5: () => (i, a, b, c, d, f) => { const sp = stackSave(); try { return fn(i)(a, b, c, d, f) } catch (e) { return fail(sp, e) } },
  }
  if (env) {
    for (const name of Object.keys(env)) {
      const m = /^invoke_([vijfd])([ijfd]*)$/.exec(name)
      const make = m ? makers[m[2].length] : undefined
      if (make) env[name] = make()
    }
  }
  return {
    bind(instance) {
      if (!env) return
      const ex = instance.exports as Record<string, unknown>
      table = ex.__indirect_function_table as WebAssembly.Table
      stackSave = ex.emscripten_stack_get_current as () => number
      stackRestore = ex._emscripten_stack_restore as (sp: number) => void
      setThrew = ex.setThrew as (a: number, b: number) => void
    },
  }
}
