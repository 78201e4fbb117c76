/**
 * Unsaved copies: a second after typing stops, the text of every modified tab is kept in the
 * user-data folder (`project:keepUnsaved`), so a crash loses at most that second. The next start
 * puts the kept text back in its tabs, modified ({@link restoreUnsaved}). Settling the tabs
 * through the close question, or before another project opens, forgets them.
 */
import { watch } from 'vue'
import { MAX_EDITOR_FILE } from '@shared/ipc/domains/project'
import { api, ApiError, call } from '../api'
import { unsavedSync } from '../lib/unsaved-sync'
import { notify, notifyError } from './notifications'
import { allFiles, openFile, projectSwitch, workspace } from './workspace'

/** Quiet time after the last change before the copies are brought up to date. */
export const UNSAVED_COPY_DELAY_MS = 1000

/** Path → the text kept last for it. */
const kept = new Map<string, string>()
let timer: ReturnType<typeof setTimeout> | null = null
let warned = false
// Every exchange with main runs one after another, so a forget never overtakes a keep.
let chain: Promise<unknown> = Promise.resolve()
const serial = (fn: () => Promise<void>): Promise<void> => {
  const done = chain.then(fn)
  chain = done.catch(() => undefined)
  return done
}

const sync = (): Promise<void> =>
  serial(async () => {
    if (!workspace.project) return
    const { keep, forget } = unsavedSync(workspace.docs, kept, MAX_EDITOR_FILE)
    for (const c of keep) {
      const r = await api.project.keepUnsaved(c)
      if (r.ok) kept.set(c.path, c.text)
      else if (!warned) {
        warned = true
        notifyError(new ApiError(r), `Keeping a copy of unsaved ${c.path} failed (save your work)`)
      }
    }
    for (const p of forget) if ((await api.project.forgetUnsaved({ path: p })).ok) kept.delete(p)
  })

function schedule(): void {
  if (timer) clearTimeout(timer)
  timer = setTimeout(() => {
    timer = null
    void sync()
  }, UNSAVED_COPY_DELAY_MS)
}

/** Starts keeping copies of modified tabs (once, when the window starts). */
export function keepUnsavedCopies(): void {
  watch(() => workspace.docs.map((d) => [d.path, d.text, d.savedText]), schedule)
  projectSwitch.before = forgetAllUnsaved
  // Cancelled: the tabs that are still modified are kept again.
  projectSwitch.after = async (opened) => (opened ? restoreUnsaved() : schedule())
}

/**
 * Forgets every copy of the open project: its tabs were saved or discarded on purpose. A tab
 * still modified is kept again at its next change.
 */
export function forgetAllUnsaved(): Promise<void> {
  if (timer) clearTimeout(timer)
  return serial(async () => {
    if (workspace.project) await api.project.forgetUnsaved({})
    kept.clear()
  })
}

/**
 * Puts the text kept for the open project back in its tabs (opened when needed), modified, and
 * says so. A copy equal to the file on disk is forgotten; a file that is gone comes back as a
 * modified tab whose save writes it again.
 */
export async function restoreUnsaved(): Promise<void> {
  const project = workspace.project
  if (!project) return
  const copies = await call(api.project.unsaved({})).catch(() => [])
  if (!copies.length) return
  const files = new Set(allFiles(project.tree))
  const restored: string[] = []
  const changedOnDisk: string[] = []
  for (const c of copies) {
    // What main holds now: the sync below forgets the copies that bring nothing back.
    kept.set(c.path, c.text)
    if (files.has(c.path)) await openFile(c.path)
    let d = workspace.docs.find((x) => x.path === c.path)
    if (!d && !files.has(c.path)) {
      d = { path: c.path, savedText: '', text: '', readOnly: false, mtimeMs: 0, deleted: true }
      workspace.docs.push(d)
    }
    if (!d || d.readOnly) continue
    if (d.text !== c.text) {
      d.text = c.text
      restored.push(c.path)
      if (!d.deleted && d.mtimeMs !== c.baseMtimeMs) changedOnDisk.push(c.path)
    }
  }
  if (restored.length) {
    workspace.active = restored[0]!
    const which = restored.length === 1 ? restored[0] : `${restored.length} files`
    const disk = changedOnDisk.length ? ` ${changedOnDisk.join(', ')} changed on disk since: compare before saving.` : ''
    notify('info', `Recovered unsaved changes in ${which} from a session that ended without saving them.${disk}`)
  }
  await sync()
}
