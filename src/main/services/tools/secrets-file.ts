/**
 * The project's `secrets.py` (copied to `/secrets.py` on the badge at boot, API spec §15.7) behind
 * the secrets form. Reads return masked views unless the caller asks to reveal; writes apply
 * minimal edits so comments and lines the form does not understand survive. Nothing here logs.
 */
import type { SecretsView } from '../../../shared/ipc/domains/tools'
import { CodedError } from '../../../shared/ipc/result'
import {
  applySecrets, parseSecrets, secretEntries, secretsMap, SECRET_KEY_RE, type SecretsChange, type SecretValue,
} from '../../../shared/tools/secrets'
import type { ProjectFs } from '../project/project-fs'

/** Where secrets.py lives in a project. */
export const SECRETS_PATH = 'secrets.py'

/** The header a new secrets.py starts with. */
export const NEW_SECRETS_HEADER = '# Badge secrets: Wi-Fi and accounts for apps on this badge.\n# Keep this file private: it is never deployed unless you ask, and should not be committed.\n'

/** One row from the form. `keep` leaves the value in the file unchanged (for masked rows). */
export interface SecretRowInput {
  key: string
  type: 'string' | 'raw'
  value?: string | undefined
  keep?: boolean | undefined
}

async function readSource(fs: ProjectFs): Promise<string | null> {
  try {
    return Buffer.from(await fs.readBytes(SECRETS_PATH)).toString('utf8')
  } catch (e) {
    if (e instanceof CodedError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

/** The form's view of secrets.py; sensitive values are null unless `reveal`. */
export async function readSecrets(fs: ProjectFs, opts: { reveal?: boolean } = {}): Promise<SecretsView> {
  const source = await readSource(fs)
  if (source === null) return { exists: false, entries: [], otherLines: 0 }
  const doc = parseSecrets(source)
  return { exists: true, entries: secretEntries(doc, opts), otherLines: doc.otherLines }
}

/**
 * Saves rows: `keep` rows and rows whose value is unchanged leave the file's text alone; keys in
 * `remove` are deleted; a missing file is created. Returns the masked view after saving.
 * Throws SECRETS_INVALID for a bad key, a `keep` row for a key that is not in the file, or a bad
 * Python value. Error details never contain values.
 */
export async function writeSecrets(fs: ProjectFs, rows: SecretRowInput[], remove: string[] = []): Promise<SecretsView> {
  const source = (await readSource(fs)) ?? ''
  const current = secretsMap(parseSecrets(source))
  const set: Record<string, SecretValue> = {}
  for (const r of rows) {
    if (!SECRET_KEY_RE.test(r.key)) throw new CodedError('SECRETS_INVALID', `key ${JSON.stringify(r.key.slice(0, 64))}`)
    if (r.keep) {
      if (!current.has(r.key)) throw new CodedError('SECRETS_INVALID', `${r.key} has no value to keep`)
      continue
    }
    const value = r.value ?? ''
    set[r.key] = r.type === 'string' ? { type: 'string', value } : { type: 'raw', source: value }
  }
  const change: SecretsChange = { set, remove }
  if (source === '' && Object.keys(set).length === 0) return readSecrets(fs)
  let next: string
  try {
    next = applySecrets(source === '' ? NEW_SECRETS_HEADER : source, change)
  } catch (e) {
    // The message names the rule that was broken, never the value.
    throw new CodedError('SECRETS_INVALID', (e as Error).message.replace(/"[^"]*"/g, '…'))
  }
  if (next !== source) await fs.writeFile(SECRETS_PATH, next)
  return readSecrets(fs)
}
