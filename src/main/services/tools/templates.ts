/**
 * App templates for the "New app" wizard and `badge-ide new`. Each template is a folder of files
 * under `templates/<name>/` (at least `__init__.py`); text files may use the placeholders
 * `{{SLUG}}`, `{{TITLE}}` (one line of plain text) and `{{TITLE_STR}}` (the title as a Python
 * string literal).
 */
import { existsSync, promises as fsp } from 'node:fs'
import path from 'node:path'
import { CodedError } from '../../../shared/ipc/result'
import { encodePyString } from '../../../shared/tools/py-lex'
import type { TemplateInfo } from '../../../shared/ipc/domains/tools'

/** The templates, in the order the wizard shows them. The first is the default. */
export const TEMPLATES: readonly TemplateInfo[] = [
  { name: 'hello', title: 'Hello world', description: 'A message on a panel; the smallest working app.' },
  { name: 'animation', title: 'Animation', description: 'Shapes moving with io.ticks, a rotating outline and a fading trail.' },
  { name: 'game', title: 'Game loop with buttons', description: 'A paddle game: UP/DOWN move, A serves, best score saved with State.' },
  { name: 'network', title: 'Network fetch', description: 'Joins Wi-Fi from secrets.py and downloads a page a chunk per frame.' },
]

/** The default template name. */
export const DEFAULT_TEMPLATE = 'hello'

/**
 * Where the template folders are: beside this module when running from source (CLI, tests), or
 * the copy the packaged app ships in its resources. `BADGE_IDE_TEMPLATES` overrides both.
 */
export function templatesDir(): string {
  const candidates = [
    process.env['BADGE_IDE_TEMPLATES'],
    path.join(__dirname, 'templates'),
    // Built main bundle (out/main/index.js) inside the repository, and packaged resources.
    path.resolve(__dirname, '../../src/main/services/tools/templates'),
    (process as { resourcesPath?: string }).resourcesPath ? path.join((process as { resourcesPath?: string }).resourcesPath!, 'templates') : undefined,
  ]
  for (const c of candidates) if (c && existsSync(path.join(c, DEFAULT_TEMPLATE, '__init__.py'))) return c
  throw new CodedError('TEMPLATE_NOT_FOUND', 'the template folder is missing from this installation')
}

/** One file of an instantiated template: project-relative path inside the app folder and its bytes. */
export interface TemplateFile {
  name: string
  data: Uint8Array
}

/** Fills the placeholders of a text file. */
export function fillPlaceholders(text: string, slug: string, title: string): string {
  const plainTitle = title.replace(/[\r\n]+/g, ' ')
  return text
    .replaceAll('{{TITLE_STR}}', encodePyString(plainTitle))
    .replaceAll('{{TITLE}}', plainTitle)
    .replaceAll('{{SLUG}}', slug)
}

/** The files of template `name` with placeholders filled. Throws TEMPLATE_NOT_FOUND for unknown names. */
export async function renderTemplate(name: string, slug: string, title: string, dir = templatesDir()): Promise<TemplateFile[]> {
  if (!TEMPLATES.some((t) => t.name === name)) {
    throw new CodedError('TEMPLATE_NOT_FOUND', `${name} (choose one of ${TEMPLATES.map((t) => t.name).join(', ')})`)
  }
  const root = path.join(dir, name)
  const out: TemplateFile[] = []
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const e of await fsp.readdir(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) await walk(path.join(abs, e.name), r)
      else if (e.isFile()) {
        const bytes = await fsp.readFile(path.join(abs, e.name))
        const text = /\.(py|txt|json|md)$/.test(e.name) ? fillPlaceholders(bytes.toString('utf8'), slug, title) : null
        out.push({ name: r, data: text === null ? bytes : Buffer.from(text, 'utf8') })
      }
    }
  }
  await walk(root, '')
  return out.sort((a, b) => a.name.localeCompare(b.name))
}
