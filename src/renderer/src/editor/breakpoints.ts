/**
 * Breakpoints and the paused line in the editor: a gutter left of the line numbers where a click
 * sets or clears a breakpoint (red dot; a ringed dot when it has a condition) and a right-click
 * asks for a condition; an arrow and a tinted line where the app is paused. Both follow the text
 * through edits (a breakpoint stays with its line's content and goes when its line is deleted).
 *
 * The list shown is the one the debugger store holds: {@link syncBreakpoints} replaces it without
 * reporting, every change made here (click, edit) is reported through `onChange`.
 */
import { Annotation, StateEffect, StateField, type ChangeDesc, type EditorState, type Extension, type Text, type Transaction, RangeSet, Prec } from '@codemirror/state'
import { Decoration, EditorView, GutterMarker, gutter, type DecorationSet } from '@codemirror/view'
import { sameBreakpoints, toggleLine, withCondition, type LineBreakpoint } from '../lib/debug-state'

/**
 * Where the 1-based `line` of `before` is after `changes`, or null when the edit removed it: a
 * line goes when one change covers all of it and the line break on one side (deleting the line,
 * joining an empty line); otherwise it follows its first character, so text typed or a line
 * break inserted at its start carries it down with its content.
 */
export function mapLine(line: number, changes: ChangeDesc, before: Text, after: Text): number | null {
  if (line < 1 || line > before.lines) return null
  const { from, to } = before.line(line)
  let removed = false
  changes.iterChangedRanges((fromA, toA) => {
    if (fromA <= from && toA >= to && (fromA < from || toA > to)) removed = true
  })
  if (removed) return null
  return after.lineAt(changes.mapPos(from, 1)).number
}

/** `list` after `changes`: lines mapped, removed ones dropped, two landing on one line kept once. */
export function mapBreakpoints(list: LineBreakpoint[], changes: ChangeDesc, before: Text, after: Text): LineBreakpoint[] {
  const out = new Map<number, LineBreakpoint>()
  for (const b of list) {
    const line = mapLine(b.line, changes, before, after)
    if (line !== null && !out.has(line)) out.set(line, { ...b, line })
  }
  return [...out.values()].sort((a, b) => a.line - b.line)
}

/** Replaces the breakpoints (from the store: not reported back). */
export const syncBreakpoints = StateEffect.define<LineBreakpoint[]>()
/** Replaces the breakpoints as the user's own change (reported through `onChange`). */
export const editBreakpoints = StateEffect.define<LineBreakpoint[]>()
/** Where the app is paused: a 1-based line, and whether an exception stopped it there. */
export interface PausedMark {
  line: number
  exception: boolean
}
/** Sets where the app is paused, or null. */
export const setPausedLine = StateEffect.define<PausedMark | null>()
const fromStore = Annotation.define<boolean>()

const breakpointField = StateField.define<LineBreakpoint[]>({
  create: () => [],
  update(list, tr) {
    if (tr.docChanged) list = mapBreakpoints(list, tr.changes, tr.startState.doc, tr.newDoc)
    for (const e of tr.effects) if (e.is(syncBreakpoints) || e.is(editBreakpoints)) list = e.value.filter((b) => b.line <= tr.newDoc.lines)
    return list
  },
})

const pausedField = StateField.define<PausedMark | null>({
  create: () => null,
  update(mark, tr) {
    if (mark !== null && tr.docChanged) {
      const line = mapLine(mark.line, tr.changes, tr.startState.doc, tr.newDoc)
      mark = line === null ? null : { ...mark, line }
    }
    for (const e of tr.effects) if (e.is(setPausedLine)) mark = e.value !== null && e.value.line >= 1 && e.value.line <= tr.newDoc.lines ? e.value : null
    return mark
  },
})

const pausedDeco = Decoration.line({ class: 'cm-debug-paused-line' })
const exceptionDeco = Decoration.line({ class: 'cm-debug-paused-line cm-debug-exception-line' })
const pausedDecorations = EditorView.decorations.compute([pausedField], (s): DecorationSet => {
  const mark = s.field(pausedField)
  return mark === null ? Decoration.none : Decoration.set([(mark.exception ? exceptionDeco : pausedDeco).range(s.doc.line(mark.line).from)])
})

/** The breakpoints the editor shows now. */
export function editorBreakpoints(state: EditorState): LineBreakpoint[] {
  return state.field(breakpointField, false) ?? []
}

/** Where the editor shows the app paused now, or null. */
export function editorPausedLine(state: EditorState): PausedMark | null {
  return state.field(pausedField, false) ?? null
}

/**
 * The breakpoints to report after `transactions` took `before` to `after`: the new list when the
 * user changed it (a click, a condition, an edit that moved or removed a line), null when nothing
 * changed or only the store did.
 */
export function userBreakpointChange(before: EditorState, after: EditorState, transactions: readonly Transaction[]): LineBreakpoint[] | null {
  const was = editorBreakpoints(before)
  const now = editorBreakpoints(after)
  if (was === now || sameBreakpoints(was, now)) return null
  if (transactions.every((tr) => tr.annotation(fromStore))) return null
  return now
}

