/**
 * Code that proves it arrived whole. On a link without flow control a lost byte can leave code that
 * still compiles but does something else (`bytes` becoming `byes` inside a helper that is only called
 * later). Guarded code travels as a string literal whose length the device checks before running it:
 * a copy that lost bytes fails before anything ran, which is what `execOwn` resends.
 * For helper definitions and other code without bulk data (the string doubles the source in the heap).
 */
import { pyStr } from './python-literal'

const TAIL = 'exec(_s)\n'
const CLEANUP = '\ndel _s\n'

/** True for the output of {@link guardedCode}. */
export function isGuarded(code: string): boolean {
  return code.startsWith('_s=') && code.endsWith(TAIL)
}

/**
 * Wraps `code` so the device runs it only when it arrived complete. Guarded code stays as it is.
 * The wrapper's own lines fail without running anything when they lose a byte (a SyntaxError, or
 * a NameError such as `xec` raised outside the guarded string).
 */
export function guardedCode(code: string): string {
  if (isGuarded(code)) return code
  // The string removes itself, so nothing runs after it that a lost byte could break.
  const body = code + CLEANUP
  // MicroPython's len() of a str counts code points.
  const n = [...body].length
  // Long escapes only: a lost backslash of `\n` would leave the length as it was.
  return `_s=${pyStr(body, true)}\nif len(_s)!=${n}:\n raise SyntaxError('bide: code damaged')\n${TAIL}`
}
