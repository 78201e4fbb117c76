/**
 * Remembers the editor session (settings key `session`, see lib/session.ts) and restores it on the
 * next start: the last project is opened again, then its tabs with their cursor and scroll.
 */
import { nextTick, watch } from 'vue'
import { api, call } from '../api'
import { parseSession, sessionSnapshot, tabsToRestore } from '../lib/session'
import { defaultExpanded } from '../lib/tree-rows'
import { allFiles, editorSync, openFile, workspace } from './workspace'

/** Saves the session now (the close handshake calls it before answering). */
export async function saveSession(): Promise<void> {
  const p = workspace.project
  if (!p) return
  const session = sessionSnapshot(p.root, workspace.docs, workspace.active, (path) => editorSync.where(path))
  await api.app.setSettings({ patch: { session } }).catch(() => undefined)
}

/**
 * Restores the saved session: reopens its project when none is open (quietly doing nothing when the
 * folder is gone), then its tabs whose files still exist. Afterwards saves whenever tabs change.
 */
export async function restoreSession(): Promise<void> {
  const settings = await call(api.app.getSettings({})).catch(() => null)
  const session = parseSession(settings?.['session'])
  if (session && !workspace.project) {
    const r = await api.project.open({ root: session.root })
    if (r.ok) {
      workspace.project = r.value
      workspace.expanded = defaultExpanded(r.value.tree)
    }
  }
  const project = workspace.project
  if (project && workspace.docs.length === 0) {
    const files = new Set(allFiles(project.tree))
    for (const t of tabsToRestore(session, project.root, (p) => files.has(p))) {
      await openFile(t.path)
      const d = workspace.docs.find((x) => x.path === t.path)
      if (d) d.restoreView = { anchor: t.anchor, scrollTop: t.scrollTop }
    }
    // Each tab was shown as it opened, before its view was known: show the active one again.
    const active = session?.active && workspace.docs.some((d) => d.path === session.active) ? session.active : workspace.active
    workspace.active = null
    await nextTick()
    workspace.active = active
  }
  let timer: ReturnType<typeof setTimeout> | null = null
  watch(
    () => [workspace.project?.root, workspace.active, workspace.docs.map((d) => d.path).join('\n')],
    () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void saveSession(), 400)
    },
  )
}
