/**
 * `secrets.py` as a form (API spec §15.7): reads `KEY = value` lines, edits values in place and
 * keeps every other byte of the file (comments, blank lines, code it does not understand, quoting
 * of values it did not change). Sensitive values (passwords, tokens) are masked in every view
 * unless the caller explicitly asks to reveal them.
 */
import { decodePyString, encodePyString, logicalLines, tokenize, type PyToken } from './py-lex'

/** A value in secrets.py: a text string, or any other Python expression kept as source. */
export type SecretValue = { type: 'string'; value: string } | { type: 'raw'; source: string }

/** One `KEY = value` statement found in the file. */
export interface SecretAssignment {
  key: string
  value: SecretValue
  /** Span of the value expression in the source. */
  valueStart: number
  valueEnd: number
  /** Span of the whole statement's physical lines (from line start to after its line break). */
  lineStart: number
  lineEnd: number
  /** Quote character the value used (for strings), kept when the value changes. */
  quote: '"' | "'"
}

/** A parsed secrets.py. */
export interface SecretsDoc {
  source: string
  /** Assignments in file order (a key assigned twice appears twice; the last one wins in Python). */
  assignments: SecretAssignment[]
  /** Number of logical lines that are not simple assignments (kept verbatim). */
  otherLines: number
}

/** Keys the badge's own apps read, in the order the form shows and new files write them. */
export const KNOWN_SECRET_KEYS = ['WIFI_SSID', 'WIFI_PASSWORD', 'GITHUB_USERNAME', 'GITHUB_TOKEN', 'WEATHER_LOCATION', 'WLED_IP'] as const

/** Python identifier rule for keys added from the form (upper or lower case). */
export const SECRET_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** True for keys whose value must be masked: passwords, tokens, secrets, API keys, PSKs. */
export function isSensitiveKey(key: string): boolean {
  return /pass|token|secret|api_?key|psk|private/i.test(key)
}

/** What replaces a masked value in views and logs. */
export const MASK = '••••••••'

/** Parses secrets.py. Never throws: anything not understood is counted in `otherLines` and kept. */
export function parseSecrets(source: string): SecretsDoc {
  const assignments: SecretAssignment[] = []
  let otherLines = 0
  for (const line of logicalLines(tokenize(source))) {
    const a = assignmentOf(source, line)
    if (a) assignments.push(a)
    else otherLines++
  }
  return { source, assignments, otherLines }
}

function assignmentOf(source: string, line: PyToken[]): SecretAssignment | null {
  const code = line.filter((t) => t.type !== 'comment' && t.type !== 'nl' && t.type !== 'newline')
  const [name, eq] = code
  if (!name || !eq || name.type !== 'name' || !name.lineStart || name.col !== 0) return null
  if (eq.type !== 'op' || eq.text !== '=') return null
  const value = code.slice(2)
  if (value.length === 0) return null
  // `a = b = 1`, `a = 1; b = 2`, errors and keywords are left alone.
  if (value.some((t) => t.type === 'error' || (t.depth === 0 && t.type === 'op' && (t.text === '=' || t.text === ';')))) return null
  if (['True', 'False', 'None', 'import', 'from', 'def', 'class', 'if', 'try'].includes(name.text)) return null
  const valueStart = value[0]!.start
  const valueEnd = value[value.length - 1]!.end
  const lineStart = source.lastIndexOf('\n', line[0]!.start - 1) + 1
  const last = line[line.length - 1]!
  const lineEnd = last.type === 'newline' ? last.end : valueEnd
  let v: SecretValue = { type: 'raw', source: source.slice(valueStart, valueEnd) }
  let quote: '"' | "'" = '"'
  if (value.length === 1 && value[0]!.type === 'string') {
    const d = decodePyString(value[0]!.text)
    if (d) {
      v = { type: 'string', value: d.value }
      quote = d.quote === "'" ? "'" : '"'
    }
  }
  return { key: name.text, value: v, valueStart, valueEnd, lineStart, lineEnd, quote }
}

/** The effective value of every key (last assignment wins), in first-seen order. */
export function secretsMap(doc: SecretsDoc): Map<string, SecretValue> {
  const m = new Map<string, SecretValue>()
  for (const a of doc.assignments) m.set(a.key, a.value)
  return m
}

