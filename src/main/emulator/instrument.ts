/**
 * Instruments a project file for the debugger: a line hook before every statement line, written
 * into the line itself so line numbers (tracebacks, breakpoints) stay those of the user's file.
 * The official WebAssembly build has no `sys.settrace`, so this is how the emulator sees lines.
 *
 * A hook is `__bdG and __bdL(fid, line, frame, fn, globals(), names, values)`: while the module's
 * `__bdG` is 0 (no breakpoint, step or pause anywhere) it costs one global load and a branch.
 * Simple statements get it as a prefix (`hook; x = 1`); compound headers get it inside their
 * expression (`if (hook) or (cond):`, `for x in (hook) or (it):`, `while (hook) or (cond):`,
 * `with (hook) or (cm) as f:`) so it runs each time the header is evaluated. `try`, `else`,
 * `finally`, `def`, `class` and decorator lines have no hook (no code of their own runs there).
 *
 * In a function, the first hook also binds the frame token `__bdk` (`__bdE` pushes a call-stack
 * entry while debugging is active, 0 otherwise) and each hook passes the names definitely
 * assigned at that point (parameters and earlier assignments in the enclosing blocks), because
 * MicroPython has no `locals()` inside functions.
 *
 * The module header `__bdG, __bdL, __bdE = __import__('_bdbg').reg(globals());` is put in front
 * of line 1 when line 1 allows a simple statement; otherwise the file's hooks resolve the same
 * names through builtins (set by `_bdbg`). Files the parser cannot read exactly are left as they
 * are (null).
 */
import { parser } from '@lezer/python'
import type { SyntaxNode } from '@lezer/common'

/** An instrumented file. */
export interface Instrumented {
  code: string
  /** Lines that have a hook, ascending: where a breakpoint can stop. */
  lines: number[]
}

const SIMPLE = new Set([
  'ExpressionStatement',
  'AssignStatement',
  'UpdateStatement',
  'PassStatement',
  'BreakStatement',
  'ContinueStatement',
  'ReturnStatement',
  'YieldStatement',
  'RaiseStatement',
  'ImportStatement',
  'DeleteStatement',
  'AssertStatement',
  'StatementGroup',
  'PrintStatement',
])
const DEFS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement'])
const HEADER = "__bdG, __bdL, __bdE = __import__('_bdbg').reg(globals());"

interface Scope {
  kind: 'module' | 'function' | 'class'
  /** Names declared global/nonlocal in this function: never passed as locals. */
  declared: Set<string>
  /** Still waiting for the first hook, which binds `__bdk` (functions only). */
  needsEntry: boolean
  name: string
  /**
   * Names deleted somewhere in the function (`del x`, and `except … as x`, which deletes x when
   * the handler ends): after that they may be unbound, also at earlier lines of a loop, so they
   * are passed only inside their own handler.
   */
  unsafe: Set<string>
  /** `except … as` names of the handlers being walked. */
  handlers: string[]
  /** Line of a `while` whose header carries the entry (evaluated per iteration: `__bdE` reuses the entry). */
  entryLoopLine?: number
}

interface Edit {
  pos: number
  text: string
  /** Order of appearance among edits at the same position: header, closing paren, hook. */
  rank: number
}

