/**
 * The close/quit handshake as a pure state machine (no electron import, unit-tested): a window close
 * or a quit first asks the renderer, which offers Save all / Don't save / Cancel for unsaved tabs;
 * the services are disposed only after it answered, and the app quits only after they are.
 * `src/main/index.ts` feeds it Electron's events and carries out the actions it returns.
 */

/** Where the handshake is. */
export interface CloseState {
  /** What the renderer was asked for and has not answered yet. */
  asking: 'close' | 'quit' | null
  /** The renderer agreed (or is gone): the window may close without asking again. */
  confirmed: boolean
  /** `core.dispose()` is running. */
  disposing: boolean
  /** The services are disposed: quitting may go ahead. */
  disposed: boolean
}

/** What happened. */
export type CloseEvent =
  | { type: 'windowClose' }
  | { type: 'beforeQuit'; hasWindow: boolean }
  | { type: 'answer'; proceed: boolean }
  | { type: 'rendererGone' }
  | { type: 'windowClosed' }
  | { type: 'disposed' }

/**
 * What to do: `prevent` the Electron default, `ask` the renderer (close or quit), `closeWindow`
 * now that it agreed, `dispose` the services, `quit` once they are disposed.
 */
export type CloseAction = 'prevent' | 'ask' | 'closeWindow' | 'dispose' | 'quit'

/** The state at start-up. */
export const INITIAL_CLOSE_STATE: CloseState = { asking: null, confirmed: false, disposing: false, disposed: false }

/** One step: the next state and the actions to carry out, in order. */
export function closeStep(s: CloseState, e: CloseEvent): { state: CloseState; actions: CloseAction[] } {
  switch (e.type) {
    case 'windowClose':
      if (s.confirmed) return { state: s, actions: [] }
      // A close while a question is open waits for its answer rather than asking twice.
      return s.asking ? { state: s, actions: ['prevent'] } : { state: { ...s, asking: 'close' }, actions: ['prevent', 'ask'] }
    case 'beforeQuit':
      if (s.disposed) return { state: s, actions: [] }
      if (e.hasWindow && !s.confirmed) {
        // Quit during an open close question turns it into a quit question (answered once).
        if (s.asking) return { state: { ...s, asking: 'quit' }, actions: ['prevent'] }
        return { state: { ...s, asking: 'quit' }, actions: ['prevent', 'ask'] }
      }
      return s.disposing ? { state: s, actions: ['prevent'] } : { state: { ...s, disposing: true }, actions: ['prevent', 'dispose'] }
    case 'answer':
    case 'rendererGone': {
      const proceed = e.type === 'rendererGone' || e.proceed
      if (!s.asking) return { state: e.type === 'rendererGone' ? { ...s, confirmed: true } : s, actions: [] }
      if (!proceed) return { state: { ...s, asking: null, confirmed: false }, actions: [] }
      const next = { ...s, asking: null, confirmed: true }
      if (s.asking === 'close') return { state: next, actions: ['closeWindow'] }
      return s.disposing ? { state: next, actions: [] } : { state: { ...next, disposing: true }, actions: ['dispose'] }
    }
    case 'windowClosed':
      return { state: { ...s, confirmed: false, asking: null }, actions: [] }
    case 'disposed':
      return { state: { ...s, disposing: false, disposed: true }, actions: ['quit'] }
  }
}
