/**
 * The workspace: the open project, its tree and the editor tabs. Documents keep their text here so
 * closing or switching never loses an edit; the editor view only renders the active one.
 */
import { computed, reactive } from 'vue'
import type { ProjectInfo, TreeNode } from '@shared/ipc/domains/project'
import { api, ApiError, call } from '../api'
import { appTemplate, iconPng, slugify, SLUG_RE } from '../lib/app-scaffold'
import { askName } from '../lib/name-prompt'
import { settleUnsaved } from '../lib/unsaved-prompt'
import { defaultExpanded } from '../lib/tree-rows'
import { nonUtf8View } from '../lib/non-utf8-view'
import { clearMarksOf } from './console'
import { notify, notifyError } from './notifications'

/** One open editor tab. */
export interface Doc {
  path: string
  /** Text as last saved / loaded. */
  savedText: string
  /** Current text in the editor. */
  text: string
  /** Binary or non-UTF-8 files open read-only. */
  readOnly: boolean
  mtimeMs: number
  /** True from a keystroke until the editor copies its text into `text` (see {@link editorSync}). */
  pendingEdit?: boolean
  /** Line to reveal when the tab is shown (1-based), then cleared. */
  revealLine?: number
  /** True when the file was deleted outside the IDE (saving writes it again). */
  deleted?: boolean
  /** Cursor and scroll to restore when the tab is first shown (a restored session), then cleared. */
  restoreView?: { anchor: number; scrollTop: number }
}

export const workspace = reactive({
  project: null as ProjectInfo | null,
  recent: [] as string[],
  docs: [] as Doc[],
  active: null as string | null,
  /** Folders expanded in the project tree. */
  expanded: new Set<string>(),
})

/**
 * The editor copies its text into {@link Doc.text} shortly after typing stops (turning a large
 * document into a string on every keystroke would cost a frame); `flush` copies it now. Everything
 * that reads a document's text for saving or closing calls {@link flushEditor} first.
 */
export const editorSync = {
  flush: (): void => undefined,
  /** Where a tab's cursor and scroll are (for the saved session); undefined before the editor showed it. */
  where: (_path: string): { anchor: number; scrollTop: number } | undefined => undefined,
}

/**
 * Called around a switch to another project, once its tabs were settled (stores/unsaved.ts
 * forgets their copies before and keeps or restores copies after; set when the window starts).
 */
export const projectSwitch = {
  before: async (): Promise<void> => undefined,
  /** `opened`: the other project is open now (else the switch was cancelled or failed). */
  after: async (_opened: boolean): Promise<void> => undefined,
}

/** Brings {@link Doc.text} up to date with the editor. */
export function flushEditor(): void {
  editorSync.flush()
}

/** The active document, if any. */
export const activeDoc = computed(() => workspace.docs.find((d) => d.path === workspace.active) ?? null)

/** True when a document has unsaved changes. */
export function isDirty(d: Doc): boolean {
  return !!d.pendingEdit || d.text !== d.savedText
}

/**
 * Opens a project by root, or asks with the native picker when `root` is omitted; without one
 * (browser mode) it asks for the folder's path in the page.
 */
export async function openProject(root?: string): Promise<void> {
  flushEditor()
  // Unsaved tabs are settled before the picker; the tabs stay open until another project did open.
  if (!(await settleUnsaved('Open another project', workspace.docs.filter(isDirty), (d) => saveDoc(d)))) return
  await projectSwitch.before()
  const r = await api.project.open(root === undefined ? {} : { root })
  if (!r.ok) {
    await projectSwitch.after(false)
    if (r.code === 'NO_NATIVE_DIALOG' && root === undefined) {
      const typed = await askName({
        title: 'Open project folder',
        label: 'Path of the project folder (on the computer running the IDE)',
        initial: workspace.project?.root ?? workspace.recent[0] ?? '',
        confirmLabel: 'Open',
      })
      if (typed) await openProject(typed)
    } else if (r.code === 'PROJECT_IN_OTHER_WINDOW' && r.detail) {
      // One window per project: bring that window to the front (browser mode can only say so).
      if (!(await api.app.openWindow({ root: r.detail })).ok) notifyError(new ApiError(r), 'Open project')
    } else if (r.code !== 'CANCELLED') notifyError(new ApiError(r), 'Open project')
    return
  }
  workspace.project = r.value
  workspace.expanded = defaultExpanded(r.value.tree)
  workspace.docs = []
  workspace.active = null
  await projectSwitch.after(true)
  workspace.recent = await call(api.project.recent({})).catch(() => workspace.recent)
}

/**
 * Opens `root` in another IDE window, this window keeping its project (the window already
 * showing `root` comes to the front instead).
 */
export async function openInNewWindow(root: string): Promise<void> {
  const r = await api.app.openWindow({ root })
  if (!r.ok) notifyError(new ApiError(r), 'Open in new window')
}

