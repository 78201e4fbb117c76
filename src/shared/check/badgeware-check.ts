/**
 * The badgeware checks: names that do not exist in the badge's API (`screen.drwa`, `brushes.colour`,
 * `from badgeware import scren`), wrong argument counts for badgeware calls, and imports of modules
 * the badge does not have. Python is parsed with `@lezer/python` (the editor's own parser, which
 * tolerates the half-typed code it is given); the API is the index built from the emulator's modules.
 *
 * The checks stay quiet when they cannot be sure: a name bound again anywhere in the file (a
 * parameter, an assignment, a loop variable) is no longer taken for the badgeware object, calls with
 * `*args`/`**kw` are not counted, and imports inside a `try` (optional modules) are not checked.
 */
import { parser } from '@lezer/python'
import type { SyntaxNode } from '@lezer/common'
import type { ApiIndex, ApiSymbol } from '../badgeware/python-api'
import { isBadgeModule } from './badge-modules'
import type { Diagnostic } from './diagnostics'

/** The modules whose whole API the index describes (the others' `.py` files only extend built-ins). */
const CHECKED_MODULES = new Set(['badgeware', 'picovector'])

/**
 * Names the badge's own library has that the emulator's does not implement (optional in the
 * badgeware spec §3.1, no known app needs them): importing or reading them is not an error.
 */
export const BADGE_LIBRARY_EXTRAS: Readonly<Record<string, readonly string[]>> = {
  badgeware: [
    'DEFAULT_FONT', 'ERROR_FONT', 'Colors', 'BitmapFont', 'Particle', 'ParticleGenerator', 'Assets', 'message', 'warning',
    'wrap_and_measure', 'rtc', 'localtime_to_rtc', 'rtc_to_localtime', 'time_from_ntp',
  ],
}

/**
 * How many positional arguments the badge accepts where the emulator's Python signature says less
 * (`*args` kept for the emulator's own extensions, or a default the badge does not have); from the
 * badgeware spec. Keyed `Owner.name` (`Image` for the constructor).
 */
export const BADGE_ARITY: Readonly<Record<string, { min: number; max: number | null }>> = {
  // §6: fewer than 3 raises TypeError on the badge; with 5 or more the 4th is ignored.
  'brushes.color': { min: 3, max: null },
  'brushes.xor': { min: 3, max: null },
  // §5.1: all four arguments are required (the emulator also takes Image(w, h), with a warning).
  Image: { min: 4, max: 4 },
  // §7.2: the badge requires all four (the emulator defaults n to 4).
  'shapes.squircle': { min: 4, max: 4 },
}

/** What the checks need besides the text. */
export interface BadgewareCheckContext {
  /** Project-relative path of the file (goes into the diagnostics). */
  path: string
  api: ApiIndex
  /** True when `name` (a top-level module name) is a module of the project itself. */
  projectModule?: (name: string) => boolean
}

/** What a name in the file stands for. */
type Target = { kind: 'module'; module: string } | { kind: 'symbol'; symbol: ApiSymbol }

