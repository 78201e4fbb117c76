/**
 * The guest boundary: everything Python running in the emulator (the guest) can reach of
 * JavaScript. The official WebAssembly build hands Python a proxy for every JS value it sees,
 * and from any JS object `.constructor.constructor` is `Function`, which evaluates code in the
 * worker's global scope. Three layers close that door; each has its own hostile test
 * (test/main/emulator/sandbox/):
 *
 * 1. Host modules and handles are opaque proxies ({@link GuestBoundary.expose}): a module shows
 *    only its table of functions, a handle (shape, image, font, matrix) shows nothing at all.
 *    Every other attribute reads as missing (AttributeError in Python), writes are dropped, no
 *    prototype, nothing to iterate. Calls take and return only numbers, strings, booleans and
 *    None; JS objects a function returns become handles and handles passed back are unwrapped.
 * 2. `import js` resolves against an empty object instead of `globalThis`, and the two `jsffi`
 *    conversions that create fresh JS objects (`to_js`, `create_proxy`) return None
 *    ({@link guestImports}, applied when the interpreter is instantiated).
 * 3. The realm is locked down with SES (`lockdown()`): intrinsics are frozen (no prototype
 *    pollution) and every `Function`-like constructor throws instead of evaluating code, so a
 *    reference that slipped past 1 and 2 still evaluates nothing.
 */
import 'ses'
import { BootSignal } from '../signals'

type HostFn = (...args: never[]) => unknown

/** Kind tags of the glue's JS→Python value records (micropython.mjs, PROXY_KIND_JS_*). */
const PROXY_KIND_JS_UNDEFINED = 0
const PROXY_KIND_JS_NULL = 1

/** What guest code sees of a host module or handle: nothing but what the handler allows. */
function inert(): object {
  return Object.create(null) as object
}

/** Handler of a handle: every read is "missing", every write is dropped. */
const sealedHandler: ProxyHandler<object> = {
  get: () => undefined,
  has: () => false,
  set: () => true,
  defineProperty: () => true,
  deleteProperty: () => true,
  getPrototypeOf: () => null,
  setPrototypeOf: () => true,
  ownKeys: () => [],
  getOwnPropertyDescriptor: () => undefined,
}

// Iterating a host object yields nothing; the iterator and its results are sealed too.
const DONE = new Proxy(inert(), { ...sealedHandler, get: (_t, p) => (p === 'done' ? true : undefined) })
const NEXT = new Proxy(function () {}.bind(null), { ...(sealedHandler as ProxyHandler<() => void>), apply: () => DONE })
const EMPTY = new Proxy(inert(), { ...sealedHandler, get: (_t, p) => (p === 'next' ? NEXT : undefined) })
const emptyIterator = (): object => EMPTY
sealedHandler.get = (_t, p) => (p === Symbol.iterator ? emptyIterator : undefined)

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
   * Locks the realm (SES lockdown) and points `import js` at an empty object. Call after the
   * glue has loaded and before any guest code runs; nothing may change intrinsics afterwards.
   */
  seal(): void
  /** True once {@link seal} ran. */
  readonly sealed: boolean
}

/** Error string a host call returns for arguments of the wrong kind (Python raises it). */
export const BAD_ARGUMENT = '!TypeError::host functions take only numbers, strings, booleans, None and handles'
const BAD_RESULT = '!RuntimeError::internal error: a host function returned a JS object'

/** Creates the boundary of this worker. */
export function createGuestBoundary(): GuestBoundary {
  const tokenOf = new WeakMap<object, object>()
  const targetOf = new WeakMap<object, object>()
  let sealed = false

  const handleFor = (obj: object): object => {
    let t = tokenOf.get(obj)
    if (!t) {
      t = new Proxy(inert(), sealedHandler)
      tokenOf.set(obj, t)
      targetOf.set(t, obj)
    }
    return t
  }

  const call = (fn: HostFn, args: unknown[], handles: boolean): unknown => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]
      if (a !== null && (typeof a === 'object' || typeof a === 'function')) {
        const target = targetOf.get(a)
        if (!target) return BAD_ARGUMENT
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
    // Python calls a method as `f.call(self, ...args)`: `call` is the one attribute a function
    // shows, and it is a wrapper of the same kind (never Function.prototype.call).
    // A bound function is constructible and, unlike a plain function, has no non-configurable
    // `prototype` that the traps would have to report.
    const target = (): (() => void) => function () {}.bind(null)
    const base: ProxyHandler<() => void> = { ...(sealedHandler as ProxyHandler<() => void>), construct: () => handleFor(inert()) }
    const viaCall: object = new Proxy(target(), {
      ...base,
      get: (_t, p) => (p === 'call' ? viaCall : undefined),
      apply: (_t, _this, args: unknown[]) => call(fn, args.slice(1), handles),
    })
    return new Proxy(target(), {
      ...base,
      get: (_t, p) => (p === 'call' ? viaCall : undefined),
      apply: (_t, _this, args: unknown[]) => call(fn, args, handles),
    })
  }

  return {
    expose(table, opts = {}) {
      const handles = opts.handles === true
      const members = new Map<string, object>()
      for (const [name, fn] of Object.entries(table)) if (typeof fn === 'function') members.set(name, wrap(fn, handles))
      return new Proxy(inert(), {
        ...sealedHandler,
        get: (_t, p) => (typeof p === 'string' ? members.get(p) : p === Symbol.iterator ? emptyIterator : undefined),
        has: (_t, p) => typeof p === 'string' && members.has(p),
        ownKeys: () => [...members.keys()],
        getOwnPropertyDescriptor: (_t, p) =>
          typeof p === 'string' && members.has(p) ? { value: members.get(p), writable: false, enumerable: true, configurable: true } : undefined,
      })
    },
    *liveTargets() {
      const refs = (globalThis as { proxy_js_ref?: unknown[] }).proxy_js_ref
      if (!Array.isArray(refs)) return
      for (const r of refs) {
        const t = r !== null && typeof r === 'object' ? targetOf.get(r) : undefined
        if (t) yield t
      }
    },
    seal() {
      if (sealed) return
      lockdown({ errorTaming: 'unsafe', stackFiltering: 'verbose', consoleTaming: 'unsafe', evalTaming: 'noEval', overrideTaming: 'moderate' })
      const refs = (globalThis as { proxy_js_ref?: unknown[] }).proxy_js_ref
      if (!Array.isArray(refs)) throw new Error('sandbox: the MicroPython glue has no reference table (unexpected build)')
      refs[0] = new Proxy(inert(), sealedHandler)
      sealed = true
    },
    get sealed() {
      return sealed
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
    env[name] = (...a: number[]) => {
      try {
        return orig(...a)
      } catch (e) {
        if (passesThrough(e)) throw e
        if (outIndex >= 0) setKind(a[outIndex], PROXY_KIND_JS_UNDEFINED)
        return 0
      }
    }
  }
}
