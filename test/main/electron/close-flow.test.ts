import { describe, expect, it } from 'vitest'
import { closeStep, INITIAL_CLOSE_STATE, type CloseEvent, type CloseState } from '../../../src/main/electron/close-flow'

/** Runs events from the start, collecting the actions. */
function run(events: CloseEvent[], from: CloseState = INITIAL_CLOSE_STATE): { state: CloseState; actions: string[] } {
  let state = from
  const actions: string[] = []
  for (const e of events) {
    const r = closeStep(state, e)
    state = r.state
    actions.push(...r.actions)
  }
  return { state, actions }
}

describe('close flow', () => {
  it('a window close asks the renderer and closes only after it agreed', () => {
    expect(run([{ type: 'windowClose' }]).actions).toEqual(['prevent', 'ask'])
    const r = run([{ type: 'windowClose' }, { type: 'answer', proceed: true }, { type: 'windowClose' }])
    expect(r.actions).toEqual(['prevent', 'ask', 'closeWindow'])
  })
  it('Cancel keeps the window, and the next close asks again', () => {
    const r = run([{ type: 'windowClose' }, { type: 'answer', proceed: false }, { type: 'windowClose' }])
    expect(r.actions).toEqual(['prevent', 'ask', 'prevent', 'ask'])
  })
  it('a second close while asking does not ask twice', () => {
    expect(run([{ type: 'windowClose' }, { type: 'windowClose' }]).actions).toEqual(['prevent', 'ask', 'prevent'])
  })
  it('quit asks first; the services are disposed only after the answer, and quit follows disposal', () => {
    const asked = run([{ type: 'beforeQuit', hasWindow: true }])
    expect(asked.actions).toEqual(['prevent', 'ask'])
    expect(asked.actions).not.toContain('dispose')
    const r = run([{ type: 'answer', proceed: true }], asked.state)
    expect(r.actions).toEqual(['dispose'])
    const done = run([{ type: 'disposed' }, { type: 'beforeQuit', hasWindow: true }, { type: 'windowClose' }], r.state)
    expect(done.actions).toEqual(['quit'])
  })
  it('a cancelled quit disposes nothing', () => {
    const r = run([{ type: 'beforeQuit', hasWindow: true }, { type: 'answer', proceed: false }])
    expect(r.actions).toEqual(['prevent', 'ask'])
    expect(r.state.disposing).toBe(false)
  })
  it('quit with no window (the last one closed) disposes once, then quits', () => {
    const r = run([{ type: 'beforeQuit', hasWindow: false }, { type: 'beforeQuit', hasWindow: false }, { type: 'disposed' }])
    expect(r.actions).toEqual(['prevent', 'dispose', 'prevent', 'quit'])
  })
  it('quit after an agreed window close does not ask again', () => {
    const r = run([{ type: 'windowClose' }, { type: 'answer', proceed: true }, { type: 'beforeQuit', hasWindow: true }])
    expect(r.actions).toEqual(['prevent', 'ask', 'closeWindow', 'prevent', 'dispose'])
  })
  it('quit during an open close question becomes a quit question', () => {
    const r = run([{ type: 'windowClose' }, { type: 'beforeQuit', hasWindow: true }, { type: 'answer', proceed: true }])
    expect(r.actions).toEqual(['prevent', 'ask', 'prevent', 'dispose'])
  })
  it('a renderer that crashed while asked counts as an answer, so quitting is never stuck', () => {
    const r = run([{ type: 'beforeQuit', hasWindow: true }, { type: 'rendererGone' }])
    expect(r.actions).toEqual(['prevent', 'ask', 'dispose'])
  })
  it('a new window after the old one closed is asked again', () => {
    const r = run([{ type: 'windowClose' }, { type: 'answer', proceed: true }, { type: 'windowClosed' }, { type: 'windowClose' }])
    expect(r.actions).toEqual(['prevent', 'ask', 'closeWindow', 'prevent', 'ask'])
  })
})
