/**
 * The CLI's global output rules as pure functions: the JSON shapes of `--json` (results and errors)
 * and the exit codes, documented in the README:
 *
 * | code | meaning |
 * |---|---|
 * | 0 | ok |
 * | 1 | the app, the badge or a file failed (an error, or code that raised on the badge) |
 * | 2 | usage: the command line was not understood |
 * | 130 | interrupted (Ctrl-C) |
 */
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../shared/ipc/errors'
import { fsErrorCode } from '../main/services/project/project-fs'

/** Exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const

/** What `--json` prints for a failure. */
export interface JsonError {
  error: { code: string; message: string; hint: string }
}

/**
 * The JSON error for `e`: a coded error keeps its code, its detail as the message and the table's
 * text as the hint; a file system error of this computer (a local path given to put, get, emulate
 * --screenshot…) gets the project files' code for it; anything else is INTERNAL with its own message.
 */
export function jsonError(e: unknown): JsonError {
  const code = (e as { code?: unknown } | null)?.code
  if (e instanceof Error && typeof code === 'string' && isErrorCode(code)) {
    const detail = (e as { detail?: unknown }).detail
    return { error: { code, message: typeof detail === 'string' ? detail : e.message, hint: ERROR_MESSAGES[code] } }
  }
  if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string') {
    const fsCode = fsErrorCode(e)
    return { error: { code: fsCode, message: e.message, hint: ERROR_MESSAGES[fsCode] } }
  }
  return { error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), hint: ERROR_MESSAGES.INTERNAL } }
}

/** Codes of the errors a command throws when its own arguments are wrong: usage, like Commander's. */
export const USAGE_CODES: ReadonlySet<string> = new Set(['USAGE', 'BAD_ARGS', 'EMULATOR_BAD_OPTION'])

/** How a run ended, as {@link exitCode} needs it. */
export interface RunEnd {
  /** Ctrl-C was pressed during the run. */
  interrupted: boolean
  /** Commander's verdict: 'help' or 'version' for --help/--version, 'usage' for a bad command line. */
  commander?: 'help' | 'version' | 'usage'
  /** An error thrown by the command. */
  failed: boolean
  /** That error says the command line was wrong (one of {@link USAGE_CODES}). */
  usage?: boolean
  /** The code the command set (process.exitCode), if any. */
  set?: number | undefined
}

/** The process exit code: interrupted wins, then usage, then failure, then what the command set. */
export function exitCode(r: RunEnd): number {
  if (r.interrupted) return EXIT.interrupted
  if (r.commander === 'help' || r.commander === 'version') return EXIT.ok
  if (r.commander === 'usage' || (r.failed && r.usage)) return EXIT.usage
  if (r.failed) return EXIT.failed
  return r.set ?? EXIT.ok
}

/** What `--json` prints for a command without JSON output of its own: what it wrote, and whether it succeeded. */
export function jsonResult(stdout: string, stderr: string, code: number): { ok: boolean; stdout: string; stderr: string } {
  return { ok: code === 0, stdout, stderr }
}

let failure: { code: ErrorCode; message: string } | null = null

/**
 * Ends the run as failed (exit 1) for a reason the command has printed already (the app raised,
 * the deploy failed): `--json` then carries it as the error object beside the output.
 */
export function commandFailed(code: ErrorCode, message: string): void {
  failure = { code, message }
  process.exitCode = 1
}

/** The failure a command reported with {@link commandFailed}, once (cleared for the next run). */
export function takeCommandFailure(): JsonError | null {
  const f = failure
  failure = null
  return f && { error: { code: f.code, message: f.message, hint: ERROR_MESSAGES[f.code] } }
}
