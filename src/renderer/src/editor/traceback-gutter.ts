/**
 * Traceback markers: lines named in the last traceback get a red marker in the gutter and a tinted
 * background. Set them with {@link setTracebackLines}; editing the document keeps them on their line.
 */
import { RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state'
import { Decoration, EditorView, GutterMarker, gutter, type DecorationSet } from '@codemirror/view'

/** Replaces the marked lines (1-based line numbers; empty clears). */
export const setTracebackLines = StateEffect.define<number[]>()

class ErrorMarker extends GutterMarker {
  override toDOM(): Node {
    const el = document.createElement('span')
    el.className = 'cm-traceback-marker'
    el.textContent = '●'
    el.title = 'Line in the last traceback'
    return el
  }
}
const marker = new ErrorMarker()
const lineDeco = Decoration.line({ class: 'cm-traceback-line' })

const tracebackField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes)
    for (const e of tr.effects) {
      if (!e.is(setTracebackLines)) continue
      const lines = [...new Set(e.value)].filter((n) => n >= 1 && n <= tr.state.doc.lines).sort((a, b) => a - b)
      value = Decoration.set(lines.map((n) => lineDeco.range(tr.state.doc.line(n).from)))
    }
    return value
  },
  provide: (f) => EditorView.decorations.from(f),
})

/** The gutter and line highlight for traceback lines. */
export function tracebackGutter(): Extension {
  return [
    tracebackField,
    gutter({
      class: 'cm-traceback-gutter',
      markers: (view) => {
        const deco = view.state.field(tracebackField)
        const ranges: Array<ReturnType<typeof marker.range>> = []
        const it = deco.iter()
        while (it.value) {
          ranges.push(marker.range(it.from))
          it.next()
        }
        return RangeSet.of(ranges)
      },
      initialSpacer: () => marker,
    }),
  ]
}
