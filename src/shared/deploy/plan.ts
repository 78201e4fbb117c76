/**
 * The deploy plan, computed from the project's files and one snapshot of the device: which files to
 * send (new or changed), which to skip, which device files to delete (only with consent, only inside
 * the deployed apps' folders) and which project files are protected.
 */
import { CodedError } from '../ipc/result'
import { IGNORED_DIRS } from '../project/paths'
import { appScope, inScope, toDevicePath, type DeviceLayout } from './layout'
import type { DeployPlan, DeviceSnapshot, LocalFile, PlanDelete, PlanSend, PlanSkip } from './types'

/** Suffix of the temporary names atomic writes use (`.<name>.bide-tmp`, next to the target). */
export const TEMP_SUFFIX = '.bide-tmp'

/** What to deploy. */
export interface DeploySelection {
  /** One app (`apps/<slug>/…`); the whole project when absent. */
  app?: string
  /** Send `secrets.py` files too (never by default). */
  includeSecrets?: boolean
  /** Send the project's `state/` folder too (never by default). */
  includeState?: boolean
}

/** True for files a deploy never sends or deletes unless asked: secrets and writable state. */
export function protectionOf(rel: string): 'secrets' | 'state' | undefined {
  const parts = rel.split('/')
  if (parts[parts.length - 1] === 'secrets.py') return 'secrets'
  if (parts[0] === 'state') return 'state'
  return undefined
}

/** True for paths the deploy never looks at (hidden files, caches, VCS folders). */
export function isIgnored(rel: string): boolean {
  return rel.split('/').some((p) => p.startsWith('.') || IGNORED_DIRS.has(p))
}

/**
 * Picks the project files a deploy covers: one app's folder or the whole project, minus ignored
 * files; protected files are returned apart unless included.
 */
export function selectFiles(rels: readonly string[], sel: DeploySelection): { deploy: string[]; protected: string[]; apps: string[] } {
  const deploy: string[] = []
  const prot: string[] = []
  const prefix = sel.app ? `apps/${sel.app}/` : ''
  const apps = new Set<string>()
  for (const rel of rels) {
    if (!rel.startsWith(prefix) || isIgnored(rel)) continue
    const p = protectionOf(rel)
    if ((p === 'secrets' && !sel.includeSecrets) || (p === 'state' && !sel.includeState)) {
      prot.push(rel)
      continue
    }
    deploy.push(rel)
    const m = /^apps\/([^/]+)\//.exec(rel)
    if (m) apps.add(m[1]!)
  }
  if (sel.app) apps.add(sel.app)
  return { deploy: deploy.sort(), protected: prot.sort(), apps: [...apps].sort() }
}

/** Inputs of {@link computePlan}. */
export interface PlanInput {
  /** The files to deploy (already selected), with their hashes. */
  files: readonly LocalFile[]
  /** Apps in scope: orphans are looked for (and deleted) only inside their folders. */
  apps: readonly string[]
  protected?: readonly string[]
  layout: DeviceLayout
  snapshot: DeviceSnapshot
  /** Delete device files the project no longer has (inside the apps' folders only). */
  delete?: boolean
}

function isTempName(devicePath: string): boolean {
  const base = devicePath.slice(devicePath.lastIndexOf('/') + 1)
  return base.startsWith('.') && base.endsWith(TEMP_SUFFIX)
}

/** A device file that deletion must never touch, whatever the project says. */
function deviceProtected(devicePath: string, scopePrefix: string): boolean {
  const inner = devicePath.slice(scopePrefix.length)
  const base = inner.slice(inner.lastIndexOf('/') + 1)
  // Flat devices join folders with '-', so the same names appear after a '-'.
  return base === 'secrets.py' || base.endsWith('-secrets.py') || /^state[/-]/.test(inner)
}

/**
 * Compares local files with the device snapshot. A file is skipped only when the device has the same
 * size and the same hash (in the snapshot's algorithm); entry files (`__init__.py`, `main.py`) are sent
 * last so an interrupted deploy never pairs a new entry with old modules.
 */
export function computePlan(input: PlanInput): DeployPlan {
  const { layout, snapshot } = input
  const onDevice = new Map(snapshot.files.map((f) => [f.path, f]))
  const send: PlanSend[] = []
  const skip: PlanSkip[] = []
  const byDevice = new Map<string, string>()
  for (const f of input.files) {
    const device = toDevicePath(f.rel, layout)
    const clash = byDevice.get(device)
    if (clash) throw new CodedError('DEVICE_PATH_INVALID', `${clash} and ${f.rel} both map to ${device} on this device`)
    byDevice.set(device, f.rel)
    const d = onDevice.get(device)
    const want = snapshot.algo === 'sha256' ? f.sha256 : String(f.adler32)
    if (!d) send.push({ rel: f.rel, device, size: f.size, reason: 'new' })
    else if (d.size !== f.size || d.hash !== want) send.push({ rel: f.rel, device, size: f.size, reason: 'changed' })
    else skip.push({ rel: f.rel, device, size: f.size })
  }
  const entry = (rel: string) => /(^|\/)(__init__|main)\.py$/.test(rel)
  send.sort((a, b) => Number(entry(a.rel)) - Number(entry(b.rel)) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))

  const del: PlanDelete[] = []
  const kept: string[] = []
  const scopes = input.apps.map((slug) => appScope(slug, layout))
  for (const d of snapshot.files) {
    if (byDevice.has(d.path)) continue
    const scope = scopes.find((s) => inScope(d.path, s))
    if (!scope) continue
    if (isTempName(d.path)) del.push({ device: d.path, size: d.size, reason: 'leftover' })
    else if (deviceProtected(d.path, scope.prefix)) continue
    else if (input.delete) del.push({ device: d.path, size: d.size, reason: 'orphan' })
    else kept.push(d.path)
  }
  del.sort((a, b) => (a.device < b.device ? -1 : 1))
  const bytesToSend = send.reduce((n, s) => n + s.size, 0)
  return {
    apps: [...input.apps],
    algo: snapshot.algo,
    send,
    skip,
    delete: del,
    kept: kept.sort(),
    protected: [...(input.protected ?? [])],
    bytesToSend,
    upToDate: send.length === 0 && del.length === 0,
  }
}

/** A one-line summary for people: "3 to send (12.0 KB), 17 unchanged, 1 to delete". */
export function describePlan(plan: DeployPlan): string {
  if (plan.upToDate) return `up to date (${plan.skip.length} file${plan.skip.length === 1 ? '' : 's'} unchanged)`
  const parts = [`${plan.send.length} to send (${formatBytes(plan.bytesToSend)})`, `${plan.skip.length} unchanged`]
  if (plan.delete.length) parts.push(`${plan.delete.length} to delete`)
  if (plan.kept.length) parts.push(`${plan.kept.length} on the badge but not in the project (kept; use delete to remove)`)
  return parts.join(', ')
}

/** Human-readable byte count (B, KB, MB with one decimal). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