/** Reloads the tree from disk. */
export async function refreshTree(): Promise<void> {
  if (!workspace.project) return
  try {
    workspace.project.tree = await call(api.project.tree({}))
  } catch (e) {
    notifyError(e, 'Refresh')
  }
}

/** Opens a file in a tab (or focuses its tab), optionally revealing a line. */
export async function openFile(path: string, line?: number): Promise<void> {
  const existing = workspace.docs.find((d) => d.path === path)
  if (existing) {
    if (line !== undefined) existing.revealLine = line
    workspace.active = path
    return
  }
  try {
    const f = await call(api.project.readFile({ path }))
    const text = f.binary ? nonUtf8View(path, f.bytes ?? new Uint8Array()) : (f.text ?? '')
    const doc: Doc = { path, savedText: text, text, readOnly: f.binary, mtimeMs: f.mtimeMs }
    if (line !== undefined) doc.revealLine = line
    workspace.docs.push(doc)
    workspace.active = path
  } catch (e) {
    notifyError(e, `Open ${path}`)
  }
}

/** Saves a document; on a disk conflict asks before overwriting. */
export async function saveDoc(d: Doc, force = false): Promise<boolean> {
  flushEditor()
  if (d.readOnly) return false
  const text = d.text
  const r = await api.project.writeFile(force ? { path: d.path, text } : { path: d.path, text, expectMtimeMs: d.mtimeMs })
  if (r.ok) {
    d.savedText = text
    d.mtimeMs = r.value.mtimeMs
    d.deleted = false
    clearMarksOf(d.path)
    return true
  }
  if (r.code === 'DIRTY_CONFLICT' && window.confirm(`${d.path} changed on disk. Overwrite it with your version?`)) {
    return saveDoc(d, true)
  }
  notify('error', `Save ${d.path}: ${r.message}`, r.code)
  return false
}

/** Saves every dirty document. */
export async function saveAll(): Promise<void> {
  flushEditor()
  for (const d of workspace.docs) if (isDirty(d)) await saveDoc(d)
}

/** Closes a tab; with unsaved changes asks Save / Don't save / Cancel first (unless `discard`). Resolves false if the tab stays. */
export async function closeDoc(path: string, opts: { discard?: boolean } = {}): Promise<boolean> {
  flushEditor()
  const d = workspace.docs.find((x) => x.path === path)
  if (!d) return true
  if (!opts.discard && !(await settleUnsaved('Close tab', isDirty(d) ? [d] : [], (x) => saveDoc(x)))) return false
  const i = workspace.docs.indexOf(d)
  if (i < 0) return true
  workspace.docs.splice(i, 1)
  if (workspace.active === path) workspace.active = workspace.docs[Math.min(i, workspace.docs.length - 1)]?.path ?? null
  return true
}

/** Flattens the tree into file paths (for quick open). */
export function allFiles(node: TreeNode | undefined, out: string[] = []): string[] {
  if (!node) return out
  if (node.kind === 'file') out.push(node.path)
  for (const c of node.children ?? []) allFiles(c, out)
  return out
}

/** Expands every folder on the way to `path` so it is visible in the tree. */
export function revealInTree(path: string): void {
  const parts = path.split('/')
  for (let i = 1; i < parts.length; i++) workspace.expanded.add(parts.slice(0, i).join('/'))
}

/**
 * Scaffolds a new app: `apps/<slug>/__init__.py` (init/update template) and a 24×24 `icon.png`,
 * then opens the code. Returns the slug, or null when the name was invalid or the app exists.
 */
export async function newApp(name: string): Promise<string | null> {
  const slug = slugify(name)
  if (!SLUG_RE.test(slug)) {
    notify('error', `"${name}": app names may use lower-case letters, digits and underscores, starting with a letter.`, 'INVALID_SLUG')
    return null
  }
  const dir = `apps/${slug}`
  try {
    await call(api.project.create({ path: dir, kind: 'dir' }))
    await call(api.project.writeFile({ path: `${dir}/__init__.py`, text: appTemplate(name.trim() || slug) }))
    await call(api.project.writeFile({ path: `${dir}/icon.png`, bytes: iconPng(slug) }))
  } catch (e) {
    notifyError(e, `New app ${slug}`)
    return null
  }
  await refreshTree()
  revealInTree(`${dir}/__init__.py`)
  await openFile(`${dir}/__init__.py`)
  notify('info', `Created ${dir}: press F5 to run it`)
  return slug
}

/** Opens text that is not a project file (a badge file) in a read-only tab named `path`. */
export function openReadOnlyDoc(path: string, text: string): void {
  const existing = workspace.docs.find((d) => d.path === path)
  if (existing) {
    existing.text = existing.savedText = text
  } else {
    workspace.docs.push({ path, text, savedText: text, readOnly: true, mtimeMs: 0 })
  }
  workspace.active = path
}
