/**
 * The project's launcher (`apps/menu/__init__.py`, API spec §2.2): which kind it is and how a new
 * app gets into it. Two kinds matter:
 *
 * - `list`: the launcher shows a fixed list (or tuple) literal of apps (the stock badge menu shows
 *   six), e.g. `APPS = ["badge", "flappy"]`, `APPS = [("Badge", "badge"), …]`,
 *   `APPS = ("/system/apps/badge", …)` or `APPS = [{"name": "Badge", "slug": "badge"}, …]`. A new app is added with a
 *   minimal source edit: one item is inserted after the last one, in the same style; nothing else
 *   (comments, spacing, other code) changes.
 * - `scan`: the launcher lists the apps folder (`os.listdir` / `os.ilistdir`); nothing to edit.
 *
 * `unknown` means a launcher this module cannot read (left alone, reported to the user).
 */
import { decodePyString, encodePyString, logicalLines, tokenize, type PyToken } from './py-lex'
import { SLUG_RE } from './slug'

/** Launcher kinds; `none` = the project has no launcher (the emulator's built-in one lists the folder). */
export type LauncherKind = 'list' | 'scan' | 'none' | 'unknown'

/** What {@link analyzeLauncher} found. */
export interface LauncherInfo {
  kind: LauncherKind
  /** For `list`: the variable holding the list and the slugs in it, in order. */
  listName?: string
  slugs?: string[]
}

interface ListItem {
  tokens: PyToken[]
  start: number
  end: number
  /** The string token holding the slug (or the slug inside `/system/apps/<slug>`). */
  slugToken: PyToken | null
  slug: string | null
}

interface FoundList {
  name: string
  open: PyToken
  close: PyToken
  items: ListItem[]
  tokens: PyToken[]
}

const PATH_PREFIX = /^\/system\/apps\/([a-z][a-z0-9_]*)\/?$/

function slugOfString(t: PyToken): string | null {
  const d = decodePyString(t.text)
  if (!d) return null
  const m = PATH_PREFIX.exec(d.value)
  if (m) return m[1]!
  return SLUG_RE.test(d.value) ? d.value : null
}

function splitItems(tokens: PyToken[], depth: number): PyToken[][] {
  const items: PyToken[][] = []
  let cur: PyToken[] = []
  for (const t of tokens) {
    if (t.type === 'comment' || t.type === 'nl' || t.type === 'newline') continue
    if (t.type === 'op' && t.text === ',' && t.depth === depth) {
      if (cur.length) items.push(cur)
      cur = []
      continue
    }
    cur.push(t)
  }
  if (cur.length) items.push(cur)
  return items
}

function isDictKey(tokens: PyToken[], i: number): boolean {
  const next = tokens[i + 1]
  return next !== undefined && next.type === 'op' && next.text === ':'
}

function itemOf(tokens: PyToken[], depth: number, known: ReadonlySet<string> | null): ListItem | null {
  const first = tokens[0]!
  const last = tokens[tokens.length - 1]!
  if (tokens.length === 1 && first.type === 'string') {
    const slug = slugOfString(first)
    return slug ? { tokens, start: first.start, end: first.end, slugToken: first, slug } : null
  }
  const isGroup = ['(', '[', '{'].includes(first.text) && [')', ']', '}'].includes(last.text) && last.depth === depth
  if (!isGroup) return null
  // In a dict item ({"name": "Badge", "slug": "badge"}) the keys are never the slug.
  const strings = tokens.filter((t, i) => t.type === 'string' && t.depth === depth + 1 && !isDictKey(tokens, i))
  const cands = strings.filter((t) => slugOfString(t) !== null)
  const pick = cands.find((t) => known?.has(slugOfString(t)!)) ?? cands.find((t) => PATH_PREFIX.test(decodePyString(t.text)?.value ?? '')) ?? cands[cands.length - 1]
  return { tokens, start: first.start, end: last.end, slugToken: pick ?? null, slug: pick ? slugOfString(pick) : null }
}

function scansFolder(source: string): boolean {
  return tokenize(source).some((t) => t.type === 'name' && (t.text === 'listdir' || t.text === 'ilistdir'))
}

