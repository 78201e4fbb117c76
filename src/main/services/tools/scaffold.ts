/**
 * The new-app wizard's work on a project folder: create `apps/<slug>/` from a template with an
 * icon, then make the project's launcher show it (edit a fixed-list launcher; nothing to do for a
 * launcher that scans the folder or for the emulator's built-in launcher).
 */
import { promises as fsp } from 'node:fs'
import type { LauncherStatus, NewAppResult } from '../../../shared/ipc/domains/tools'
import { CodedError } from '../../../shared/ipc/result'
import { defaultIcon, ICON_SIZE, type Bitmap } from '../../../shared/tools/icon'
import { addAppToLauncher, analyzeLauncher } from '../../../shared/tools/launcher'
import { slugProblem, titleOf } from '../../../shared/tools/slug'
import type { ProjectFs } from '../project/project-fs'
import { encodeBadgePng } from './png-writer'
import { DEFAULT_TEMPLATE, renderTemplate } from './templates'

/** Where the launcher lives in a project (the project mirrors `/system`). */
export const LAUNCHER_PATH = 'apps/menu/__init__.py'

/** Options of {@link createApp}. */
export interface NewAppOptions {
  slug: string
  /** Template name (default `hello`). */
  template?: string
  /** Display title (default from the slug: `my_game` → `My Game`). */
  title?: string
  /** The icon (24×24); a generated one when omitted. */
  icon?: Bitmap
  /** Template folder override (tests). */
  templatesDir?: string
}

async function readText(fs: ProjectFs, rel: string): Promise<string | null> {
  try {
    return Buffer.from(await fs.readBytes(rel)).toString('utf8')
  } catch (e) {
    if (e instanceof CodedError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

/** Slugs of the project's apps (folders of `apps/` holding an `__init__.py`). */
export async function projectApps(fs: ProjectFs): Promise<string[]> {
  const { abs } = await fs.resolve('apps')
  const entries = await fsp.readdir(abs, { withFileTypes: true }).catch(() => [])
  const out: string[] = []
  for (const e of entries) {
    if (!e.isDirectory()) continue
    const init = await fs.resolve(`apps/${e.name}/__init__.py`)
    if (await fsp.stat(init.abs).then((s) => s.isFile(), () => false)) out.push(e.name)
  }
  return out.sort()
}

/** Detects the project's launcher kind (see {@link analyzeLauncher}). */
export async function launcherStatus(fs: ProjectFs): Promise<LauncherStatus> {
  const source = await readText(fs, LAUNCHER_PATH)
  const info = analyzeLauncher(source, await projectApps(fs))
  return source === null ? info : { ...info, path: LAUNCHER_PATH }
}

/**
 * Adds `slug` to the project's launcher when it keeps a fixed list; returns what happened with a
 * sentence for the user.
 */
export async function registerInLauncher(fs: ProjectFs, slug: string, title: string): Promise<NewAppResult['launcher']> {
  const source = await readText(fs, LAUNCHER_PATH)
  const known = await projectApps(fs)
  if (source === null) {
    return { kind: 'none', changed: false, note: 'The project has no launcher of its own; the emulator\'s launcher lists every app folder.' }
  }
  const edit = addAppToLauncher(source, slug, title, known)
  const after = analyzeLauncher(edit.source, known)
  const base = { ...after, path: LAUNCHER_PATH, changed: edit.changed }
  if (edit.changed) {
    await fs.writeFile(LAUNCHER_PATH, edit.source)
    return { ...base, note: `Added "${slug}" to the launcher's ${after.listName ?? 'app'} list in ${LAUNCHER_PATH}.` }
  }
  if (edit.kind === 'list') return { ...base, note: `The launcher already lists "${slug}".` }
  if (edit.kind === 'scan') return { ...base, note: 'The launcher finds apps by listing the apps folder; nothing to change.' }
  return { ...base, note: `Could not find an app list in ${LAUNCHER_PATH}; add "${slug}" to it by hand.` }
}

/**
 * Creates `apps/<slug>/` from a template (placeholders filled), writes `icon.png` (badge-compatible
 * PNG) unless the template brings one, and registers the app in the launcher.
 * Errors: INVALID_SLUG, APP_EXISTS, TEMPLATE_NOT_FOUND, ICON_INVALID, file-system codes.
 */
export async function createApp(fs: ProjectFs, opts: NewAppOptions): Promise<NewAppResult> {
  const problem = slugProblem(opts.slug)
  if (problem) throw new CodedError('INVALID_SLUG', `${JSON.stringify(opts.slug)}: ${problem}`)
  const slug = opts.slug
  const dir = `apps/${slug}`
  const { abs } = await fs.resolve(dir)
  if (await fsp.lstat(abs).then(() => true, () => false)) throw new CodedError('APP_EXISTS', dir)
  const title = opts.title?.trim() || titleOf(slug)
  const files = await renderTemplate(opts.template ?? DEFAULT_TEMPLATE, slug, title, opts.templatesDir)
  const icon = opts.icon ?? defaultIcon(slug)
  if (icon.width !== ICON_SIZE || icon.height !== ICON_SIZE || icon.data.length !== ICON_SIZE * ICON_SIZE * 4) {
    throw new CodedError('ICON_INVALID', `expected ${ICON_SIZE}×${ICON_SIZE} RGBA`)
  }
  if (!files.some((f) => f.name === 'icon.png')) files.push({ name: 'icon.png', data: encodeBadgePng(icon).png })
  const written: string[] = []
  for (const f of files) {
    await fs.writeFile(`${dir}/${f.name}`, f.data)
    written.push(`${dir}/${f.name}`)
  }
  const launcher = await registerInLauncher(fs, slug, title)
  if (launcher.changed) written.push(LAUNCHER_PATH)
  return { slug, files: written, launcher }
}
