/**
 * The guest boundary: everything Python running in the emulator (the guest) can reach of
 * JavaScript. The official WebAssembly build hands Python a proxy for every JS value it sees,
 * and from any JS object `.constructor.constructor` is `Function`, which evaluates code in the
 * worker's global scope. Three layers close that door; each has its own hostile test
 * (test/main/emulator/sandbox/):
 *
 * 1. Host modules, their functions and handles are frozen objects without a prototype
 *    ({@link GuestBoundary.expose}): a module shows only its table of functions, a function only
 *    `call`, a handle (shape, image, font, matrix) nothing at all; every other attribute reads
 *    as missing (AttributeError in Python). Calls take and return only numbers, strings,
 *    booleans and None; JS objects a function returns become handles and handles passed back
 *    are unwrapped.
 * 2. `import js` resolves against an empty object instead of `globalThis`, and the two `jsffi`
 *    conversions that create fresh JS objects (`to_js`, `create_proxy`) return None
 *    ({@link guestImports}, applied when the interpreter is instantiated).
 * 3. Every function's `constructor` (Function, AsyncFunction, GeneratorFunction,
 *    AsyncGeneratorFunction) is undefined, so a function reference that slipped past 1 and 2
 *    still evaluates nothing.
 *
 * SES's `lockdown()` (frozen intrinsics as well) was measured here and cost too much: it made the
 * example apps run at 0.27–0.46x their frames per second (`npm run bench emulator`; frozen
 * intrinsics defeat fast paths the graphics code relies on; not investigated further). Prototype
 * pollution needs an object whose prototype chain reaches `Object.prototype`; layer 1 hands
 * Python none (every object it can reach has no prototype), which the hostile suite checks.
 */
import { BootSignal } from '../signals'

type HostFn = (...args: never[]) => unknown

/** Kind tags of the glue's JS→Python value records (micropython.mjs, PROXY_KIND_JS_*). */
const PROXY_KIND_JS_UNDEFINED = 0
const PROXY_KIND_JS_NULL = 1

/**
 * Where a handle keeps its host object. Python reads attributes by name (strings) only, so a
 * symbol-keyed slot is out of its reach, and a handle has no prototype: every attribute is missing.
 */
const TARGET = Symbol('host object')

/**
 * Makes `constructor` undefined (and fixed) on the prototypes of every kind of function, so no
 * function leads to a code-evaluating constructor. Nothing in the worker evaluates code.
 */
function defuseFunctionConstructors(): void {
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}]
  for (const f of kinds) Object.defineProperty(Object.getPrototypeOf(f), 'constructor', { value: undefined, writable: false, configurable: false })
}

/**
 * A handle: an object whose only own slot is symbol-keyed, on a prototype that is empty, frozen
 * and has no prototype itself. A class rather than a frozen literal per handle: shapes are made
 * per draw call, and this is the cheapest object V8 can make with that shape.
 */
class Handle {
  readonly [TARGET]: object
  constructor(target: object) {
    this[TARGET] = target
  }
}
delete (Handle.prototype as { constructor?: unknown }).constructor
Object.freeze(Object.setPrototypeOf(Handle.prototype, null))

/** A frozen object without a prototype: Python sees exactly `props`, nothing inherited. */
function sealed<T extends object>(props: T): T {
  return Object.freeze(Object.setPrototypeOf(props, null) as T)
}

/** One sandbox per worker: expose host modules, seal the realm, list live handles. */
export interface GuestBoundary {
  /**
   * The object to register as a Python module: `table`'s functions, each behind the call
   * checks. With `handles`, JS objects returned become opaque handles (unwrapped when passed
   * back); without, returning an object is a host bug and raises RuntimeError in Python.
   */
  expose(table: Record<string, HostFn>, opts?: { handles?: boolean }): object
  /** Host objects whose handles Python still holds (entries of the glue's reference table). */
  liveTargets(): Iterable<object>
  /**
   * Defuses the function constructors and points `import js` at an empty object. Call after the
   * glue has loaded and before any guest code runs.
   */
  seal(): void
  /** True once {@link seal} ran. */
  readonly sealed: boolean
  /**
   * Runs before every host call (the debugger's chance to see a Pause while Python runs: the
   * worker's JS runs only inside host calls). Null by default.
   */
  beforeCall: (() => void) | null
}

/** Error string a host call returns for arguments of the wrong kind (Python raises it). */
export const BAD_ARGUMENT = '!TypeError::host functions take only numbers, strings, booleans, None and handles'
const BAD_RESULT = '!RuntimeError::internal error: a host function returned a JS object'

