/**
 * Building blocks of the IPC contract: an operation is a namespaced channel with a runtime
 * validator for its single argument object and a (type-only) result; an event is a main → renderer
 * push with a type-only payload. Main is trusted, so only arguments are validated at run time.
 */
import { z } from 'zod'

/** One request/response operation. `R` is the value carried by a successful result. */
export interface OpSpec<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: 'op'
  readonly args: A
  readonly doc: string
  /** Phantom field carrying the result type; never set at run time. */
  readonly __result?: R
}

/** One main → renderer event. */
export interface EventSpec<P = unknown> {
  readonly kind: 'event'
  readonly doc: string
  /** Phantom field carrying the payload type; never set at run time. */
  readonly __payload?: P
}

/**
 * Declares an operation whose result value has type `R`:
 * `op<string>()(z.object({ path: z.string() }), 'Reads a file')`.
 */
export function op<R>() {
  return <A extends z.ZodType>(args: A, doc: string): OpSpec<A, R> => ({ kind: 'op', args, doc })
}

/** Declares an event whose payload has type `P`. */
export function event<P>(doc: string): EventSpec<P> {
  return { kind: 'event', doc }
}

/**
 * An argument carrying bytes, at most `maxLength` of them. Bytes cross IPC as they are: Electron's
 * structured clone carries a Uint8Array (a Buffer is one), the bridge's wire format too.
 */
export function bytes(maxLength = Number.MAX_SAFE_INTEGER): z.ZodType<Uint8Array, Uint8Array> {
  return z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.length <= maxLength, `bytes must be a Uint8Array of at most ${maxLength} bytes`)
}

/** Argument type of an operation (after validation). */
export type ArgsOf<S> = S extends OpSpec<infer A, unknown> ? z.input<A> : never
/** Result value type of an operation. */
export type ResultOf<S> = S extends OpSpec<z.ZodType, infer R> ? R : never
/** Payload type of an event. */
export type PayloadOf<S> = S extends EventSpec<infer P> ? P : never
