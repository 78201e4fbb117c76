/**
 * Syntax colours as CSS variables (`--syn-*` in base.css), so the light and dark themes recolour
 * the editor without rebuilding its state.
 */
import { HighlightStyle } from '@codemirror/language'
import { tags as t } from '@lezer/highlight'

/** The IDE's highlight style. */
export const ideHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--syn-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syn-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--syn-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.function(t.definition(t.variableName))], color: 'var(--syn-function)' },
  { tag: [t.definition(t.className), t.className], color: 'var(--syn-class)' },
  { tag: [t.propertyName], color: 'var(--syn-property)' },
  { tag: [t.self, t.special(t.variableName)], color: 'var(--syn-self)' },
  { tag: [t.operator, t.punctuation, t.bracket], color: 'var(--syn-punct)' },
  { tag: t.invalid, color: 'var(--danger)' },
])