/** Runs the checks on one file; the diagnostics come in the order of the text. */
export function checkBadgeware(text: string, ctx: BadgewareCheckContext): Diagnostic[] {
  const tree = parser.parse(text)
  const out: Diagnostic[] = []
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const pos = (offset: number): { line: number; col: number } => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 }
  }
  const report = (node: SyntaxNode, message: string): void => {
    const a = pos(node.from)
    const b = pos(node.to)
    out.push({ path: ctx.path, line: a.line, col: a.col, endLine: b.line, endCol: b.col, severity: 'error', message, source: 'badgeware' })
  }
  const src = (n: SyntaxNode): string => text.slice(n.from, n.to)

  const imports: SyntaxNode[] = []
  const calls: SyntaxNode[] = []
  const members: SyntaxNode[] = []
  // Names bound other than by an import, per scope (a function, a lambda or a class; '' is the module).
  const rebound = new Map<string, Set<string>>()
  tree.iterate({
    enter(ref) {
      const n = ref.node
      if (n.name === 'ImportStatement') imports.push(n)
      else if (n.name === 'CallExpression') calls.push(n)
      else if (n.name === 'MemberExpression') members.push(n)
      else if (n.name === 'VariableName' && isBindingSite(n)) {
        const p = n.parent!
        // `global name` binds in the module, `def name`/`class name` in the scope around the definition.
        const key = p.name === 'ScopeStatement' ? '' : scopeKey(SCOPES.has(p.name) && n.prevSibling && ['def', 'class'].includes(n.prevSibling.name) ? enclosing(p) : enclosing(n))
        let set = rebound.get(key)
        if (!set) rebound.set(key, (set = new Set()))
        set.add(src(n))
      }
    },
  })
  /** True when `name`, used at `at`, may stand for something other than the badgeware import. */
  const shadowed = (name: string, at: SyntaxNode): boolean => {
    for (let s = enclosing(at); s; s = enclosing(s)) if (rebound.get(scopeKey(s))?.has(name)) return true
    return rebound.get('')?.has(name) ?? false
  }

  const bindings = new Map<string, Target>()
  for (const imp of imports) checkImport(imp)

  function checkImport(imp: SyntaxNode): void {
    const kids = children(imp)
    const guarded = insideTryBody(imp)
    if (kids[0]?.name === 'from') {
      const importAt = kids.findIndex((k) => k.name === 'import')
      const head = kids.slice(1, importAt)
      if (head.some((k) => k.name === '.' || k.name === 'Ellipsis')) return // relative: the project's own
      const module = head.map(src).join('')
      if (!module) return
      if (!guarded && !moduleKnown(module)) return report(head[0]!, `ImportError: no module named '${module}'`)
      if (!CHECKED_MODULES.has(module)) return
      const provided = moduleNames(module)
      const names = kids.slice(importAt + 1)
      if (names.some((k) => k.name === '*')) {
        for (const n of provided) bindSymbol(n, n)
        return
      }
      for (let i = 0; i < names.length; i++) {
        const k = names[i]!
        if (k.name !== 'VariableName' || names[i - 1]?.name === 'as') continue
        const alias = names[i + 1]?.name === 'as' ? names[i + 2] : undefined
        const name = src(k)
        if (!provided.has(name)) {
          if (!guarded) report(k, `ImportError: can't import name ${name}${suggest(name, provided)}`)
          continue
        }
        bindSymbol(alias ? src(alias) : name, name)
      }
      return
    }
    // import a.b as c, d
    let dotted: SyntaxNode[] = []
    const flush = (alias?: SyntaxNode): void => {
      if (!dotted.length) return
      const module = dotted.map(src).join('')
      const top = src(dotted[0]!)
      if (!guarded && !moduleKnown(module)) report(dotted[0]!, `ImportError: no module named '${module}'`)
      else if (CHECKED_MODULES.has(module)) {
        const local = alias ? src(alias) : top
        bindings.set(local, { kind: 'module', module })
      }
      dotted = []
    }
    for (let i = 1; i < kids.length; i++) {
      const k = kids[i]!
      if (k.name === 'as') {
        flush(kids[i + 1])
        i++
      } else if (k.name === ',') flush()
      else dotted.push(k)
    }
    flush()
  }

  function bindSymbol(local: string, name: string): void {
    const symbol = ctx.api.globals.get(name)
    if (symbol) bindings.set(local, { kind: 'symbol', symbol })
  }

  /** What `module` provides: the emulator's names and the badge library's extras. */
  function moduleNames(module: string): Set<string> {
    return new Set([...(ctx.api.modules.get(module) ?? []), ...(BADGE_LIBRARY_EXTRAS[module] ?? [])])
  }

  function moduleKnown(module: string): boolean {
    const top = module.split('.')[0]!
    return isBadgeModule(top) || (ctx.projectModule?.(top) ?? false)
  }

  /** What an expression names: a bound badgeware module or symbol, or a member of one. */
  function resolve(n: SyntaxNode): Target | null {
    if (n.name === 'VariableName') return shadowed(src(n), n) ? null : (bindings.get(src(n)) ?? null)
    if (n.name !== 'MemberExpression') return null
    const [objNode, , propNode] = children(n)
    if (!objNode || propNode?.name !== 'PropertyName') return null
    const obj = resolve(objNode)
    const prop = src(propNode)
    if (obj?.kind === 'module') {
      if (!ctx.api.modules.get(obj.module)?.has(prop)) return null
      const symbol = ctx.api.globals.get(prop)
      return symbol ? { kind: 'symbol', symbol } : null
    }
    if (obj?.kind === 'symbol') {
      const symbol = membersOfSymbol(obj.symbol)?.find((m) => m.name === prop)
      return symbol ? { kind: 'symbol', symbol } : null
    }
    return null
  }

  function membersOfSymbol(s: ApiSymbol): ApiSymbol[] | null {
    const cls = s.kind === 'class' ? s.name : s.type
    const list = cls ? ctx.api.members.get(cls) : undefined
    return list && list.length ? list : null
  }

  for (const m of members) {
    const [objNode, , propNode] = children(m)
    if (!objNode || propNode?.name !== 'PropertyName') continue
    const prop = src(propNode)
    if (prop.startsWith('__')) continue
    const obj = resolve(objNode)
    if (!obj) continue
    if (obj.kind === 'module') {
      const provided = moduleNames(obj.module)
      if (!provided.has(prop)) report(propNode, `AttributeError: module '${obj.module}' has no attribute '${prop}'${suggest(prop, provided)}`)
      continue
    }
    const list = membersOfSymbol(obj.symbol)
    if (!list || list.some((x) => x.name === prop)) continue
    const names = new Set(list.map((x) => x.name))
    const what = obj.symbol.kind === 'class' ? `type object '${obj.symbol.name}'` : `'${displayType(obj.symbol.type!)}' object`
    report(propNode, `AttributeError: ${what} has no attribute '${prop}'${suggest(prop, names)}`)
  }

  for (const call of calls) {
    const [callee, args] = children(call)
    if (!callee || args?.name !== 'ArgList') continue
    const target = resolve(callee)
    if (target?.kind !== 'symbol') continue
    const s = target.symbol
    if (s.signature === undefined || (s.kind !== 'function' && s.kind !== 'method' && s.kind !== 'class')) continue
    const given = countArgs(args)
    if (!given) continue
    const problem = arityProblem(s, given)
    if (problem) report(args, `TypeError: ${src(callee)}()${problem}`)
  }

  /** Argument counts of a call, or null when `*`/`**` make them unknown. */
  function countArgs(list: SyntaxNode): { positional: number; keywords: string[] } | null {
    const groups: SyntaxNode[][] = [[]]
    for (const k of children(list)) {
      if (k.name === '(' || k.name === ')') continue
      if (k.name === ',') groups.push([])
      else groups[groups.length - 1]!.push(k)
    }
    let positional = 0
    const keywords: string[] = []
    for (const g of groups) {
      if (!g.length) continue
      if (g[0]!.name === '*' || g[0]!.name === '**') return null
      if (g.length >= 2 && g[0]!.name === 'VariableName' && g[1]!.name === 'AssignOp') keywords.push(src(g[0]!))
      else positional++
    }
    return { positional, keywords }
  }

  return out.sort((a, b) => a.line - b.line || a.col - b.col)
}

