/**
 * Debugger operations: breakpoints, stepping and inspection of the app running in the emulator.
 * The emulator instruments the project's source as it loads it (never the files on disk); these
 * operations drive that machinery from the window, and the CLI drives the same machinery.
 */
import { z } from 'zod'
import { event, op } from '../define'

/** A breakpoint on a line of a project file (`file` is project-relative, `/`-separated). */
export interface DebugBreakpoint {
  file: string
  line: number
  /** A Python expression; the app stops only when it is true in the paused frame. */
  condition?: string
}

/** One value shown in the Variables panel or a watch. */
export interface DebugVariable {
  name: string
  /** Python type name, or a badgeware kind (`image`, `brush`, `font`, …). */
  kind: string
  /** Short text of the value (`42`, `'hi'`, `[3 items]`, `image 160×120`), cut to a few hundred characters. */
  value: string
  /** Items in a list/tuple/dict/set or bytes in bytes-likes, when the value has a size. */
  size?: number
  /** Non-zero when the value can be expanded with `debug:variables` while the app stays paused. */
  ref: number
}

/** One frame of the call stack, innermost first; only project files appear. */
export interface DebugStackFrame {
  file: string
  line: number
  /** Function name, or `<module>`. */
  fn: string
}

/** The result of one watch expression in the paused frame. */
export interface DebugWatch {
  expression: string
  value?: DebugVariable
  /** The error the expression raised (`NameError: name 'x' isn't defined`). */
  error?: string
}

/** Where and why the app is paused. */
export interface DebugPause {
  reason: 'breakpoint' | 'step' | 'pause' | 'exception'
  file: string
  line: number
  stack: DebugStackFrame[]
  /** Names assigned so far in the paused function (or the module's globals at module level). */
  locals: DebugVariable[]
  /** The app module's globals. */
  globals: DebugVariable[]
  watches: DebugWatch[]
  /** The exception, for reason `exception`. */
  exception?: { type: string; text: string }
  /** Frames presented before the pause (the frame on screen is the one being drawn). */
  frame: number
}

/** The debugger's state, pushed on every change. */
export interface DebugState {
  status: 'idle' | 'running' | 'paused'
  paused?: DebugPause
  breakpoints: DebugBreakpoint[]
  breakOnException: boolean
  watches: string[]
}

const file = z.string().min(1).max(1024)
const expression = z.string().min(1).max(1000)

export const debugOps = {
  'debug:state': op<DebugState>()(z.object({}), 'The debugger state (breakpoints, options, and where the app is paused).'),
  'debug:setBreakpoints': op<DebugState>()(
    z.object({
      file,
      breakpoints: z.array(z.object({ line: z.number().int().min(1).max(1_000_000), condition: expression.optional() })).max(1000),
    }),
    "Replaces one file's breakpoints; takes effect in a running app at its next line.",
  ),
  'debug:setOptions': op<DebugState>()(z.object({ breakOnException: z.boolean() }), 'Break on uncaught exceptions (before the error screen).'),
  'debug:setWatches': op<DebugState>()(z.object({ expressions: z.array(expression).max(50) }), 'Sets the watch list; evaluated at every pause.'),
  'debug:continue': op<DebugState>()(z.object({}), 'Resumes a paused app until the next breakpoint.'),
  'debug:stepOver': op<DebugState>()(z.object({}), 'Runs to the next line of the paused function (or its caller once it returns).'),
  'debug:stepInto': op<DebugState>()(z.object({}), 'Runs to the next line reached, inside calls too.'),
  'debug:stepOut': op<DebugState>()(z.object({}), 'Runs until the paused function returns, then stops in its caller.'),
  'debug:pause': op<DebugState>()(z.object({}), 'Stops the running app at its next line.'),
  'debug:variables': op<DebugVariable[]>()(z.object({ ref: z.number().int().min(1) }), 'The items of an expandable value while the app stays paused.'),
}

export const debugEvents = {
  'debug:state': event<DebugState>('The debugger state changed (paused, resumed, breakpoints).'),
}
