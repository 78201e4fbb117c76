/**
 * Extracts the badgeware API (classes, functions, methods, properties, constants, signatures and
 * their doc comments/docstrings) from the emulator's Python modules in `wasm/python/*.py`, so editor
 * completion and hover docs are generated from the real API instead of being typed by hand.
 */

/** What a symbol is. */
export type ApiKind = 'class' | 'function' | 'method' | 'property' | 'constant' | 'variable' | 'module'

/** One documented symbol. */
export interface ApiSymbol {
  name: string
  kind: ApiKind
  /** `(x, y, w, h)` for callables (without `self`). */
  signature?: string
  /** Doc comment or docstring, joined into one paragraph. */
  doc?: string
  /** Module file the symbol comes from (`picovector`). */
  module: string
  /** Class name for members. */
  owner?: string
  /** For module variables created as `name = Class(...)`: the class. */
  type?: string
}

/** The API of a set of modules: module-level names and the members of each class. */
export interface ApiIndex {
  globals: Map<string, ApiSymbol>
  members: Map<string, ApiSymbol[]>
  /** Every name each module provides: its `__all__` (re-exports included) and its public definitions. */
  modules: Map<string, Set<string>>
}

const CLASS_RE = /^(\s*)class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:/
const DEF_RE = /^(\s*)def\s+([A-Za-z_]\w*)\s*\((.*?)\)\s*(?:->\s*[^:]+)?:/
const ASSIGN_RE = /^(\s*)([A-Za-z_]\w*)\s*=\s*(.+)$/
const DECORATOR_RE = /^\s*@([\w.]+)/
const ALL_RE = /^__all__\s*=\s*\[/
const SELF_ATTR_RE = /^\s+self\.([A-Za-z_]\w*)\s*=\s*([^#]*?)\s*(?:#\s*(.*))?$/

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

/** Removes `self`/`cls` and private `_x` keyword arguments from a parameter list. */
function cleanParams(params: string): string {
  const parts = params
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'self' && p !== 'cls' && !/^_\w*\s*=/.test(p))
  return `(${parts.join(', ')})`
}

/** The doc comment or docstring that follows line `i` (a `def`/`class` header). */
function docAfter(lines: string[], i: number): string | undefined {
  const out: string[] = []
  let j = i + 1
  const first = lines[j]?.trim() ?? ''
  const quote = first.startsWith('"""') ? '"""' : first.startsWith("'''") ? "'''" : null
  if (quote) {
    let body = first.slice(3)
    if (body.includes(quote)) return body.slice(0, body.indexOf(quote)).trim() || undefined
    out.push(body)
    for (j++; j < lines.length; j++) {
      body = lines[j]!.trim()
      if (body.includes(quote)) {
        out.push(body.slice(0, body.indexOf(quote)))
        break
      }
      out.push(body)
    }
  } else {
    for (; j < lines.length; j++) {
      const t = lines[j]!.trim()
      if (!t.startsWith('#')) break
      out.push(t.replace(/^#\s?/, ''))
    }
  }
  const text = out.join(' ').replace(/\s+/g, ' ').trim()
  return text || undefined
}

/** Parses one module's source. `__all__`, when present, limits the module-level names exported. */
export function parseModule(module: string, source: string): { exports: ApiSymbol[]; members: Map<string, ApiSymbol[]>; names: Set<string> } {
  const lines = source.split(/\r?\n/)
  const top: ApiSymbol[] = []
  const members = new Map<string, ApiSymbol[]>()
  let all: Set<string> | null = null
  let cls: { name: string; indent: number } | null = null
  // Inside a class's __init__: its `self.name = …` lines are the instance's attributes.
  let init: number | null = null
  let decorators: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (!line.trim() || line.trim().startsWith('#')) continue
    const ind = indentOf(line)
    if (cls && ind <= cls.indent) cls = null
    if (init !== null && (!cls || ind <= init)) init = null
    const attr = init !== null ? SELF_ATTR_RE.exec(line) : null
    if (attr && cls) {
      const list = members.get(cls.name)!
      const name = attr[1]!
      if (!name.startsWith('_') && !list.some((m) => m.name === name)) {
        const doc = attr[3]?.trim() || undefined
        list.push({ name, kind: 'property', module, owner: cls.name, ...(doc ? { doc } : {}) })
      }
      continue
    }
    if (ALL_RE.test(line)) {
      // The list may span lines (badgeware's does).
      let text = line
      while (!text.includes(']') && i + 1 < lines.length) text += lines[++i]!
      all = new Set([...text.slice(0, text.indexOf(']')).matchAll(/["'](\w+)["']/g)].map((m) => m[1]!))
      continue
    }
    const dec = DECORATOR_RE.exec(line)
    if (dec) {
      decorators.push(dec[1]!)
      continue
    }
    const c = CLASS_RE.exec(line)
    if (c && ind === 0) {
      const doc = docAfter(lines, i)
      const init = lines.slice(i + 1).find((l) => /^\s+def __init__\(/.test(l))
      const sig = init ? cleanParams(DEF_RE.exec(init)?.[3] ?? '') : '()'
      top.push({ name: c[2]!, kind: 'class', signature: sig, module, ...(doc ? { doc } : {}) })
      cls = { name: c[2]!, indent: 0 }
      members.set(c[2]!, [])
      decorators = []
      continue
    }
    const d = DEF_RE.exec(line)
    if (d) {
      const name = d[2]!
      const isSetter = decorators.some((x) => x.endsWith('.setter') || x.endsWith('.deleter'))
      const isProp = decorators.includes('property')
      decorators = []
      const doc = docAfter(lines, i)
      if (cls && ind > cls.indent && ind <= cls.indent + 4) {
        if (name === '__init__') init = ind
        if (name.startsWith('_') || isSetter) continue
        const list = members.get(cls.name)!
        list.push({
          name,
          kind: isProp ? 'property' : 'method',
          ...(isProp ? {} : { signature: cleanParams(d[3]!) }),
          module,
          owner: cls.name,
          ...(doc ? { doc } : {}),
        })
      } else if (ind === 0) {
        top.push({ name, kind: 'function', signature: cleanParams(d[3]!), module, ...(doc ? { doc } : {}) })
      }
      continue
    }
    decorators = []
    const a = ASSIGN_RE.exec(line)
    if (a) {
      const name = a[2]!
      const value = a[3]!.trim()
      if (cls && ind === cls.indent + 4 && !name.startsWith('_')) {
        members.get(cls.name)!.push({ name, kind: 'constant', module, owner: cls.name, doc: `= ${value.slice(0, 60)}` })
      } else if (ind === 0 && name !== '__all__') {
        const ctor = /^([A-Za-z_]\w*)\s*\(/.exec(value)
        // `io = _IO()`: a private class still gives the variable its members.
        const type = ctor && /^_*[A-Z]/.test(ctor[1]!) ? ctor[1]! : undefined
        top.push({
          name,
          kind: /^[A-Z0-9_]+$/.test(name) ? 'constant' : 'variable',
          module,
          ...(type ? { type, doc: `${name}: ${type}` } : {}),
        })
      }
    }
  }
  const exported = top.filter((s) => (all ? all.has(s.name) : !s.name.startsWith('_')))
  const names = new Set([...(all ?? []), ...top.map((s) => s.name).filter((n) => !n.startsWith('_'))])
  return { exports: exported, members, names }
}

/**
 * Builds the index from `{ moduleName: source }`. Names exported by several modules keep the entry
 * with the most information (a class or a documented symbol wins over a re-export). Modules listed
 * in `namespaced` (e.g. `time`, `machine`) are imported by name, so their exports complete after
 * `module.` instead of as bare names.
 */
export function buildApiIndex(modules: Record<string, string>, namespaced: ReadonlySet<string> = new Set()): ApiIndex {
  const globals = new Map<string, ApiSymbol>()
  const members = new Map<string, ApiSymbol[]>()
  const names = new Map<string, Set<string>>()
  const weight = (s: ApiSymbol): number => (s.kind === 'class' ? 4 : 0) + (s.doc ? 2 : 0) + (s.signature ? 1 : 0) + (s.type ? 1 : 0)
  for (const [mod, src] of Object.entries(modules)) {
    const parsed = parseModule(mod, src)
    names.set(mod, parsed.names)
    if (namespaced.has(mod)) {
      globals.set(mod, { name: mod, kind: 'module', module: mod, doc: `module ${mod}` })
      members.set(mod, parsed.exports)
      for (const [k, v] of parsed.members) if (!members.has(k)) members.set(k, v)
      continue
    }
    for (const s of parsed.exports) {
      const prev = globals.get(s.name)
      if (!prev || weight(s) > weight(prev)) globals.set(s.name, s)
    }
    for (const [k, v] of parsed.members) if (!members.has(k) || v.length > members.get(k)!.length) members.set(k, v)
  }
  return { globals, members, modules: names }
}

/**
 * The badge's API index from the emulator's modules (`{ moduleName: source }`, the files of
 * `wasm/python`): the public modules other than badgeware and picovector (time, machine, network…)
 * are imported by name, so their exports are members of the module.
 */
export function badgewareApiIndex(mods: Record<string, string>): ApiIndex {
  const namespaced = new Set(Object.keys(mods).filter((m) => !m.startsWith('_') && m !== 'badgeware' && m !== 'picovector'))
  return buildApiIndex(mods, namespaced)
}

/** The members reachable from `name.`: a class's members, or those of a variable's class. */
export function membersOf(index: ApiIndex, name: string): ApiSymbol[] {
  const g = index.globals.get(name)
  const cls = g?.kind === 'class' || g?.kind === 'module' ? g.name : g?.type
  return (cls && index.members.get(cls)) || index.members.get(name) || []
}

/** Looks up `name` or `owner.name` for hover docs. */
export function lookup(index: ApiIndex, name: string, owner?: string): ApiSymbol | undefined {
  if (owner) return membersOf(index, owner).find((m) => m.name === name)
  return index.globals.get(name)
}

/**
 * The snippet a callable inserts: `circle(${x}, ${y}, ${r})` (Tab moves between the arguments);
 * arguments with defaults and `*args`/`**kw` are left out, so `helper(a, b=2)` gives `helper(${a})`.
 */
export function callSnippet(name: string, signature: string): string {
  const params = signature
    .replace(/^\(|\)$/g, '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p && !p.includes('=') && !p.startsWith('*') && p !== '/')
    .map((p) => p.split(':')[0]!.trim())
  return params.length ? `${name}(${params.map((p) => `\${${p}}`).join(', ')})` : `${name}()\${}`
}
