/**
 * The pure parts of the debugger's window state: breakpoint lists per file, merging a state pushed
 * by main with edits the window has not had confirmed yet, pause identity, and the watch list.
 * The store (`stores/debug.ts`) holds the live state and does the calls.
 */
import type { DebugBreakpoint, DebugPause, DebugState, DebugVariable } from '@shared/ipc/domains/debug'

/** A breakpoint of one file as the editor holds it (1-based line, optional condition). */
export interface LineBreakpoint {
  line: number
  condition?: string
}

/** The state before main has answered: nothing runs, no breakpoints. */
export const IDLE_DEBUG_STATE: DebugState = { status: 'idle', breakpoints: [], breakOnException: false, watches: [] }

function sorted(list: LineBreakpoint[]): LineBreakpoint[] {
  const byLine = new Map<number, LineBreakpoint>()
  for (const b of list) if (Number.isInteger(b.line) && b.line >= 1) byLine.set(b.line, b.condition ? { line: b.line, condition: b.condition } : { line: b.line })
  return [...byLine.values()].sort((a, b) => a.line - b.line)
}

/** The breakpoints of `file`, by line (one per line; the last one given for a line wins). */
export function fileBreakpoints(all: readonly DebugBreakpoint[], file: string): LineBreakpoint[] {
  return sorted(all.filter((b) => b.file === file))
}

/** `all` with the breakpoints of `file` replaced by `list` (other files keep theirs, in order). */
export function replaceFileBreakpoints(all: readonly DebugBreakpoint[], file: string, list: LineBreakpoint[]): DebugBreakpoint[] {
  return [...all.filter((b) => b.file !== file), ...sorted(list).map((b) => ({ file, ...b }))]
}

/** True when two per-file lists hold the same lines with the same conditions. */
export function sameBreakpoints(a: LineBreakpoint[], b: LineBreakpoint[]): boolean {
  const x = sorted(a)
  const y = sorted(b)
  return x.length === y.length && x.every((p, i) => p.line === y[i]!.line && (p.condition ?? '') === (y[i]!.condition ?? ''))
}

/** Adds a breakpoint on `line`, or removes the one there. */
export function toggleLine(list: LineBreakpoint[], line: number): LineBreakpoint[] {
  return list.some((b) => b.line === line) ? list.filter((b) => b.line !== line) : sorted([...list, { line }])
}

/** Sets (or, with an empty one, clears) the condition of the breakpoint on `line`, adding it if absent. */
export function withCondition(list: LineBreakpoint[], line: number, condition: string): LineBreakpoint[] {
  const c = condition.trim()
  return sorted([...list.filter((b) => b.line !== line), c ? { line, condition: c } : { line }])
}

/**
 * Takes a state main pushed, keeping the window's own breakpoints for the files in `held`: those
 * with a change main has not answered yet (an older answer would move the dots back) and those with
 * unsaved edits (main places breakpoints on the saved text; the list is sent again after the save).
 */
export function mergeIncoming(local: DebugState, incoming: DebugState, held: ReadonlySet<string>): DebugState {
  if (!held.size) return incoming
  const kept = local.breakpoints.filter((b) => held.has(b.file))
  return { ...incoming, breakpoints: [...incoming.breakpoints.filter((b) => !held.has(b.file)), ...kept] }
}

/**
 * What identifies one pause, or null when not paused. Values with a `ref` can be expanded only
 * during the pause they came from, so a different key drops the expanded values.
 */
export function pauseKey(s: DebugState): string | null {
  const p: DebugPause | undefined = s.status === 'paused' ? s.paused : undefined
  if (!p) return null
  return JSON.stringify([p.reason, p.file, p.line, p.frame, p.stack.map((f) => [f.file, f.line, f.fn])])
}

/** The watch list with `expression` added at the end (trimmed; an empty one or a repeat changes nothing). */
export function addWatch(list: readonly string[], expression: string): string[] {
  const e = expression.trim()
  return !e || list.includes(e) ? [...list] : [...list, e]
}

/** The watch list without its `index`th expression. */
export function removeWatch(list: readonly string[], index: number): string[] {
  return list.filter((_, i) => i !== index)
}

/** The kind column of the Variables panel: the type, with the size when there is one (`list · 3`). */
export function kindLabel(v: DebugVariable): string {
  return v.size === undefined ? v.kind : `${v.kind} · ${v.size}`
}

/** A one-line summary of a pause for the debug bar (`Breakpoint · apps/x/__init__.py:12 · frame 4`). */
export function pauseSummary(p: DebugPause): string {
  const why = { breakpoint: 'Breakpoint', step: 'Step', pause: 'Paused', exception: 'Exception' }[p.reason]
  return `${why} · ${p.file}:${p.line} · frame ${p.frame}`
}