/** `" (did you mean 'draw'?)"` for a close name, else ''. */
function suggest(name: string, names: Iterable<string>): string {
  let best: string | null = null
  let bestD = 3
  for (const n of names) {
    const d = editDistance(name.toLowerCase(), n.toLowerCase())
    if (d < bestD) {
      best = n
      bestD = d
    }
  }
  return best ? ` (did you mean '${best}'?)` : ''
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]!
}

/** `io`, not `_IO`: a private class is named as apps know its object. */
function displayType(type: string): string {
  return type.startsWith('_') ? type.replace(/^_+/, '').toLowerCase() : type
}

/** Parameters of a signature such as `(x, y, r=4, *extra)`. */
function parseSignature(signature: string): { positional: Array<{ name: string; required: boolean }>; varargs: boolean; varkw: boolean; kwonly: string[] } {
  const positional: Array<{ name: string; required: boolean }> = []
  const kwonly: string[] = []
  let varargs = false
  let varkw = false
  let star = false
  for (const raw of signature.replace(/^\(|\)$/g, '').split(',')) {
    const p = raw.trim()
    if (!p || p === '/') continue
    const name = p.split(/[:=]/)[0]!.trim()
    if (p.startsWith('**')) varkw = true
    else if (p.startsWith('*')) {
      star = true
      if (p !== '*') varargs = true
    } else if (star) kwonly.push(name)
    else positional.push({ name, required: !p.includes('=') })
  }
  return { positional, varargs, varkw, kwonly }
}

