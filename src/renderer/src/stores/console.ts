/**
 * The console's output stream: the emulator's or the badge's text, kept (bounded) so the terminal
 * can be re-created without losing it, plus the traceback lines to mark in the editor.
 */
import { reactive } from 'vue'
import { lastProjectFrame } from '../lib/traceback'

/** Where console text comes from. */
export type ConsoleSource = 'emulator' | 'device' | 'ide'

type Writer = (chunk: string) => void
const writers = new Set<Writer>()
const history: string[] = []
let historyBytes = 0
const MAX_HISTORY = 256 * 1024
let recent = ''

/** Traceback markers per project file (1-based lines), shown in the editor gutter. */
export const consoleState = reactive({
  marks: {} as Record<string, number[]>,
  /** The innermost project frame of the last traceback, for "jump to error". */
  lastError: null as { path: string; line: number } | null,
  /** True once a marked file was saved after the error (the fix is in; run again to try it). */
  savedSinceError: false,
})

/** Forgets a file's traceback marks after it was saved: the marked lines may be fixed. */
export function clearMarksOf(path: string): void {
  if (!consoleState.marks[path]) return
  const { [path]: _gone, ...rest } = consoleState.marks
  consoleState.marks = rest
  if (consoleState.lastError?.path === path) consoleState.lastError = null
  consoleState.savedSinceError = true
}

const RED = '\x1b[31m'
const DIM = '\x1b[2m'
const RESET = '\x1b[0m'

/** Terminal text for an output chunk: `\n` → `\r\n`; stderr in red; IDE notes dimmed. */
export function formatChunk(text: string, stream: 'stdout' | 'stderr' | 'repl' | 'ide'): string {
  const t = stream === 'repl' ? text : text.replace(/\r?\n/g, '\r\n')
  if (stream === 'stderr') return RED + t + RESET
  if (stream === 'ide') return DIM + t + RESET
  return t
}

/** Appends output (already formatted for the terminal) and notifies open terminals. */
export function writeConsole(text: string, stream: 'stdout' | 'stderr' | 'repl' | 'ide' = 'stdout'): void {
  const chunk = formatChunk(text, stream)
  history.push(chunk)
  historyBytes += chunk.length
  while (historyBytes > MAX_HISTORY && history.length > 1) historyBytes -= history.shift()!.length
  recent = (recent + text).slice(-16 * 1024)
  for (const w of writers) w(chunk)
}

/** Subscribes a terminal; it first receives the kept history. Returns the unsubscribe. */
export function attachConsole(writer: Writer): () => void {
  for (const chunk of history) writer(chunk)
  writers.add(writer)
  return () => writers.delete(writer)
}

/** Clears the kept output and the traceback markers (open terminals clear themselves). */
export function clearConsole(): void {
  history.length = 0
  historyBytes = 0
  recent = ''
  consoleState.marks = {}
  consoleState.lastError = null
  for (const w of writers) w('\x1bc')
}

/**
 * Looks at recent output for a traceback and marks its project lines. Call when an app crashed;
 * `files` is the set of project file paths.
 */
export function markTraceback(files: ReadonlySet<string>): { path: string; line: number } | null {
  const start = recent.lastIndexOf('Traceback (most recent call last)')
  if (start < 0) return null
  const text = recent.slice(start)
  const marks: Record<string, number[]> = {}
  for (const line of text.split('\n')) {
    const f = lastProjectFrame(line, files)
    if (f) (marks[f.path] ??= []).push(f.line)
  }
  consoleState.marks = marks
  consoleState.lastError = lastProjectFrame(text, files)
  consoleState.savedSinceError = false
  return consoleState.lastError
}