class BreakpointMarker extends GutterMarker {
  constructor(
    readonly condition: string | undefined,
    readonly paused: boolean,
    readonly breakpoint: boolean,
    readonly exception = false,
  ) {
    super()
  }
  override eq(o: BreakpointMarker): boolean {
    return o.condition === this.condition && o.paused === this.paused && o.breakpoint === this.breakpoint && o.exception === this.exception
  }
  override toDOM(): Node {
    const el = document.createElement('span')
    el.className = ['cm-breakpoint-marker', this.breakpoint ? 'bp' : '', this.condition ? 'conditional' : '', this.paused ? 'paused' : '', this.exception ? 'exception' : ''].join(' ').trim()
    el.title = [this.breakpoint ? (this.condition ? `Breakpoint when ${this.condition}` : 'Breakpoint') : '', this.paused ? (this.exception ? 'Stopped by an exception here' : 'Paused here') : ''].filter(Boolean).join(' · ')
    return el
  }
}
const spacer = new BreakpointMarker(undefined, false, false)

/** Options for {@link breakpointGutter}. */
export interface BreakpointOptions {
  /** The breakpoints shown at first (the store's for this file). */
  initial: LineBreakpoint[]
  /** Called with the whole list after the user changed it (click, condition, an edit that moved a line). */
  onChange: (list: LineBreakpoint[]) => void
  /** Asks for the condition of the breakpoint on `line` (right-click); resolves null when cancelled. */
  askCondition: (line: number, current: string) => Promise<string | null>
}

/** The breakpoint gutter, the paused-line highlight and the reporting of changes. */
export function breakpointGutter(opts: BreakpointOptions): Extension {
  const lineOf = (view: EditorView, from: number): number => view.state.doc.lineAt(from).number
  return [
    breakpointField.init((state) => opts.initial.filter((b) => b.line <= state.doc.lines)),
    pausedField,
    pausedDecorations,
    EditorView.updateListener.of((u) => {
      const list = userBreakpointChange(u.startState, u.state, u.transactions)
      if (list) opts.onChange(list)
    }),
    Prec.high(
      gutter({
        class: 'cm-breakpoint-gutter',
        // An element on every line, so the whole gutter takes clicks and shows the hover dot.
        renderEmptyElements: true,
        markers: (view) => {
          const mark = view.state.field(pausedField)
          const paused = mark?.line ?? null
          const exception = mark?.exception ?? false
          const marks = new Map<number, BreakpointMarker>()
          for (const b of view.state.field(breakpointField)) marks.set(b.line, new BreakpointMarker(b.condition, b.line === paused, true, b.line === paused && exception))
          if (paused !== null && !marks.has(paused)) marks.set(paused, new BreakpointMarker(undefined, true, false, exception))
          const lines = [...marks.keys()].sort((a, b) => a - b)
          return RangeSet.of(lines.map((l) => marks.get(l)!.range(view.state.doc.line(l).from)))
        },
        initialSpacer: () => spacer,
        domEventHandlers: {
          mousedown(view, block, event) {
            if ((event as MouseEvent).button !== 0) return false
            const list = toggleLine(view.state.field(breakpointField), lineOf(view, block.from))
            view.dispatch({ effects: editBreakpoints.of(list) })
            return true
          },
          contextmenu(view, block, event) {
            event.preventDefault()
            const line = lineOf(view, block.from)
            const current = view.state.field(breakpointField).find((b) => b.line === line)?.condition ?? ''
            void opts.askCondition(line, current).then((c) => {
              if (c === null) return
              view.dispatch({ effects: editBreakpoints.of(withCondition(view.state.field(breakpointField), line, c)) })
            })
            return true
          },
        },
      }),
    ),
    EditorView.baseTheme({
      '.cm-breakpoint-gutter': { cursor: 'pointer' },
      '.cm-breakpoint-gutter .cm-gutterElement': { width: '16px', display: 'flex', alignItems: 'center', justifyContent: 'center' },
      '.cm-breakpoint-marker': { position: 'relative', display: 'inline-block', width: '10px', height: '10px', borderRadius: '50%', boxSizing: 'border-box' },
      // A faint dot under the pointer says the gutter takes clicks.
      '.cm-breakpoint-gutter .cm-gutterElement:empty:hover::before': { content: '""', width: '10px', height: '10px', borderRadius: '50%', background: '#e5534b55' },
      '.cm-breakpoint-marker.bp': { background: '#e5534b' },
      '.cm-breakpoint-marker.bp.conditional': { background: 'transparent', border: '2.5px solid #e5534b' },
      '.cm-breakpoint-marker.paused::after': {
        content: '""', position: 'absolute', inset: '-1px', background: '#e3b341',
        clipPath: 'polygon(5% 30%, 50% 30%, 50% 5%, 100% 50%, 50% 95%, 50% 70%, 5% 70%)',
      },
      '.cm-breakpoint-marker.paused.exception::after': { background: '#e5534b' },
      '.cm-debug-paused-line': { backgroundColor: '#e3b34133' },
      '.cm-debug-paused-line.cm-debug-exception-line': { backgroundColor: '#e5534b33' },
    }),
  ]
}

/**
 * The whole editor's debug marks at once: the store's breakpoints for the file (not reported back)
 * and the paused line. Returns the transaction spec, or null when the editor already shows them.
 */
export function debugMarksSpec(state: EditorState, list: LineBreakpoint[], paused: PausedMark | null): { effects: StateEffect<unknown>[]; annotations: Annotation<boolean> } | null {
  if (state.field(breakpointField, false) === undefined) return null
  const effects: StateEffect<unknown>[] = []
  if (!sameBreakpoints(editorBreakpoints(state), list)) effects.push(syncBreakpoints.of(list))
  const now = editorPausedLine(state)
  if (now?.line !== paused?.line || now?.exception !== paused?.exception) effects.push(setPausedLine.of(paused))
  return effects.length ? { effects, annotations: fromStore.of(true) } : null
}
