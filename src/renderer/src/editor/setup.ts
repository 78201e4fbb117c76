/**
 * The CodeMirror 6 configuration of the editor: one extension bundle for Python documents.
 * Badgeware completion/hover and traceback markers come from their own modules.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { python, pythonLanguage } from '@codemirror/lang-python'
import { bracketMatching, foldGutter, indentOnInput, indentUnit, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language'
import { badgewareCompletions, badgewareHover } from './badgeware'
import { badgeDiagnostics } from './diagnostics'
import type { Diagnostic } from '@shared/check/diagnostics'
import { ideHighlight } from './highlight'
import { tracebackGutter } from './traceback-gutter'
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search'
import { EditorState, type Extension } from '@codemirror/state'
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
  EditorView,
} from '@codemirror/view'

/** Options for {@link pythonEditorExtensions}. */
export interface EditorOptions {
  readOnly: boolean
  /** Called on every document change with a reader of the new text (read it lazily: it is O(size)). */
  onChange: (read: () => string) => void
  /** Extra extensions (completion sources, gutters, themes). */
  extra?: Extension[]
  /** Live diagnostics for a project file: its path, the project's files (for imports) and where results go. */
  check?: { path: string; files: () => string[]; onResult: (list: Diagnostic[]) => void }
}

/** The extensions for a Python document in the IDE. */
export function pythonEditorExtensions(opts: EditorOptions): Extension[] {
  return [
    tracebackGutter(),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    indentUnit.of('    '),
    syntaxHighlighting(ideHighlight),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
    python(),
    pythonLanguage.data.of({ autocomplete: badgewareCompletions }),
    badgewareHover,
    EditorState.readOnly.of(opts.readOnly),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) opts.onChange(() => u.state.doc.toString())
    }),
    ...(opts.extra ?? []),
    ...(opts.check ? [badgeDiagnostics(opts.check.path, opts.check.files, opts.check.onResult)] : []),
  ]
}
