/**
 * Code that proves it arrived whole. On a link without flow control a lost byte can leave code that
 * still compiles but does something else (`bytes` becoming `byes` inside a helper that is only called
 * later). Guarded code travels as a string literal whose length the device checks before running it:
 * a copy that lost bytes raises SyntaxError before anything ran, which is what `execOwn` resends.
 * For helper definitions and other code without bulk data (the string doubles the source in the heap).
 */
import { pyStr } from './python-literal'

const TAIL = "exec(_s)\ndel _s\n"

/** Wraps `code` so the device runs it only when it arrived complete. Guarded code stays as it is. */
export function guardedCode(code: string): string {
  if (code.startsWith('_s=') && code.endsWith(TAIL)) return code
  // MicroPython's len() of a str counts code points.
  const n = [...code].length
  return `_s=${pyStr(code)}\nif len(_s)!=${n}:\n raise SyntaxError('bide: code damaged')\n${TAIL}`
}