/** Changes for {@link applySecrets}: values to set (added at the end when new) and keys to remove. */
export interface SecretsChange {
  set?: Record<string, SecretValue>
  remove?: string[]
}

function sameValue(a: SecretValue, b: SecretValue): boolean {
  return a.type === 'string' ? b.type === 'string' && a.value === b.value : b.type === 'raw' && a.source.trim() === b.source.trim()
}

/**
 * Applies changes with minimal edits: a changed value is replaced in place (its quote style kept),
 * an unchanged value keeps its exact text, removed keys lose their statement lines, new keys are
 * appended (known keys in {@link KNOWN_SECRET_KEYS} order first). Every other byte is kept.
 * Throws `Error` for an invalid key or an empty raw expression.
 */
export function applySecrets(source: string, change: SecretsChange): string {
  const doc = parseSecrets(source)
  const set = change.set ?? {}
  const remove = new Set(change.remove ?? [])
  for (const k of [...Object.keys(set), ...remove]) if (!SECRET_KEY_RE.test(k)) throw new Error(`invalid key ${JSON.stringify(k)}`)
  const edits: Array<{ start: number; end: number; text: string }> = []
  const lastIndex = new Map<string, number>()
  doc.assignments.forEach((a, i) => lastIndex.set(a.key, i))
  doc.assignments.forEach((a, i) => {
    if (remove.has(a.key)) {
      edits.push({ start: a.lineStart, end: a.lineEnd, text: '' })
      return
    }
    const next = set[a.key]
    if (!next || lastIndex.get(a.key) !== i || sameValue(next, a.value)) return
    edits.push({ start: a.valueStart, end: a.valueEnd, text: valueSource(next, a.quote) })
  })
  let out = source
  for (const e of edits.sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  const added = Object.keys(set).filter((k) => !lastIndex.has(k) && !remove.has(k))
  added.sort((a, b) => rank(a) - rank(b))
  if (added.length) {
    const eol = source.includes('\r\n') ? '\r\n' : '\n'
    if (out !== '' && !out.endsWith('\n')) out += eol
    for (const k of added) out += `${k} = ${valueSource(set[k]!, '"')}${eol}`
  }
  return out
}

function rank(key: string): number {
  const i = (KNOWN_SECRET_KEYS as readonly string[]).indexOf(key)
  return i < 0 ? KNOWN_SECRET_KEYS.length : i
}

function valueSource(v: SecretValue, quote: '"' | "'"): string {
  // Only new or changed values are written, so an untouched multi-line value is still fine.
  if (v.type === 'raw' && (v.source.trim() === '' || /[\r\n]/.test(v.source))) throw new Error('a Python value must be one non-empty line')
  return v.type === 'string' ? encodePyString(v.value, quote) : v.source.trim()
}

/** One row of the form as shown to the user (and sent over IPC). */
export interface SecretEntry {
  key: string
  type: 'string' | 'raw'
  /** The value (string text, or Python source for raw values); null when masked. */
  value: string | null
  /** True when the value is hidden because the key is sensitive. */
  masked: boolean
  /** True for a key the badge's apps know. */
  known: boolean
}

/** The form's view of a doc: effective values, sensitive ones masked unless `reveal`. */
export function secretEntries(doc: SecretsDoc, opts: { reveal?: boolean } = {}): SecretEntry[] {
  const out: SecretEntry[] = []
  for (const [key, v] of secretsMap(doc)) {
    const masked = !opts.reveal && isSensitiveKey(key)
    out.push({
      key,
      type: v.type,
      value: masked ? null : v.type === 'string' ? v.value : v.source,
      masked,
      known: (KNOWN_SECRET_KEYS as readonly string[]).includes(key),
    })
  }
  return out
}

/** A one-line summary safe for logs and the CLI: `KEY=value` pairs with sensitive values masked. */
export function describeSecrets(doc: SecretsDoc): string {
  return secretEntries(doc)
    .map((e) => `${e.key}=${e.masked ? MASK : e.type === 'string' ? JSON.stringify(e.value) : e.value}`)
    .join(' ')
}
