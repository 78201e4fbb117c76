import { describe, expect, it } from 'vitest'
import type { DebugPause, DebugState } from '../../src/shared/ipc/domains/debug'
import {
  addWatch,
  fileBreakpoints,
  IDLE_DEBUG_STATE,
  kindLabel,
  mergeIncoming,
  pauseKey,
  pauseSummary,
  removeWatch,
  replaceFileBreakpoints,
  sameBreakpoints,
  toggleLine,
  withCondition,
} from '../../src/renderer/src/lib/debug-state'

const A = 'apps/a/__init__.py'
const B = 'apps/b/__init__.py'

const pause = (over: Partial<DebugPause> = {}): DebugPause => ({
  reason: 'breakpoint', file: A, line: 4, stack: [{ file: A, line: 4, fn: 'update' }], locals: [], globals: [], watches: [], frame: 3, ...over,
})

describe('breakpoint lists', () => {
  it('one file\'s list, by line, one per line', () => {
    const all = [{ file: A, line: 9 }, { file: B, line: 1 }, { file: A, line: 2, condition: 'x > 10' }, { file: A, line: 9, condition: 'y' }]
    expect(fileBreakpoints(all, A)).toEqual([{ line: 2, condition: 'x > 10' }, { line: 9, condition: 'y' }])
    expect(fileBreakpoints(all, 'nope.py')).toEqual([])
  })

  it('replacing one file keeps the others', () => {
    const all = [{ file: A, line: 9 }, { file: B, line: 1 }]
    expect(replaceFileBreakpoints(all, A, [{ line: 3 }, { line: 1 }])).toEqual([{ file: B, line: 1 }, { file: A, line: 1 }, { file: A, line: 3 }])
    expect(replaceFileBreakpoints(all, A, [])).toEqual([{ file: B, line: 1 }])
  })

  it('toggle adds and removes; a condition is set, trimmed, and cleared by an empty one', () => {
    expect(toggleLine([{ line: 5 }], 3)).toEqual([{ line: 3 }, { line: 5 }])
    expect(toggleLine([{ line: 5, condition: 'a' }], 5)).toEqual([])
    expect(withCondition([{ line: 5 }], 5, '  x > 10 ')).toEqual([{ line: 5, condition: 'x > 10' }])
    expect(withCondition([{ line: 5, condition: 'a' }], 5, ' ')).toEqual([{ line: 5 }])
    expect(withCondition([], 7, 'a')).toEqual([{ line: 7, condition: 'a' }])
  })

  it('sameBreakpoints compares lines and conditions, not order', () => {
    expect(sameBreakpoints([{ line: 2 }, { line: 1 }], [{ line: 1 }, { line: 2 }])).toBe(true)
    expect(sameBreakpoints([{ line: 1, condition: 'a' }], [{ line: 1 }])).toBe(false)
    expect(sameBreakpoints([{ line: 1 }], [{ line: 1 }, { line: 2 }])).toBe(false)
  })
})

describe('mergeIncoming', () => {
  const local: DebugState = { ...IDLE_DEBUG_STATE, breakpoints: [{ file: A, line: 12 }, { file: B, line: 2 }] }
  const incoming: DebugState = { ...IDLE_DEBUG_STATE, status: 'running', breakpoints: [{ file: A, line: 11 }, { file: B, line: 3 }], watches: ['x'] }

  it('takes main\'s state when nothing is held', () => {
    expect(mergeIncoming(local, incoming, new Set())).toBe(incoming)
  })

  it('keeps the window\'s breakpoints of a held file (unanswered change, unsaved edits), takes the rest', () => {
    const m = mergeIncoming(local, incoming, new Set([A]))
    expect(m.status).toBe('running')
    expect(m.watches).toEqual(['x'])
    expect(fileBreakpoints(m.breakpoints, A)).toEqual([{ line: 12 }])
    expect(fileBreakpoints(m.breakpoints, B)).toEqual([{ line: 3 }])
  })
})

describe('pauseKey', () => {
  it('is null unless paused, and differs for another line, frame or stack', () => {
    expect(pauseKey(IDLE_DEBUG_STATE)).toBeNull()
    expect(pauseKey({ ...IDLE_DEBUG_STATE, status: 'running', paused: pause() })).toBeNull()
    const k = pauseKey({ ...IDLE_DEBUG_STATE, status: 'paused', paused: pause() })
    expect(k).not.toBeNull()
    expect(pauseKey({ ...IDLE_DEBUG_STATE, status: 'paused', paused: pause({ watches: [{ expression: 'a', error: 'NameError' }] }) })).toBe(k)
    for (const over of [{ line: 5 }, { frame: 4 }, { stack: [] }, { reason: 'step' as const }]) {
      expect(pauseKey({ ...IDLE_DEBUG_STATE, status: 'paused', paused: pause(over) })).not.toBe(k)
    }
  })
})

describe('watches and labels', () => {
  it('adds trimmed new expressions at the end, ignores empty ones and repeats, removes by index', () => {
    expect(addWatch(['a'], ' b + 1 ')).toEqual(['a', 'b + 1'])
    expect(addWatch(['a'], 'a')).toEqual(['a'])
    expect(addWatch(['a'], '  ')).toEqual(['a'])
    expect(removeWatch(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
  })

  it('shows the size beside the kind, and summarises a pause', () => {
    expect(kindLabel({ name: 'xs', kind: 'list', value: '[3 items]', size: 3, ref: 1 })).toBe('list · 3')
    expect(kindLabel({ name: 'n', kind: 'int', value: '4', ref: 0 })).toBe('int')
    expect(pauseSummary(pause())).toBe(`Breakpoint · ${A}:4 · frame 3`)
    expect(pauseSummary(pause({ reason: 'exception' }))).toBe(`Exception · ${A}:4 · frame 3`)
  })
})
