/**
 * Badgeware completion and hover docs for the editor, generated at build time from the emulator's
 * Python modules (`wasm/python/*.py`, bundled as text and parsed by {@link buildApiIndex}).
 */
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete'
import { hoverTooltip } from '@codemirror/view'
import { buildApiIndex, lookup, membersOf, type ApiIndex, type ApiSymbol } from '../lib/python-api'

const sources = import.meta.glob('../../../../wasm/python/*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

let cached: ApiIndex | null = null
/** The badgeware API index (parsed once). */
export function badgewareIndex(): ApiIndex {
  if (!cached) {
    const mods: Record<string, string> = {}
    for (const [file, src] of Object.entries(sources)) mods[file.split('/').pop()!.replace(/\.py$/, '')] = src
    // Public non-badgeware modules (time, machine, network…) complete after `module.`.
    const namespaced = new Set(Object.keys(mods).filter((m) => !m.startsWith('_') && m !== 'badgeware' && m !== 'picovector'))
    cached = buildApiIndex(mods, namespaced)
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

function toCompletion(s: ApiSymbol): Completion {
  const c: Completion = { label: s.name, type: TYPE[s.kind], detail: s.signature ?? (s.type ? `: ${s.type}` : '') }
  if (s.doc) c.info = s.doc
  return c
}

/** Completion source: `name.` completes members, bare words complete module-level names. */
export function badgewareCompletions(ctx: CompletionContext): CompletionResult | null {
  const index = badgewareIndex()
  const member = ctx.matchBefore(/[A-Za-z_]\w*\.\w*$/)
  if (member) {
    const dot = member.text.indexOf('.')
    const owner = member.text.slice(0, dot)
    const list = membersOf(index, owner)
    if (!list.length) return null
    return { from: member.from + dot + 1, options: list.map(toCompletion), validFor: /^\w*$/ }
  }
  const word = ctx.matchBefore(/[A-Za-z_]\w*$/)
  if (!word && !ctx.explicit) return null
  return { from: word?.from ?? ctx.pos, options: [...index.globals.values()].map(toCompletion), validFor: /^\w*$/ }
}

/** Renders a symbol's hover card. */
function hoverDom(s: ApiSymbol): HTMLElement {
  const dom = document.createElement('div')
  dom.className = 'bw-hover'
  const head = document.createElement('code')
  head.textContent = `${s.owner ? `${s.owner}.` : ''}${s.name}${s.signature ?? ''}`
  const kind = document.createElement('span')
  kind.className = 'bw-kind'
  kind.textContent = `${s.kind} · ${s.module}`
  dom.append(head, kind)
  if (s.doc) {
    const p = document.createElement('p')
    p.textContent = s.doc
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