function findList(source: string, known: ReadonlySet<string> | null): FoundList | null {
  // An empty list in a launcher that scans the folder is an accumulator, not the app list.
  const allowEmpty = !scansFolder(source)
  const found: FoundList[] = []
  for (const line of logicalLines(tokenize(source))) {
    const code = line.filter((t) => t.type !== 'comment' && t.type !== 'nl' && t.type !== 'newline')
    const [name, eq, open] = code
    if (!name || name.type !== 'name' || !eq || eq.text !== '=' || !open || (open.text !== '[' && open.text !== '(')) continue
    const close = code[code.length - 1]!
    const closer = open.text === '[' ? ']' : ')'
    if (close.text !== closer || close.depth !== open.depth || code.indexOf(close) !== code.length - 1) continue
    // A parenthesised single value is not a tuple: `X = ("a")`.
    if (open.text === '(' && !line.some((t) => t.type === 'op' && t.text === ',' && t.depth === open.depth + 1)) continue
    const inner = line.slice(line.indexOf(open) + 1, line.indexOf(close))
    const raw = splitItems(inner, open.depth + 1)
    const items = raw.map((r) => itemOf(r, open.depth + 1, known))
    if (items.some((i) => i === null || i.slug === null) || (items.length === 0 && !allowEmpty)) continue
    found.push({ name: name.text, open, close, items: items as ListItem[], tokens: line })
  }
  const score = (f: FoundList): number =>
    (/app/i.test(f.name) ? 2 : 0) + (known && f.items.some((i) => known.has(i.slug!)) ? 2 : 0) + (f.items.length ? 1 : 0)
  found.sort((a, b) => score(b) - score(a))
  const best = found[0]
  return best && score(best) >= 2 ? best : null
}

/**
 * Classifies a launcher's source. `knownSlugs` (the project's app folders) helps pick the right
 * list when the file has several. A readable app list wins over a folder scan (some launchers scan
 * and still keep a fixed order list; the list is what decides what is shown).
 */
export function analyzeLauncher(source: string | null, knownSlugs: readonly string[] = []): LauncherInfo {
  if (source === null) return { kind: 'none' }
  const known = knownSlugs.length ? new Set(knownSlugs) : null
  const list = findList(source, known)
  if (list) return { kind: 'list', listName: list.name, slugs: list.items.map((i) => i.slug!) }
  return { kind: scansFolder(source) ? 'scan' : 'unknown' }
}

/** Result of {@link addAppToLauncher}. */
export interface LauncherEdit {
  source: string
  changed: boolean
  kind: LauncherKind
}

/**
 * Adds `slug` (shown as `title` where the list items carry a title) to a `list` launcher with one
 * insertion after the last item, copying that item's style (string or tuple, quote character,
 * path form, indentation, trailing comma). Other kinds, and lists already holding the slug, are
 * returned unchanged.
 */
export function addAppToLauncher(source: string, slug: string, title: string, knownSlugs: readonly string[] = []): LauncherEdit {
  const known = knownSlugs.length ? new Set(knownSlugs) : null
  const list = findList(source, known)
  if (!list) return { source, changed: false, kind: analyzeLauncher(source, knownSlugs).kind }
  if (list.items.some((i) => i.slug === slug)) return { source, changed: false, kind: 'list' }
  const last = list.items[list.items.length - 1]
  const item = last ? newItemText(source, last, slug, title) : encodePyString(slug)
  if (!last) {
    return { source: source.slice(0, list.open.end) + item + source.slice(list.open.end), changed: true, kind: 'list' }
  }
  const after = list.tokens.filter((t) => t.start >= last.end && t.end <= list.close.start)
  const comma = after.find((t) => t.type === 'op' && t.text === ',' && t.depth === list.open.depth + 1)
  const lineBreak = after.find((t) => t.type === 'nl')
  const multiLine = lineBreak !== undefined
  let edited: string
  if (multiLine) {
    const lineStart = source.lastIndexOf('\n', last.start - 1) + 1
    const indent = /^[ \t]*/.exec(source.slice(lineStart, last.start))![0]
    const eol = lineBreak.text
    // Insert the new line right after the last item's physical line (its comma and comment stay).
    const insertAt = lineBreak.start
    const withNew = source.slice(0, insertAt) + eol + indent + item + (comma ? ',' : '') + source.slice(insertAt)
    edited = comma ? withNew : withNew.slice(0, last.end) + ',' + withNew.slice(last.end)
  } else {
    edited = source.slice(0, last.end) + ', ' + item + source.slice(last.end)
  }
  return { source: edited, changed: true, kind: 'list' }
}

function newItemText(source: string, last: ListItem, slug: string, title: string): string {
  let text = ''
  let pos = last.start
  for (const [i, t] of last.tokens.entries()) {
    if (t.type !== 'string' || isDictKey(last.tokens, i)) continue
    const d = decodePyString(t.text)
    if (!d) continue
    const quote = d.quote === "'" ? "'" : '"'
    let value: string
    if (t === last.slugToken) value = PATH_PREFIX.test(d.value) ? d.value.replace(PATH_PREFIX, `/system/apps/${slug}`) : slug
    else if (last.slug && d.value.includes(last.slug)) value = d.value.split(last.slug).join(slug)
    else value = /[/.]/.test(d.value) ? d.value : title
    text += source.slice(pos, t.start) + encodePyString(value, quote)
    pos = t.end
  }
  return text + source.slice(pos, last.end)
}
