/**
 * The step debugger as the views see it: main's debugger state (breakpoints, options, where the app
 * is paused), the values expanded in the Variables panel, and the commands (continue, steps, pause,
 * breakpoints, watches). Breakpoints live in main per project; the window shows its own edits at
 * once and takes main's answer when it comes (see {@link mergeIncoming}).
 */
import { reactive, watch } from 'vue'
import type { DebugState, DebugVariable } from '@shared/ipc/domains/debug'
import { api, call } from '../api'
import {
  addWatch,
  fileBreakpoints,
  IDLE_DEBUG_STATE,
  mergeIncoming,
  pauseKey,
  removeWatch,
  replaceFileBreakpoints,
  sameBreakpoints,
  toggleLine,
  withCondition,
  type LineBreakpoint,
} from '../lib/debug-state'
import { askName } from '../lib/name-prompt'
import { notify, notifyError } from './notifications'
import { activeDoc, editorSync, flushEditor, isDirty, openFile, workspace } from './workspace'

/** What an expanded value holds: its items, or why they could not be read. */
export type Expansion = { items: DebugVariable[] } | { error: string } | 'loading'

/** Live debugger state for the views. */
export const debug = reactive({
  state: { ...IDLE_DEBUG_STATE } as DebugState,
  /** Items of expanded values by `ref`, for the current pause only. */
  expanded: {} as Record<number, Expansion>,
  /** A resume was sent and the app has not moved on yet (a second one is not sent). */
  resuming: false,
})

/** Requests for a file's breakpoints main has not answered yet, by file. */
const inFlight = new Map<string, number>()
let lastPause: string | null = null

/** Files whose breakpoints the window keeps over main's: unanswered changes and unsaved edits. */
function heldFiles(): Set<string> {
  const held = new Set([...inFlight].filter(([, n]) => n > 0).map(([f]) => f))
  for (const d of workspace.docs) if (isDirty(d) && debug.state.breakpoints.some((b) => b.file === d.path)) held.add(d.path)
  return held
}

/** Takes a state from main (an answer or a pushed event). */
function accept(next: DebugState): void {
  debug.state = mergeIncoming(debug.state, next, heldFiles())
  const key = pauseKey(debug.state)
  if (debug.state.status !== 'paused') debug.resuming = false
  if (key !== lastPause) {
    debug.resuming = false
    debug.expanded = {}
    lastPause = key
    // A new pause shows its line in the editor.
    const p = debug.state.paused
    if (key && p) void openFile(p.file, p.line)
  }
}

/** True while the app in the emulator is paused in the debugger. */
export function isPaused(): boolean {
  return debug.state.status === 'paused'
}

/** Subscribes to the debugger's state; call once at startup. Returns the unsubscribe. */
export function connectDebug(): () => void {
  const off = api.on('debug:state', accept)
  // A file deleted (or renamed away) takes its breakpoints with it; one written again in the same
  // batch (an editor that saves by replacing the file) keeps them.
  const offChanges = api.on('project:changed', (changes) => {
    const back = new Set(changes.filter((c) => c.kind === 'add').map((c) => c.path))
    for (const c of changes) {
      const gone = c.kind === 'unlinkDir' ? (f: string) => f.startsWith(`${c.path}/`) : c.kind === 'unlink' ? (f: string) => f === c.path : null
      if (!gone) continue
      for (const f of new Set(debug.state.breakpoints.map((b) => b.file))) if (gone(f) && !back.has(f)) void setFileBreakpoints(f, [])
    }
  })
  const load = (): void => {
    void api.debug.state({}).then((r) => {
      if (r.ok) accept(r.value)
    })
  }
  load()
  // Breakpoints belong to the open project: another project brings its own.
  const stopProject = watch(() => workspace.project?.root, load)
  // A file saved after its breakpoints moved with unsaved edits: main places them on the saved text now.
  const stopSaved = watch(
    () => workspace.docs.filter(isDirty).map((d) => d.path),
    (dirty, before) => {
      for (const f of before) {
        const open = workspace.docs.some((d) => d.path === f)
        if (open && !dirty.includes(f) && debug.state.breakpoints.some((b) => b.file === f)) void sendFile(f)
      }
    },
  )
  return () => {
    off()
    offChanges()
    stopProject()
    stopSaved()
  }
}

/** The breakpoints of one project file, by line. */
export function breakpointsOf(file: string): LineBreakpoint[] {
  return fileBreakpoints(debug.state.breakpoints, file)
}

async function sendFile(file: string): Promise<void> {
  inFlight.set(file, (inFlight.get(file) ?? 0) + 1)
  try {
    const r = await call(api.debug.setBreakpoints({ file, breakpoints: breakpointsOf(file) }))
    inFlight.set(file, inFlight.get(file)! - 1)
    accept(r)
  } catch (e) {
    inFlight.set(file, inFlight.get(file)! - 1)
    notifyError(e, 'Breakpoints')
    const r = await api.debug.state({})
    if (r.ok) accept(r.value)
  }
}

/**
 * Breakpoints follow a rename made in the IDE (a file, or a folder with its files): taken before the
 * rename (the change events drop the old paths' breakpoints) and set again on the new paths.
 */
