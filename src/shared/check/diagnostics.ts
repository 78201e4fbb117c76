/**
 * Diagnostics: what the badge would reject in a project file, found before the badge runs it. One
 * shape for the editor's underlines, the Problems list and `badge-ide check`.
 */

/**
 * How long after the last keystroke the editor checks its text. The compile in main and the round
 * trip fit in the rest of the 300 ms the issue allows (`npm run bench diagnostics` measures them).
 */
export const CHECK_DELAY_MS = 150

/** Where a diagnostic comes from: the badge's own compiler, or the badgeware API checks. */
export type DiagnosticSource = 'micropython' | 'badgeware'

/** One problem in one file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Diagnostic {
  /** Project-relative POSIX path. */
  path: string
  line: number
  col: number
  endLine: number
  endCol: number
  severity: 'error' | 'warning'
  /** The badge's words, with the exception type: `SyntaxError: invalid syntax`. */
  message: string
  source: DiagnosticSource
}

/** `path:line:col: message`, the format compilers print and editors and CI parse. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.col}: ${d.message}`
}

/** Sorted by path, then position. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.col - b.col))
}

/** The span of line `line` (1-based, clamped to the text) from its first non-blank character to its end. */
export function lineSpan(text: string, line: number): { line: number; col: number; endCol: number } {
  const lines = text.split(/\r?\n/)
  // A file ending in a newline has an empty last element that is not a line an editor shows.
  const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length
  const n = Math.max(1, Math.min(line, count))
  const s = lines[n - 1] ?? ''
  const first = s.length - s.trimStart().length
  return { line: n, col: first + 1, endCol: Math.max(s.length + 1, first + 2) }
}

/**
 * Turns what MicroPython printed for a failed `compile()` (its traceback, from `sys.print_exception`)
 * into a diagnostic for `path`: the last `File "<path>", line N` names the line (MicroPython gives no
 * column, so the line is underlined from its first character), the last line is the message. A
 * failure without a line of the file (`NotImplementedError: unicode name escapes`) goes on line 1.
 */
export function compilerDiagnostic(path: string, text: string, report: string): Diagnostic {
  const lines = report.trim().split('\n')
  const message = lines[lines.length - 1]!.trim()
  let line = 1
  for (const l of lines) {
    const m = /^\s*File "(.*)", line (\d+)/.exec(l)
    if (m && m[1] === path) line = Number(m[2])
  }
  const span = lineSpan(text, line)
  return { path, line: span.line, col: span.col, endLine: span.line, endCol: span.endCol, severity: 'error', message, source: 'micropython' }
}