/** Instruments `source` as file `fid` (an index the debugger maps back to the path), or null. */
export function instrumentSource(source: string, fid: number): Instrumented | null {
  const tree = parser.parse(source)
  let broken = false
  tree.iterate({
    enter(n) {
      if (n.type.isError) broken = true
      return !broken
    },
  })
  if (broken) return null
  const lineStarts = [0]
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const lineOf = (pos: number): number => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid] <= pos) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  const text = (n: SyntaxNode): string => source.slice(n.from, n.to)
  const edits: Edit[] = []
  const hooked = new Set<number>()

  const hookExpr = (scope: Scope, line: number, bound: string[]): string => {
    const names =
      scope.kind === 'function' ? bound.filter((b) => !scope.declared.has(b) && (!scope.unsafe.has(b) || scope.handlers.includes(b))) : []
    const args = names.length ? `, (${names.map((n) => `'${n}'`).join(', ')},), (${names.join(', ')},)` : ''
    const frame = scope.kind === 'function' ? '__bdk' : '0'
    const call = `__bdL(${fid}, ${line}, ${frame}, '${scope.name}', globals()${args})`
    if (scope.kind === 'function' && scope.needsEntry) {
      scope.needsEntry = false
      return `(__bdk := __bdG and __bdE(${fid}, '${scope.name}'${line === scope.entryLoopLine ? ', 1' : ''})) and ${call}`
    }
    return `__bdG and ${call}`
  }

  /** Hooks statement `s` (at its own line, once per line); returns whether it did. */
  const takeLine = (s: SyntaxNode): number | null => {
    const line = lineOf(s.from)
    if (hooked.has(line)) return null
    hooked.add(line)
    return line
  }

  const prefix = (s: SyntaxNode, scope: Scope, bound: string[]): void => {
    const line = takeLine(s)
    if (line !== null) edits.push({ pos: s.from, text: `${hookExpr(scope, line, bound)}; `, rank: 2 })
  }

  const wrap = (from: number, to: number, at: SyntaxNode, scope: Scope, bound: string[]): void => {
    const line = takeLine(at)
    if (line === null) return
    edits.push({ pos: from, text: `(${hookExpr(scope, line, bound)}) or (`, rank: 2 })
    edits.push({ pos: to, text: ')', rank: 1 })
  }

  const children = (n: SyntaxNode): SyntaxNode[] => {
    const out: SyntaxNode[] = []
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c)
    return out
  }

  /** Names bound by an assignment target expression. */
  const targetNames = (n: SyntaxNode, out: string[]): void => {
    if (n.name === 'VariableName') out.push(text(n))
    else if (['TupleExpression', 'ParenthesizedExpression', 'ArrayExpression', 'StarExpression'].includes(n.name))
      for (const c of children(n)) targetNames(c, out)
  }

  /** Walrus targets inside an expression (not inside lambdas or comprehensions, which have their own scope). */
  const walrusNames = (n: SyntaxNode, out: string[]): void => {
    if (n.name === 'LambdaExpression' || /Comprehension/.test(n.name)) return
    if (n.name === 'NamedExpression') {
      const t = n.firstChild
      if (t?.name === 'VariableName') out.push(text(t))
    }
    for (const c of children(n)) walrusNames(c, out)
  }

  /** Names a simple statement binds (or, for `del`, unbinds). */
  const simpleBindings = (s: SyntaxNode): { add: string[]; remove: string[] } => {
    const add: string[] = []
    const remove: string[] = []
    const kids = children(s)
    switch (s.name) {
      case 'StatementGroup':
        for (const c of kids) {
          const r = simpleBindings(c)
          add.push(...r.add)
          remove.push(...r.remove)
        }
        break
      case 'AssignStatement': {
        const lastOp = kids.map((k) => k.name).lastIndexOf('AssignOp')
        kids.forEach((k, i) => {
          if (i < lastOp && k.name !== 'AssignOp' && k.name !== 'TypeDef') targetNames(k, add)
        })
        if (lastOp >= 0) walrusNames(kids[kids.length - 1], add)
        break
      }
      case 'ImportStatement': {
        // `import a.b` binds a; `import a as b` and `from m import x as y` bind the alias.
        const from = kids[0]?.name === 'from'
        let afterImport = !from
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i]
          if (k.name === 'import') {
            afterImport = true
            continue
          }
          if (!afterImport || k.name !== 'VariableName') continue
          const next = kids[i + 1]
          if (next?.name === 'as') continue
          const prev = kids[i - 1]
          if (prev?.name === '.') continue
          add.push(text(k))
        }
        break
      }
      case 'DeleteStatement':
        for (const k of kids) targetNames(k, remove)
        break
      default:
        for (const k of kids) walrusNames(k, add)
    }
    return { add, remove }
  }

  const paramNames = (list: SyntaxNode | null): string[] => {
    const out: string[] = []
    if (!list) return out
    let expect = true
    let depth = 0
    for (const c of children(list)) {
      if (c.name === '(' || c.name === '[' || c.name === '{') depth++
      else if (c.name === ')' || c.name === ']' || c.name === '}') depth--
      if (depth > 1) continue
      if (c.name === ',' || c.name === '(' || c.name === '*' || c.name === '**' || c.name === '/') expect = true
      else if (expect && c.name === 'VariableName') {
        out.push(text(c))
        expect = false
      } else if (c.name !== 'TypeDef') expect = false
    }
    return out
  }

  /** global/nonlocal names, and deleted names (`del`, `except … as`), anywhere in a function body (not in nested defs). */
  const scanNames = (body: SyntaxNode, declared: Set<string>, unsafe: Set<string>): void => {
    const kids = children(body)
    kids.forEach((c, i) => {
      if (c.name === 'ScopeStatement') for (const v of children(c)) if (v.name === 'VariableName') declared.add(text(v))
      if (c.name === 'DeleteStatement') {
        const gone: string[] = []
        for (const t of children(c)) targetNames(t, gone)
        gone.forEach((g) => unsafe.add(g))
      }
      if (body.name === 'TryStatement' && c.name === 'as' && kids[i + 1]?.name === 'VariableName') unsafe.add(text(kids[i + 1]))
      if (!DEFS.has(c.name)) scanNames(c, declared, unsafe)
    })
  }

  const statementsOf = (block: SyntaxNode): SyntaxNode[] =>
    children(block).filter((c) => SIMPLE.has(c.name) || c.name.endsWith('Statement') || DEFS.has(c.name))

  const defScope = (def: SyntaxNode, scope: Scope, bound: string[]): void => {
    const kids = children(def)
    const nameNode = kids.find((k) => k.name === 'VariableName')
    const body = kids.find((k) => k.name === 'Body')
    if (!body) return
    if (def.name === 'ClassDefinition') {
      block(body, { kind: 'class', declared: new Set(), unsafe: new Set(), handlers: [], needsEntry: false, name: nameNode ? text(nameNode) : '?' }, [])
    } else {
      const declared = new Set<string>()
      const unsafe = new Set<string>()
      scanNames(body, declared, unsafe)
      const inner: Scope = { kind: 'function', declared, unsafe, handlers: [], needsEntry: true, name: nameNode ? text(nameNode) : '?' }
      block(body, inner, paramNames(kids.find((k) => k.name === 'ParamList') ?? null))
    }
    if (nameNode) bound.push(text(nameNode))
    void scope
  }

  /** Walks one block; returns the names definitely bound at its end. */
  const block = (b: SyntaxNode, scope: Scope, boundIn: string[]): string[] => {
    let bound = [...boundIn]
    for (const s of statementsOf(b)) bound = statement(s, scope, bound)
    return bound
  }

  const statement = (s: SyntaxNode, scope: Scope, bound: string[]): string[] => {
    const kids = children(s)
    if (s.name === 'ScopeStatement') return bound
    if (SIMPLE.has(s.name)) {
      const futureImport = s.name === 'ImportStatement' && /^from\s+__future__\b/.test(text(s))
      if (!futureImport) prefix(s, scope, bound)
      const r = simpleBindings(s)
      return [...bound.filter((x) => !r.remove.includes(x)), ...r.add.filter((x) => !bound.includes(x))]
    }
    if (DEFS.has(s.name)) {
      const def = s.name === 'DecoratedStatement' ? kids.find((k) => DEFS.has(k.name)) : s
      if (def) defScope(def, scope, bound)
      return bound
    }
    const bodies = kids.filter((k) => k.name === 'Body')
    switch (s.name) {
      case 'IfStatement':
      case 'WhileStatement': {
        // Each `if`/`elif`/`while` keyword is followed by its condition.
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i]
          if ((k.name === 'if' || k.name === 'elif' || k.name === 'while') && kids[i + 1]) {
            if (k.name === 'while' && scope.needsEntry) scope.entryLoopLine = lineOf(k.from)
            wrap(kids[i + 1].from, kids[i + 1].to, k, scope, bound)
          }
        }
        const extra: string[] = []
        walrusNames(kids[1] ?? s, extra)
        for (const body of bodies) block(body, scope, [...bound, ...extra])
        return bound
      }
      case 'ForStatement': {
        const inAt = kids.findIndex((k) => k.name === 'in')
        const body = bodies[0]
        if (inAt > 0 && body) {
          const iter = kids.slice(inAt + 1, kids.indexOf(body))
          if (iter.length) wrap(iter[0].from, iter[iter.length - 1].to, s, scope, bound)
          const targets: string[] = []
          for (const t of kids.slice(0, inAt)) targetNames(t, targets)
          block(body, scope, [...bound, ...targets])
          for (const other of bodies.slice(1)) block(other, scope, bound)
        }
        return bound
      }
      case 'WithStatement': {
        const first = kids[kids.findIndex((k) => k.name === 'with') + 1]
        const body = bodies[0]
        if (first && first.name !== 'Body') wrap(first.from, first.to, s, scope, bound)
        const targets: string[] = []
        kids.forEach((k, i) => {
          if (k.name === 'as' && kids[i + 1]) targetNames(kids[i + 1], targets)
        })
        if (!body) return bound
        return block(body, scope, [...bound, ...targets])
      }
      case 'TryStatement': {
        // except ... as e binds e inside its handler only.
        let pendingAs: string[] = []
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i]
          if (k.name === 'as' && kids[i + 1]?.name === 'VariableName') pendingAs = [text(kids[i + 1])]
          if (k.name === 'Body') {
            scope.handlers.push(...pendingAs)
            block(k, scope, [...bound, ...pendingAs])
            scope.handlers.length -= pendingAs.length
            pendingAs = []
          }
        }
        return bound
      }
      default:
        // Statements this instrumenter does not know (match, …) run unhooked; their bodies still get hooks.
        for (const body of bodies) block(body, scope, bound)
        return bound
    }
  }

  const top = tree.topNode
  const moduleScope: Scope = { kind: 'module', declared: new Set(), unsafe: new Set(), handlers: [], needsEntry: false, name: '<module>' }
  const firstStmt = statementsOf(top)[0]
  block(top, moduleScope, [])

  // The header goes in front of line 1 when a simple statement may stand there.
  const line1End = lineStarts.length > 1 ? lineStarts[1] - 1 : source.length
  const line1 = source.slice(0, line1End)
  const line1Free = /^\s*(#.*)?\r?$/.test(line1) && (!firstStmt || lineOf(firstStmt.from) > 1)
  const line1Simple = firstStmt && firstStmt.from === 0 && SIMPLE.has(firstStmt.name) && !/^from\s+__future__\b/.test(text(firstStmt))
  if (line1Free) edits.push({ pos: 0, text: HEADER, rank: 0 })
  else if (line1Simple) edits.push({ pos: 0, text: `${HEADER} `, rank: 0 })

  edits.sort((a, b) => a.pos - b.pos || a.rank - b.rank)
  const out: string[] = []
  let at = 0
  for (const e of edits) {
    out.push(source.slice(at, e.pos), e.text)
    at = e.pos
  }
  out.push(source.slice(at))
  return { code: out.join(''), lines: [...hooked].sort((a, b) => a - b) }
}