/** What is wrong with calling `s` with these arguments (the text after `name()`), or null. */
function arityProblem(s: ApiSymbol, given: { positional: number; keywords: string[] }): string | null {
  const key = s.kind === 'class' ? s.name : `${s.owner ?? ''}.${s.name}`
  const badge = BADGE_ARITY[key]
  if (badge) {
    if (given.keywords.length) return null
    const n = given.positional
    if (n >= badge.min && (badge.max === null || n <= badge.max)) return null
    const exact = badge.min === badge.max
    const bound = n < badge.min ? badge.min : badge.max!
    return ` takes ${exact ? '' : n < badge.min ? 'at least ' : 'at most '}${bound} positional arguments but ${n} were given`
  }
  const sig = parseSignature(s.signature!)
  const names = new Set([...sig.positional.map((p) => p.name), ...sig.kwonly])
  const unknown = given.keywords.find((k) => !names.has(k))
  if (unknown && !sig.varkw) return ` got an unexpected keyword argument '${unknown}'`
  const max = sig.positional.length
  if (given.positional > max && !sig.varargs) return ` takes ${max} positional arguments but ${given.positional} were given`
  const missing = sig.positional.filter((p, i) => p.required && i >= given.positional && !given.keywords.includes(p.name)).length
  if (missing) {
    const required = sig.positional.filter((p) => p.required).length
    return required === max && !sig.varargs
      ? ` takes ${max} positional arguments but ${given.positional} were given`
      : ` missing ${missing} required positional argument${missing === 1 ? '' : 's'}`
  }
  return null
}

const SCOPES = new Set(['FunctionDefinition', 'LambdaExpression', 'ClassDefinition'])

function scopeKey(n: SyntaxNode | null): string {
  return n ? `${n.from}:${n.to}` : ''
}

/** The nearest function, lambda or class around `n` (not `n` itself). */
function enclosing(n: SyntaxNode): SyntaxNode | null {
  for (let p = n.parent; p; p = p.parent) if (SCOPES.has(p.name)) return p
  return null
}

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c)
  return out
}

/** True when an import sits in the body of a `try` (an optional module, handled by its `except`). */
function insideTryBody(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'Body' && p.parent?.name === 'TryStatement' && p.prevSibling?.name === 'try') return true
  }
  return false
}

/** True when this VariableName is bound here (assigned, a parameter, a def/class/for/with/except target…). */
function isBindingSite(n: SyntaxNode): boolean {
  const parent = n.parent
  if (!parent) return false
  const prev = n.prevSibling
  const next = n.nextSibling
  switch (parent.name) {
    case 'ImportStatement':
    case 'ArgList':
      return false
    case 'ParamList':
    case 'LambdaExpression':
      return true
    case 'FunctionDefinition':
    case 'ClassDefinition':
      return prev?.name === 'def' || prev?.name === 'class'
    case 'AssignStatement':
    case 'UpdateStatement':
      // Targets come before the last `=` / `+=`.
      for (let s = n.nextSibling; s; s = s.nextSibling) if (s.name === 'AssignOp' || s.name === 'UpdateOp') return true
      return false
    case 'ScopeStatement':
      return true
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'ParenthesizedExpression':
      return isBindingSite(parent)
    default:
      // for x in …, with … as x, except E as x, comprehension targets, walrus.
      return prev?.name === 'for' || prev?.name === 'as' || next?.name === 'in' || next?.name === 'AssignOp' || next?.name === ':='
  }
}

/**
 * The `projectModule` test for a file at `path` among the project's `files`: a module is the
 * project's when `<dir>/<name>.py` or a package folder `<dir>/<name>/` exists in the file's own
 * folder (the app's folder is `sys.path[0]` and the working directory on the badge), the project
 * root (`secrets.py`, imported after putting "/" on `sys.path`) or `lib/`.
 */
export function projectModuleResolver(files: Iterable<string>, path: string): (name: string) => boolean {
  const dirs = ['', 'lib', path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '']
  const known = new Set<string>()
  for (const f of files) {
    for (const d of dirs) {
      const prefix = d ? `${d}/` : ''
      if (!f.startsWith(prefix)) continue
      const rest = f.slice(prefix.length)
      const slash = rest.indexOf('/')
      if (slash > 0) known.add(rest.slice(0, slash))
      else if (rest.endsWith('.py')) known.add(rest.slice(0, -3))
    }
  }
  return (name) => known.has(name)
}
