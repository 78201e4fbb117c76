/**
 * Live diagnostics in the editor (CodeMirror's lint): the badgeware checks run here on the text being
 * typed, the syntax check by the badge's compiler in main (`check:syntax`); both are underlined, and
 * the result goes to the Problems list. They run {@link CHECK_DELAY_MS} after the last keystroke.
 */
import { linter, type Diagnostic as LintDiagnostic } from '@codemirror/lint'
import type { Text } from '@codemirror/state'
import type { Extension } from '@codemirror/state'
import { checkBadgeware, projectModuleResolver } from '@shared/check/badgeware-check'
import { CHECK_DELAY_MS, sortDiagnostics, type Diagnostic } from '@shared/check/diagnostics'
import { api } from '../api'
import { badgewareIndex } from './badgeware'

/** Where a diagnostic's line and column fall in `doc` (clamped to the text). */
export function toLint(doc: Text, d: Diagnostic): LintDiagnostic {
  const at = (line: number, col: number): number => {
    const l = doc.line(Math.max(1, Math.min(line, doc.lines)))
    return Math.min(l.from + col - 1, l.to)
  }
  const from = at(d.line, d.col)
  const to = Math.max(from, at(d.endLine, d.endCol))
  return { from, to, severity: d.severity, message: d.message, source: d.source === 'micropython' ? 'MicroPython' : 'badgeware' }
}

/** The lint extension for the project file `path`; `files` lists the project's files (for imports). */
export function badgeDiagnostics(path: string, files: () => string[], onResult: (list: Diagnostic[]) => void): Extension {
  // No lint gutter: the gutter's dots are the debugger's breakpoints.
  return [
    linter(
      async (view) => {
        const doc = view.state.doc
        const text = doc.toString()
        // The compiler works in main while the badgeware checks run here.
        const syntax = api.check.syntax({ path, text })
        const badgeware = checkBadgeware(text, { path, api: badgewareIndex(), projectModule: projectModuleResolver(files(), path) })
        const r = await syntax
        // Without an answer from the compiler the badgeware checks still show.
        const all = sortDiagnostics([...(r.ok ? r.value : []), ...badgeware])
        // An answer for text typed over since is dropped by the linter; the list waits for the next one.
        if (view.state.doc.eq(doc)) onResult(all)
        return all.map((d) => toLint(doc, d))
      },
      { delay: CHECK_DELAY_MS },
    ),
  ]
}
