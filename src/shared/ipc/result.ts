/**
 * Discriminated results carried across IPC. Electron forwards only `error.message` from a throwing
 * handler, so handlers never throw domain errors across the boundary: they return `Fail` with a
 * stable code from {@link ERROR_MESSAGES}.
 */
import { ERROR_MESSAGES, type ErrorCode } from './errors'

/** A successful result. */
export interface Ok<T> {
  readonly ok: true
  readonly value: T
}

/** A failed result with a stable code, the human message for it and optional detail (device words). */
export interface Fail {
  readonly ok: false
  readonly code: ErrorCode
  readonly message: string
  readonly detail?: string
}

/** What every operation returns. */
export type Result<T> = Ok<T> | Fail

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

/** Builds a failed result; the message defaults to the table entry for `code`. */
export function fail(code: ErrorCode, detail?: string, message?: string): Fail {
  return detail === undefined
    ? { ok: false, code, message: message ?? ERROR_MESSAGES[code] }
    : { ok: false, code, message: message ?? ERROR_MESSAGES[code], detail }
}

/**
 * An error that carries a stable code. Services throw it; the IPC router and the CLI turn it into a
 * {@link Fail} or a printed message.
 */
export class CodedError extends Error {
  readonly code: ErrorCode
  readonly detail?: string
  constructor(code: ErrorCode, detail?: string, message?: string) {
    super(message ?? (detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code]))
    this.name = 'CodedError'
    this.code = code
    if (detail !== undefined) this.detail = detail
  }
}

/** True for a {@link CodedError}, also across module copies (checks the shape, not the class). */
export function isCodedError(e: unknown): e is CodedError {
  if (!(e instanceof Error)) return false
  const code: unknown = (e as Error & { code?: unknown }).code
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)
}

/** Turns anything thrown into a {@link Fail}; unknown errors become `INTERNAL` with their message. */
export function toFail(e: unknown): Fail {
  if (isCodedError(e)) {
    const detail = e.detail
    return detail === undefined ? fail(e.code, undefined, e.message) : fail(e.code, detail)
  }
  return fail('INTERNAL', e instanceof Error ? e.message : String(e))
}

/** Returns the value of a result or throws a {@link CodedError}. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value
  throw new CodedError(r.code, r.detail, r.message)
}