export function breakpointMover(from: string): (to: string) => void {
  const under = (f: string): boolean => f === from || f.startsWith(`${from}/`)
  const files = [...new Set(debug.state.breakpoints.map((b) => b.file))].filter(under).map((f) => [f, breakpointsOf(f)] as const)
  return (to) => {
    for (const [f, list] of files) {
      void setFileBreakpoints(f, [])
      void setFileBreakpoints(to + f.slice(from.length), list)
    }
  }
}

/** Replaces the breakpoints of `file` (shown at once, then as main placed them). */
export function setFileBreakpoints(file: string, list: LineBreakpoint[]): Promise<void> {
  if (sameBreakpoints(breakpointsOf(file), list)) return Promise.resolve()
  debug.state = { ...debug.state, breakpoints: replaceFileBreakpoints(debug.state.breakpoints, file, list) }
  return sendFile(file)
}

/** Sets or clears the breakpoint on `line` of `file`. */
export function toggleBreakpoint(file: string, line: number): Promise<void> {
  return setFileBreakpoints(file, toggleLine(breakpointsOf(file), line))
}

/** Sets the condition of the breakpoint on `line` (an empty one makes it unconditional). */
export function setCondition(file: string, line: number, condition: string): Promise<void> {
  return setFileBreakpoints(file, withCondition(breakpointsOf(file), line, condition))
}

/** Asks for the condition of a breakpoint (the name dialog); resolves null when cancelled. */
export function askCondition(line: number, current: string): Promise<string | null> {
  return askName({
    title: `Condition of the breakpoint on line ${line}`,
    label: 'Stop only when this Python expression is true in the paused frame (empty: always stop)',
    initial: current,
    confirmLabel: 'Set condition',
    allowEmpty: true,
  })
}

/** Asks for and sets the condition of the breakpoint on `line` of `file` (adding the breakpoint). */
export async function editCondition(file: string, line: number): Promise<void> {
  const c = await askCondition(line, breakpointsOf(file).find((b) => b.line === line)?.condition ?? '')
  if (c !== null) await setCondition(file, line, c)
}

/** Sets or clears the breakpoint on the cursor's line of the active tab (F9). */
export function toggleBreakpointAtCursor(): Promise<void> {
  const d = activeDoc.value
  if (!d || d.readOnly || !d.path.endsWith('.py')) {
    notify('info', 'Breakpoints go on lines of the project\'s Python files: open one first.')
    return Promise.resolve()
  }
  flushEditor()
  const anchor = editorSync.where(d.path)?.anchor ?? 0
  return toggleBreakpoint(d.path, d.text.slice(0, anchor).split('\n').length)
}

/** Removes every breakpoint of the project. */
export async function clearBreakpoints(): Promise<void> {
  for (const file of new Set(debug.state.breakpoints.map((b) => b.file))) await setFileBreakpoints(file, [])
}

type Resume = 'continue' | 'stepOver' | 'stepInto' | 'stepOut'
const RESUME_TITLE: Record<Resume, string> = { continue: 'Continue', stepOver: 'Step over', stepInto: 'Step into', stepOut: 'Step out' }

/** Resumes the paused app: to the next breakpoint, or one step over, into or out of the current line. */
export async function resume(how: Resume): Promise<void> {
  if (debug.resuming) return
  debug.resuming = true
  debug.expanded = {}
  try {
    accept(await call(api.debug[how]({})))
  } catch (e) {
    debug.resuming = false
    notifyError(e, RESUME_TITLE[how])
  }
}

/** Stops the running app at its next line. */
export async function pauseApp(): Promise<void> {
  try {
    accept(await call(api.debug.pause({})))
  } catch (e) {
    notifyError(e, 'Pause')
  }
}

/** Switches "break on uncaught exception"; `say` tells the new state (the menu has no check mark). */
export async function toggleBreakOnException(say = false): Promise<void> {
  try {
    accept(await call(api.debug.setOptions({ breakOnException: !debug.state.breakOnException })))
    if (say) notify('info', `Break on uncaught exceptions: ${debug.state.breakOnException ? 'on' : 'off'}`)
  } catch (e) {
    notifyError(e, 'Break on exception')
  }
}

async function sendWatches(expressions: string[]): Promise<void> {
  try {
    accept(await call(api.debug.setWatches({ expressions })))
  } catch (e) {
    notifyError(e, 'Watch')
  }
}

/** Adds a watch expression (evaluated at every pause). */
export function addWatchExpression(expression: string): Promise<void> {
  const next = addWatch(debug.state.watches, expression)
  return next.length === debug.state.watches.length ? Promise.resolve() : sendWatches(next)
}

/** Removes the `index`th watch expression. */
export function removeWatchExpression(index: number): Promise<void> {
  return sendWatches(removeWatch(debug.state.watches, index))
}

// Main answers one `debug:variables` at a time (a new one supersedes the last), so they go in turn.
let varsQueue: Promise<void> = Promise.resolve()

/** Reads the items of an expandable value of the current pause (kept until the app moves on). */
export function expand(ref: number): Promise<void> {
  if (debug.expanded[ref]) return varsQueue
  const key = lastPause
  debug.expanded[ref] = 'loading'
  varsQueue = varsQueue.then(async () => {
    if (key !== lastPause) return
    const r = await api.debug.variables({ ref })
    if (key !== lastPause) return
    debug.expanded[ref] = r.ok ? { items: r.value } : { error: r.detail ? `${r.message} (${r.detail})` : r.message }
  })
  return varsQueue
}
