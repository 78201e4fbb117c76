import { EditorState, type TransactionSpec } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import {
  breakpointGutter,
  debugMarksSpec,
  editBreakpoints,
  editorBreakpoints,
  editorPausedLine,
  mapBreakpoints,
  mapLine,
  setPausedLine,
  userBreakpointChange,
} from '../../src/renderer/src/editor/breakpoints'
import type { LineBreakpoint } from '../../src/renderer/src/lib/debug-state'

const SRC = ['import x', '', 'def update():', '    a = 1', '    b = 2', '    c = a + b', ''].join('\n')

function stateWith(initial: LineBreakpoint[], doc = SRC): EditorState {
  return EditorState.create({ doc, extensions: breakpointGutter({ initial, onChange: () => undefined, askCondition: async () => null }) })
}

/** Applies `spec` and returns the new state with the transaction. */
function apply(s: EditorState, spec: TransactionSpec) {
  const tr = s.update(spec)
  return { state: tr.state, tr }
}

/** Position of the start of 1-based `line`. */
const at = (s: EditorState, line: number) => s.doc.line(line).from

describe('breakpoints through edits', () => {
  it('a line break typed above moves the breakpoint down with its line', () => {
    const s = stateWith([{ line: 5 }])
    const { state } = apply(s, { changes: { from: s.doc.line(4).to, insert: '\n    z = 0' } })
    expect(editorBreakpoints(state)).toEqual([{ line: 6 }])
    expect(state.doc.line(6).text).toBe('    b = 2')
  })

  it('Enter at the very start of the line carries the breakpoint with the content', () => {
    const s = stateWith([{ line: 5, condition: 'a > 0' }])
    const { state } = apply(s, { changes: { from: at(s, 5), insert: '\n' } })
    expect(editorBreakpoints(state)).toEqual([{ line: 6, condition: 'a > 0' }])
  })

  it('deleting the line (with its line break) removes its breakpoint, others move up', () => {
    const s = stateWith([{ line: 4 }, { line: 6 }])
    const { state } = apply(s, { changes: { from: at(s, 4), to: at(s, 5) } })
    expect(editorBreakpoints(state)).toEqual([{ line: 5 }])
    expect(state.doc.line(5).text).toBe('    c = a + b')
  })

  it('deleting lines above shifts it; a breakpoint inside the deleted block goes', () => {
    const s = stateWith([{ line: 4 }, { line: 6 }])
    const { state } = apply(s, { changes: { from: at(s, 3), to: at(s, 5) } })
    expect(editorBreakpoints(state)).toEqual([{ line: 4 }])
  })

  it('joining a line to the one above (Backspace at its start) keeps it on the joined line, once', () => {
    const s = stateWith([{ line: 4 }, { line: 5 }])
    const { state } = apply(s, { changes: { from: s.doc.line(4).to, to: at(s, 5) } })
    expect(state.doc.line(4).text).toBe('    a = 1    b = 2')
    expect(editorBreakpoints(state)).toEqual([{ line: 4 }])
  })

  it('typing inside the line or replacing part of it keeps it where it is', () => {
    const s = stateWith([{ line: 4 }])
    const { state } = apply(s, { changes: { from: at(s, 4), to: at(s, 4) + 5, insert: '  ' } })
    expect(editorBreakpoints(state)).toEqual([{ line: 4 }])
  })

  it('the paused line follows the text too and goes with its line', () => {
    let { state } = apply(stateWith([]), { effects: setPausedLine.of({ line: 5, exception: true }) })
    ;({ state } = apply(state, { changes: { from: 0, insert: '# top\n' } }))
    expect(editorPausedLine(state)).toEqual({ line: 6, exception: true })
    ;({ state } = apply(state, { changes: { from: at(state, 6), to: at(state, 7) } }))
    expect(editorPausedLine(state)).toBeNull()
  })

  it('mapLine refuses a line that is not in the document', () => {
    const s = stateWith([])
    const { tr } = apply(s, { changes: { from: 0, insert: 'x' } })
    expect(mapLine(0, tr.changes, s.doc, tr.newDoc)).toBeNull()
    expect(mapLine(99, tr.changes, s.doc, tr.newDoc)).toBeNull()
    expect(mapBreakpoints([{ line: 1 }], tr.changes, s.doc, tr.newDoc)).toEqual([{ line: 1 }])
  })

  it('initial breakpoints past the end of the text are dropped', () => {
    expect(editorBreakpoints(stateWith([{ line: 2 }, { line: 40 }]))).toEqual([{ line: 2 }])
  })
})

describe('what is reported to the store', () => {
  it('a user edit of the list is reported, the store sync is not', () => {
    const s = stateWith([{ line: 4 }])
    const user = apply(s, { effects: editBreakpoints.of([{ line: 4 }, { line: 5 }]) })
    expect(userBreakpointChange(s, user.state, [user.tr])).toEqual([{ line: 4 }, { line: 5 }])
    const store = apply(s, debugMarksSpec(s, [{ line: 6 }], null)!)
    expect(editorBreakpoints(store.state)).toEqual([{ line: 6 }])
    expect(userBreakpointChange(s, store.state, [store.tr])).toBeNull()
  })

  it('an edit that moves a breakpoint is reported; one that does not, is not', () => {
    const s = stateWith([{ line: 4 }])
    const moved = apply(s, { changes: { from: 0, insert: '\n' } })
    expect(userBreakpointChange(s, moved.state, [moved.tr])).toEqual([{ line: 5 }])
    const below = apply(s, { changes: { from: s.doc.length, insert: 'pass\n' } })
    expect(userBreakpointChange(s, below.state, [below.tr])).toBeNull()
  })

  it('debugMarksSpec is null when the editor already shows the marks, and sets the paused line', () => {
    const s = stateWith([{ line: 4, condition: 'a' }])
    expect(debugMarksSpec(s, [{ line: 4, condition: 'a' }], null)).toBeNull()
    const { state } = apply(s, debugMarksSpec(s, [{ line: 4, condition: 'a' }], { line: 5, exception: false })!)
    expect(editorPausedLine(state)).toEqual({ line: 5, exception: false })
    expect(debugMarksSpec(state, [{ line: 4, condition: 'a' }], { line: 5, exception: false })).toBeNull()
    // The same line stopped by an exception is marked again (red).
    const exc = apply(state, debugMarksSpec(state, [{ line: 4, condition: 'a' }], { line: 5, exception: true })!)
    expect(editorPausedLine(exc.state)).toEqual({ line: 5, exception: true })
    expect(debugMarksSpec(EditorState.create({ doc: 'x' }), [], { line: 1, exception: false })).toBeNull()
  })
})
