/**
 * The close/quit handshake of every window as a pure state machine (no electron import,
 * unit-tested). Closing a window first asks its renderer, which offers Save all / Don't save /
 * Cancel for unsaved tabs; it closes only after it agreed, and then only its own core is disposed.
 * Quitting asks the windows one at a time (each agreeing window closes); a Cancel stops the quit
 * and keeps the windows not yet asked. The app quits once no window is left and every core is
 * disposed. `src/main/index.ts` feeds it Electron's events and carries out the actions it returns.
 */

/** One window's part. */
export interface WindowCloseState {
  /** What its renderer was asked and has not answered yet. */
  asking: 'close' | 'quit' | null
  /** Its renderer agreed (or is gone): the window may close without asking again. */
  confirmed: boolean
}

/** Where the handshake is. */
export interface CloseState {
  /** The open windows by id, in opening order. */
  windows: Record<number, WindowCloseState>
  /** A quit is under way. */
  quitting: boolean
  /** Cores still being disposed. */
  disposing: number
  /** Everything is disposed: the quit may go ahead. */
  disposed: boolean
}

/** What happened (`id`: the window). */
export type CloseEvent =
  | { type: 'windowOpened'; id: number }
  | { type: 'windowClose'; id: number }
  | { type: 'beforeQuit' }
  | { type: 'answer'; id: number; proceed: boolean }
  | { type: 'rendererGone'; id: number }
  | { type: 'windowClosed'; id: number }
  | { type: 'disposed'; id: number }

/**
 * What to do: `prevent` the Electron default, `ask` a window's renderer, `closeWindow` now that it
 * agreed, `dispose` a closed window's core, `quit` once everything is disposed.
 */
export type CloseAction =
  | { type: 'prevent' }
  | { type: 'ask'; id: number; reason: 'close' | 'quit' }
  | { type: 'closeWindow'; id: number }
  | { type: 'dispose'; id: number }
  | { type: 'quit' }

/** The state at start-up (no window yet). */
export const INITIAL_CLOSE_STATE: CloseState = { windows: {}, quitting: false, disposing: 0, disposed: false }

const PREVENT: CloseAction = { type: 'prevent' }

/** One step: the next state and the actions to carry out, in order. */
export function closeStep(s: CloseState, e: CloseEvent): { state: CloseState; actions: CloseAction[] } {
  const ids = Object.keys(s.windows).map(Number)
  const withWindow = (id: number, w: WindowCloseState): CloseState => ({ ...s, windows: { ...s.windows, [id]: w } })
  switch (e.type) {
    case 'windowOpened':
      return { state: withWindow(e.id, { asking: null, confirmed: false }), actions: [] }
    case 'windowClose': {
      const w = s.windows[e.id]
      if (!w || w.confirmed) return { state: s, actions: [] }
      // A close while a question is open waits for its answer rather than asking twice.
      if (w.asking) return { state: s, actions: [PREVENT] }
      return { state: withWindow(e.id, { ...w, asking: 'close' }), actions: [PREVENT, { type: 'ask', id: e.id, reason: 'close' }] }
    }
    case 'beforeQuit': {
      if (s.disposed) return { state: s, actions: [] }
      if (s.quitting) return { state: s, actions: [PREVENT] }
      const next = { ...s, quitting: true }
      if (ids.length === 0) return s.disposing > 0 ? { state: next, actions: [PREVENT] } : { state: { ...next, disposed: true }, actions: [PREVENT, { type: 'quit' }] }
      // A window already asked to close is now asked to quit (answered once); else ask the first.
      const asking = ids.find((id) => s.windows[id]!.asking)
      if (asking !== undefined) return { state: { ...next, windows: { ...s.windows, [asking]: { ...s.windows[asking]!, asking: 'quit' } } }, actions: [PREVENT] }
      return askNext(next, [PREVENT])
    }
    case 'answer':
    case 'rendererGone': {
      const w = s.windows[e.id]
      if (!w) return { state: s, actions: [] }
      const proceed = e.type === 'rendererGone' || e.proceed
      if (!w.asking) return { state: e.type === 'rendererGone' ? withWindow(e.id, { ...w, confirmed: true }) : s, actions: [] }
      if (!proceed) return { state: { ...withWindow(e.id, { asking: null, confirmed: false }), quitting: false }, actions: [] }
      return { state: withWindow(e.id, { asking: null, confirmed: true }), actions: [{ type: 'closeWindow', id: e.id }] }
    }
    case 'windowClosed': {
      if (!s.windows[e.id]) return { state: s, actions: [] }
      const windows = { ...s.windows }
      delete windows[e.id]
      const next = { ...s, windows, disposing: s.disposing + 1 }
      const dispose: CloseAction = { type: 'dispose', id: e.id }
      // A quit goes on with the next window (a window that closed unasked may leave one asking).
      if (next.quitting && Object.keys(windows).length > 0 && !Object.values(windows).some((w) => w.asking)) return askNext(next, [dispose])
      return { state: next, actions: [dispose] }
    }
    case 'disposed': {
      const next = { ...s, disposing: Math.max(0, s.disposing - 1) }
      if (next.quitting && ids.length === 0 && next.disposing === 0) return { state: { ...next, disposed: true }, actions: [{ type: 'quit' }] }
      return { state: next, actions: [] }
    }
  }
}

/** During a quit: asks the first open window that has not agreed yet, or closes it if it has. */
function askNext(s: CloseState, before: CloseAction[]): { state: CloseState; actions: CloseAction[] } {
  const id = Object.keys(s.windows).map(Number)[0]!
  const w = s.windows[id]!
  if (w.confirmed) return { state: s, actions: [...before, { type: 'closeWindow', id }] }
  return { state: { ...s, windows: { ...s.windows, [id]: { ...w, asking: 'quit' } } }, actions: [...before, { type: 'ask', id, reason: 'quit' }] }
}
