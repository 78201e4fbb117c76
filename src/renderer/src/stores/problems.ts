/**
 * The Problems list: what the badge would reject in the project's Python files. Saved files are
 * checked by main (`check:project`, again after every change on disk); an open file's entries come
 * from its editor while it is being typed in, so the list follows the text, not the disk.
 */
import { computed, reactive, watch } from 'vue'
import { api } from '../api'
import type { Diagnostic } from '@shared/check/diagnostics'
import { sortDiagnostics } from '@shared/check/diagnostics'
import { workspace } from './workspace'

/** The state behind the Problems list. */
export const problems = reactive({
  /** From the last whole-project check (files on disk). */
  project: [] as Diagnostic[],
  /** Python files the last project check covered. */
  files: 0,
  /** Per open file: what its editor found in the text being edited. */
  live: {} as Record<string, Diagnostic[]>,
  /** The Problems tab is shown in the console panel. */
  shown: false,
  /** Why the last project check failed, if it did. */
  error: null as string | null,
})

/** Every problem: the editors' for open files, the project check's for the others; sorted. */
export const allProblems = computed<Diagnostic[]>(() => {
  const open = new Set(workspace.docs.map((d) => d.path).filter((p) => problems.live[p] !== undefined))
  return sortDiagnostics([...problems.project.filter((d) => !open.has(d.path)), ...[...open].flatMap((p) => problems.live[p]!)])
})

/** Error and warning counts of {@link allProblems}. */
export const problemCounts = computed(() => {
  const errors = allProblems.value.filter((d) => d.severity === 'error').length
  return { errors, warnings: allProblems.value.length - errors }
})

/** Records what an editor found in `path`'s current text. */
export function setLiveProblems(path: string, list: Diagnostic[]): void {
  problems.live[path] = list
}

let generation = 0
/** Checks the whole project on disk again (newest answer wins). */
export async function refreshProblems(): Promise<Diagnostic[]> {
  if (!workspace.project) {
    problems.project = []
    problems.files = 0
    return []
  }
  const mine = ++generation
  const r = await api.check.project({})
  if (mine !== generation) return problems.project
  if (!r.ok) {
    problems.error = r.message
    return problems.project
  }
  problems.error = null
  problems.project = r.value.diagnostics
  problems.files = r.value.files.length
  return r.value.diagnostics
}

/**
 * Before a deploy: asks whether to go on when a file it sends (`inScope`) has a syntax error the
 * badge's compiler reports, naming the files and lines. True to go on (also when the check itself
 * could not run: it must not stand between the user and the badge).
 */
export async function confirmDeploySyntax(inScope: (path: string) => boolean): Promise<boolean> {
  const found = await refreshProblems()
  const bad = found.filter((d) => d.source === 'micropython' && d.severity === 'error' && inScope(d.path))
  if (!bad.length) return true
  const list = bad.slice(0, 5).map((d) => `${d.path}, line ${d.line}: ${d.message}`)
  if (bad.length > 5) list.push(`… and ${bad.length - 5} more`)
  const head = bad.length === 1 ? 'This file has a syntax error' : `${bad.length} files have syntax errors`
  return window.confirm(`${head}: the badge will not run it.\n\n${list.join('\n')}\n\nDeploy anyway?`)
}

let timer: ReturnType<typeof setTimeout> | null = null
/** Keeps the project check current: when a project opens and after changes on disk (batched). Returns the unsubscribe. */
export function connectProblems(): () => void {
  const stop = watch(() => workspace.project?.root, () => void refreshProblems(), { immediate: true })
  const off = api.on('project:changed', (changes) => {
    if (!changes.some((c) => c.path.endsWith('.py') || c.kind === 'unlinkDir' || c.kind === 'addDir')) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void refreshProblems(), 200)
  })
  return () => {
    stop()
    off()
    if (timer) clearTimeout(timer)
  }
}
