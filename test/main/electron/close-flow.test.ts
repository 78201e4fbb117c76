import { describe, expect, it } from 'vitest'
import { closeStep, INITIAL_CLOSE_STATE, type CloseEvent, type CloseState } from '../../../src/main/electron/close-flow'

/** Runs events from `from` (default: windows 1 and 2 open), collecting the actions as short strings. */
function run(events: CloseEvent[], from?: CloseState): { state: CloseState; actions: string[] } {
  let state = from ?? INITIAL_CLOSE_STATE
  if (!from) for (const id of [1, 2]) state = closeStep(state, { type: 'windowOpened', id }).state
  const actions: string[] = []
  for (const e of events) {
    const r = closeStep(state, e)
    state = r.state
    actions.push(...r.actions.map((a) => ('id' in a ? `${a.type} ${a.id}${'reason' in a ? ` ${a.reason}` : ''}` : a.type)))
  }
  return { state, actions }
}

describe('close flow', () => {
  it('a window close asks its renderer, closes only after it agreed, then disposes only its core', () => {
    expect(run([{ type: 'windowClose', id: 2 }]).actions).toEqual(['prevent', 'ask 2 close'])
    const r = run([{ type: 'windowClose', id: 2 }, { type: 'answer', id: 2, proceed: true }, { type: 'windowClose', id: 2 }, { type: 'windowClosed', id: 2 }, { type: 'disposed', id: 2 }])
    expect(r.actions).toEqual(['prevent', 'ask 2 close', 'closeWindow 2', 'dispose 2'])
    expect(Object.keys(r.state.windows)).toEqual(['1'])
  })
  it('Cancel keeps the window, and the next close asks again', () => {
    const r = run([{ type: 'windowClose', id: 1 }, { type: 'answer', id: 1, proceed: false }, { type: 'windowClose', id: 1 }])
    expect(r.actions).toEqual(['prevent', 'ask 1 close', 'prevent', 'ask 1 close'])
  })
  it('a second close while asking does not ask twice; another window asks on its own', () => {
    expect(run([{ type: 'windowClose', id: 1 }, { type: 'windowClose', id: 1 }, { type: 'windowClose', id: 2 }]).actions).toEqual(['prevent', 'ask 1 close', 'prevent', 'prevent', 'ask 2 close'])
  })
  it('quit asks every window in turn; each closes after agreeing, and quit follows the last disposal', () => {
    const r = run([
      { type: 'beforeQuit' },
      { type: 'answer', id: 1, proceed: true },
      { type: 'windowClosed', id: 1 },
      { type: 'answer', id: 2, proceed: true },
      { type: 'windowClosed', id: 2 },
      { type: 'disposed', id: 1 },
    ])
    expect(r.actions).toEqual(['prevent', 'ask 1 quit', 'closeWindow 1', 'dispose 1', 'ask 2 quit', 'closeWindow 2', 'dispose 2'])
    const done = run([{ type: 'disposed', id: 2 }, { type: 'beforeQuit' }], r.state)
    expect(done.actions).toEqual(['quit'])
  })
  it('a Cancel stops the quit: that window and the ones not asked stay, and nothing more is disposed', () => {
    const r = run([{ type: 'beforeQuit' }, { type: 'answer', id: 1, proceed: true }, { type: 'windowClosed', id: 1 }, { type: 'answer', id: 2, proceed: false }])
    expect(r.actions).toEqual(['prevent', 'ask 1 quit', 'closeWindow 1', 'dispose 1', 'ask 2 quit'])
    expect(r.state.quitting).toBe(false)
    expect(run([{ type: 'beforeQuit' }], r.state).actions).toEqual(['prevent', 'ask 2 quit'])
  })
  it('quit during an open close question turns it into the quit question (answered once)', () => {
    const r = run([{ type: 'windowClose', id: 2 }, { type: 'beforeQuit' }, { type: 'answer', id: 2, proceed: true }, { type: 'windowClosed', id: 2 }])
    expect(r.actions).toEqual(['prevent', 'ask 2 close', 'prevent', 'closeWindow 2', 'dispose 2', 'ask 1 quit'])
  })
  it('a quit with no window left waits for the cores still being disposed', () => {
    const closed = run([{ type: 'windowClosed', id: 1 }, { type: 'windowClosed', id: 2 }])
    const r = run([{ type: 'beforeQuit' }, { type: 'beforeQuit' }, { type: 'disposed', id: 1 }, { type: 'disposed', id: 2 }], closed.state)
    expect(r.actions).toEqual(['prevent', 'prevent', 'quit'])
    expect(run([{ type: 'beforeQuit' }], INITIAL_CLOSE_STATE).actions).toEqual(['prevent', 'quit'])
  })
  it('a crashed renderer is not asked: its window closes at once', () => {
    const r = run([{ type: 'rendererGone', id: 1 }, { type: 'beforeQuit' }])
    expect(r.actions).toEqual(['prevent', 'closeWindow 1'])
    expect(run([{ type: 'windowClose', id: 1 }, { type: 'rendererGone', id: 1 }]).actions).toEqual(['prevent', 'ask 1 close', 'closeWindow 1'])
  })
})