/** Creates the boundary of this worker. */
export function createGuestBoundary(): GuestBoundary {
  let isSealed = false
  let beforeCall: (() => void) | null = null
  // A new handle per returned object: the same host object may reach Python as two handles,
  // which only costs identity (`is`), never access.
  const handleFor = (obj: object): object => new Handle(obj)

  const call = (fn: HostFn, args: unknown[], handles: boolean): unknown => {
    if (beforeCall !== null) beforeCall()
    for (let i = 0; i < args.length; i++) {
      const a = args[i]
      if (a !== null && (typeof a === 'object' || typeof a === 'function')) {
        // A PyProxy (a Python object passed in) answers undefined for symbols without calling Python.
        const target = (a as { [TARGET]?: object })[TARGET]
        if (target === undefined) return BAD_ARGUMENT
        args[i] = target
      }
    }
    let r: unknown
    try {
      r = (fn as (...a: unknown[]) => unknown)(...args)
    } catch (e) {
      if (passesThrough(e)) throw e
      return `!RuntimeError::internal error in a host function: ${(e as Error)?.message ?? String(e)}`
    }
    if (r === null || (typeof r !== 'object' && typeof r !== 'function')) return r
    return handles ? handleFor(r) : BAD_RESULT
  }

  const wrap = (fn: HostFn, handles: boolean): object => {
    // Arrow functions: no `prototype` object to walk from, not constructible. Python calls a
    // method as `f.call(self, ...args)`, so `call` is the one attribute a function shows, and it
    // is a function of the same kind (never Function.prototype.call).
    const viaCall = (_self: unknown, ...args: unknown[]): unknown => call(fn, args, handles)
    Object.defineProperty(viaCall, 'call', { value: viaCall })
    const f = (...args: unknown[]): unknown => call(fn, args, handles)
    Object.defineProperty(f, 'call', { value: sealed(viaCall) })
    return sealed(f)
  }

  return {
    expose(table, opts = {}) {
      const handles = opts.handles === true
      const members: Record<string, object> = {}
      for (const [name, fn] of Object.entries(table)) if (typeof fn === 'function') members[name] = wrap(fn, handles)
      return sealed(members)
    },
    *liveTargets() {
      const refs = (globalThis as { proxy_js_ref?: unknown[] }).proxy_js_ref
      if (!Array.isArray(refs)) return
      for (const r of refs) {
        const t = r !== null && typeof r === 'object' ? (r as { [TARGET]?: object })[TARGET] : undefined
        if (t) yield t
      }
    },
    seal() {
      if (isSealed) return
      defuseFunctionConstructors()
      const refs = (globalThis as { proxy_js_ref?: unknown[] }).proxy_js_ref
      if (!Array.isArray(refs)) throw new Error('sandbox: the MicroPython glue has no reference table (unexpected build)')
      refs[0] = sealed({})
      isSealed = true
    },
    get sealed() {
      return isSealed
    },
    get beforeCall() {
      return beforeCall
    },
    set beforeCall(f: (() => void) | null) {
      beforeCall = f
    },
  }
}

/**
 * True for exceptions that must unwind through the interpreter: a longjmp (the build's
 * setjmp/longjmp throws a number), a boot signal, or a fatal wasm trap. Anything else a glue
 * call raises is turned into a harmless result, because Python cannot catch JS exceptions.
 */
function passesThrough(e: unknown): boolean {
  return typeof e === 'number' || e instanceof BootSignal || e instanceof WebAssembly.RuntimeError || e instanceof RangeError
}

/** Glue imports that touch a JS object for Python, with the index of their `out` argument (-1: none). */
const GUARDED: Record<string, number> = {
  lookup_attr: -1, has_attr: -1, store_attr: -1, js_subscr_store: -1, js_iter_next: -1,
  js_subscr_load: 2, js_get_iter: 1, js_reflect_construct: 3, js_get_error_info: -1,
  call0: 1, call1: 3, call2: 4, calln: 4, call0_kwarg: 5, calln_kwarg: 7,
}

/**
 * Rewrites the glue's wasm imports for the boundary:
 * - `jsffi.to_js` and `jsffi.create_proxy` give Python None (both exist to hand it a fresh JS
 *   object);
 * - attribute, item, iteration, construction and call imports never throw into the
 *   interpreter: a failure reads as a missing attribute or None. (A JsProxy whose reference
 *   Python freed by calling `__del__` by hand reads as empty, or as whatever sealed object took
 *   its slot: every object in the table is one of the boundary's.)
 * `memory` is read lazily because the instance does not exist yet while imports are prepared.
 */
export function guestImports(env: Record<string, unknown>, memory: () => WebAssembly.Memory): void {
  const setKind = (out: number, kind: number): void => {
    new Int32Array(memory().buffer)[out >> 2] = kind
  }
  const need = (name: string): ((...a: number[]) => unknown) => {
    const f = env[name]
    if (typeof f !== 'function') throw new Error(`sandbox: the MicroPython glue has no ${name} import (unexpected build)`)
    return f as (...a: number[]) => unknown
  }
  for (const name of ['proxy_convert_mp_to_js_then_js_to_js_then_js_to_mp_obj_jsside', 'proxy_convert_mp_to_js_then_js_to_mp_obj_jsside']) {
    need(name)
    env[name] = (out: number) => setKind(out, PROXY_KIND_JS_NULL)
  }
  for (const [name, outIndex] of Object.entries(GUARDED)) {
    const orig = need(name)
    // Fixed parameters (the longest import takes 8): no rest array per call on this hot path.
    env[name] = (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number) => {
      try {
        return orig(a, b, c, d, e, f, g, h)
      } catch (err) {
        if (passesThrough(err)) throw err
        if (outIndex >= 0) setKind([a, b, c, d, e, f, g, h][outIndex], PROXY_KIND_JS_UNDEFINED)
        return 0
      }
    }
  }
}
