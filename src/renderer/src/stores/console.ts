/**
 * The console's two streams, each kept (bounded) so the terminal can be re-created or switched
 * without losing text: `output` (the emulator's output and the IDE's notes) and `repl` (what the
 * badge sends: its REPL and the output of apps run on it), so IDE notes never push the badge's
 * `>>>` prompt around. Plus the traceback lines to mark in the editor.
 */
import { reactive } from 'vue'
import { innermostProjectFrame, parseFrames, TRACEBACK_HEADER, type TraceFrame } from '../../../shared/traceback'
import { projectResolver } from '../lib/traceback'
import { clearPlot, feedPlot } from './plotter'

/** Where console text comes from. */
export type ConsoleSource = 'emulator' | 'device' | 'ide'

/** A console tab: the emulator's output and IDE notes, or the badge's REPL. */
export type ConsoleChannel = 'output' | 'repl'

type Writer = (chunk: string) => void
interface Stream {
  writers: Set<Writer>
  history: string[]
  bytes: number
}
const streams: Record<ConsoleChannel, Stream> = {
  output: { writers: new Set(), history: [], bytes: 0 },
  repl: { writers: new Set(), history: [], bytes: 0 },
}
const MAX_HISTORY = 256 * 1024
let recent = ''

/** Traceback markers per project file (1-based lines), shown in the editor gutter. */
export const consoleState = reactive({
  marks: {} as Record<string, number[]>,
  /** The innermost project frame of the last traceback, for "jump to error". */
  lastError: null as { path: string; line: number } | null,
  /** True once a marked file was saved after the error (the fix is in; run again to try it). */
  savedSinceError: false,
  /** The tab on screen. */
  tab: 'output' as ConsoleChannel,
  /** Tabs with text written since they were last shown. */
  unread: { output: false, repl: false } as Record<ConsoleChannel, boolean>,
})

/** Shows a console tab (a run in the emulator shows Output, a connected badge its REPL). */
export function showConsoleTab(tab: ConsoleChannel): void {
  consoleState.tab = tab
  consoleState.unread[tab] = false
}

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

/** Appends text to a channel (Output by default) and notifies the terminal showing it. */
export function writeConsole(text: string, stream: 'stdout' | 'stderr' | 'repl' | 'ide' = 'stdout', channel: ConsoleChannel = 'output'): void {
  const chunk = formatChunk(text, stream)
  const s = streams[channel]
  s.history.push(chunk)
  s.bytes += chunk.length
  while (s.bytes > MAX_HISTORY && s.history.length > 1) s.bytes -= s.history.shift()!.length
  recent = (recent + text).slice(-16 * 1024)
  // What the app prints (in the emulator or on the badge), not the IDE's notes or errors.
  if (stream === 'stdout' || stream === 'repl') feedPlot(text, channel)
  if (consoleState.tab !== channel && !consoleState.unread[channel]) consoleState.unread[channel] = true
  for (const w of s.writers) w(chunk)
}

/**
 * Marks the start of a run (in Output, where the IDE's notes go) and shows `channel`, where its
 * output arrives; the Plotter starts afresh with each run.
 */
export function announceRun(text: string, channel: ConsoleChannel): void {
  writeConsole(`\n▶ ${text}\n`, 'ide')
  showConsoleTab(channel)
  clearPlot()
}

/** Subscribes a terminal to a channel; it first receives the kept history. Returns the unsubscribe. */
export function attachConsole(channel: ConsoleChannel, writer: Writer): () => void {
  const s = streams[channel]
  for (const chunk of s.history) writer(chunk)
  s.writers.add(writer)
  return () => s.writers.delete(writer)
}

/** Clears a channel's kept text (and, for Output, the traceback markers); its terminal clears itself. */
export function clearConsole(channel: ConsoleChannel = consoleState.tab): void {
  const s = streams[channel]
  s.history.length = 0
  s.bytes = 0
  recent = ''
  if (channel === 'output') {
    consoleState.marks = {}
    consoleState.lastError = null
  }
  for (const w of s.writers) w('\x1bc')
}

/**
 * Looks at recent output for a traceback and marks its project lines. Call when an app crashed;
 * `files` is the set of project file paths.
 */
export function markTraceback(files: ReadonlySet<string>): { path: string; line: number } | null {
  const start = recent.lastIndexOf(TRACEBACK_HEADER)
  if (start < 0) return null
  return markFrames(parseFrames(recent.slice(start), projectResolver(files)))
}

/**
 * Marks the project frames of a traceback in the editor gutter; returns the innermost one (where
 * the editor should jump), or null when no frame is in the project.
 */
export function markFrames(frames: readonly TraceFrame[]): { path: string; line: number } | null {
  const marks: Record<string, number[]> = {}
  for (const f of frames) if (f.file !== null) (marks[f.file] ??= []).push(f.line)
  const last = innermostProjectFrame(frames)
  consoleState.marks = marks
  consoleState.lastError = last ? { path: last.file, line: last.line } : null
  consoleState.savedSinceError = false
  return consoleState.lastError
}
