/**
 * Badgeware completion and hover docs for the editor, generated at build time from the emulator's
 * Python modules (`wasm/python/*.py`, bundled as text and parsed by {@link badgewareApiIndex}).
 */
import { snippetCompletion, type CompletionContext, type CompletionResult, type Completion } from '@codemirror/autocomplete'
import { hoverTooltip } from '@codemirror/view'
import { badgewareApiIndex, callSnippet, lookup, membersOf, type ApiIndex, type ApiSymbol } from '@shared/badgeware/python-api'
import { EXTRA_DOCS } from './badgeware-docs'

const sources = import.meta.glob('../../../../wasm/python/*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

let cached: ApiIndex | null = null
/** The badgeware API index (parsed once). */
export function badgewareIndex(): ApiIndex {
  if (!cached) {
    const mods: Record<string, string> = {}
    for (const [file, src] of Object.entries(sources)) mods[file.split('/').pop()!.replace(/\.py$/, '')] = src
    cached = badgewareApiIndex(mods)
  }
  return cached
}

const TYPE: Record<ApiSymbol['kind'], string> = {
  class: 'class',
  function: 'function',
  method: 'method',
  property: 'property',
  constant: 'constant',
  variable: 'variable',
  module: 'namespace',
}

/** A symbol's doc: its docstring or doc comment, else the badge-specific text for it. */
export function docOf(s: ApiSymbol): string | undefined {
  return s.doc ?? EXTRA_DOCS[`${s.owner ?? s.type ?? ''}.${s.name}`]
}

function toCompletion(s: ApiSymbol, call: boolean): Completion {
  const c: Completion = { label: s.name, type: TYPE[s.kind], detail: s.signature ?? (s.type ? `: ${s.type}` : '') }
  const doc = docOf(s)
  if (doc) c.info = doc
  const callable = call && s.signature !== undefined && (s.kind === 'function' || s.kind === 'method' || s.kind === 'class')
  return callable ? snippetCompletion(callSnippet(s.name, s.signature!), c) : c
}

/** Completion source: `name.` completes members, bare words complete module-level names. */
export function badgewareCompletions(ctx: CompletionContext): CompletionResult | null {
  const index = badgewareIndex()
  // In `from badgeware import …` a name is imported, not called.
  const call = !/^\s*(from|import)\s/.test(ctx.state.doc.lineAt(ctx.pos).text)
  const toC = (s: ApiSymbol): Completion => toCompletion(s, call)
  const member = ctx.matchBefore(/[A-Za-z_]\w*\.\w*$/)
  if (member) {
    const dot = member.text.indexOf('.')
    const owner = member.text.slice(0, dot)
    const list = membersOf(index, owner)
    if (!list.length) return null
    return { from: member.from + dot + 1, options: list.map(toC), validFor: /^\w*$/ }
  }
  const word = ctx.matchBefore(/[A-Za-z_]\w*$/)
  if (!word && !ctx.explicit) return null
  return { from: word?.from ?? ctx.pos, options: [...index.globals.values()].map(toC), validFor: /^\w*$/ }
}

/** Renders a symbol's hover card. */
function hoverDom(s: ApiSymbol): HTMLElement {
  const dom = document.createElement('div')
  dom.className = 'bw-hover'
  const head = document.createElement('code')
  // `io.pressed`, not `_IO.pressed`: private classes are shown by the name apps use.
  const owner = s.owner && s.owner.startsWith('_') ? s.owner.replace(/^_+/, '').toLowerCase() : s.owner
  head.textContent = `${owner ? `${owner}.` : ''}${s.name}${s.signature ?? ''}`
  const kind = document.createElement('span')
  kind.className = 'bw-kind'
  kind.textContent = `${s.kind} · ${s.module}`
  dom.append(head, kind)
  const doc = docOf(s)
  if (doc) {
    const p = document.createElement('p')
    p.textContent = doc
    dom.append(p)
  }
  return dom
}

/** Hover docs for badgeware names (`screen`, `shapes.circle`, `io.pressed`…). */
export const badgewareHover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos)
  const text = line.text
  let from = pos - line.from
  let to = from
  while (from > 0 && /\w/.test(text[from - 1]!)) from--
  while (to < text.length && /\w/.test(text[to]!)) to++
  if (from === to) return null
  const name = text.slice(from, to)
  const ownerM = /([A-Za-z_]\w*)\.$/.exec(text.slice(0, from))
  const sym = lookup(badgewareIndex(), name, ownerM?.[1])
  if (!sym) return null
  return { pos: line.from + from, end: line.from + to, above: true, create: () => ({ dom: hoverDom(sym) }) }
})
