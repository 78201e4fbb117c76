/**
 * Planning and carrying out a deploy on any {@link DeployTarget}: one snapshot round trip, then the
 * files that changed in one hand-over to the target, each verified before it counts; Cancel stops
 * between round trips. Where the local record already says what changed, the snapshot's check rides
 * with the first write instead (one round trip for an edit).
 */
import { appScope, COOKIE_NAME, inScope, toDevicePath, type DeviceLayout } from '../../../shared/deploy/layout'
import { computePlan, selectFiles, type DeploySelection } from '../../../shared/deploy/plan'
import type { DeployPlan, DeployProgress, DeployResult, DeviceSnapshot } from '../../../shared/deploy/types'
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import { ERROR_MESSAGES } from '../../../shared/ipc/errors'
import { DeviceChanged, type DeployTarget, type SnapshotGuard, type TargetFile, type WriteFilesHooks } from './deploy-target'
import { listProjectFiles, readProjectFiles, type LocalFileData } from './local-files'
import { newToken, type RecordStore } from './deploy-record'

/** What to deploy and how. */
export interface DeployOptions extends DeploySelection {
  /** Project root folder. */
  root: string
  /** Delete device files the project no longer has (inside the apps' folders only). */
  delete?: boolean
  /** Local records of earlier deploys (sizes suffice while the device's cookie matches). */
  records?: RecordStore
  /** Ignore the local record and hash every file on the device. */
  rescan?: boolean
  /**
   * Plan from the local record when it names files to send, and let the first write check that the
   * device is as recorded ({@link deploy} falls back to asking when it is not). Off for a plan that
   * is only shown.
   */
  ahead?: boolean
}

/** Device path of the deploy cookie for one app (or the whole project). */
export function cookiePath(layout: DeviceLayout, app?: string): string {
  if (app) return appScope(app, layout).prefix + COOKIE_NAME
  return toDevicePath(COOKIE_NAME, layout)
}

/** A plan with the bytes it needs, ready to carry out. */
export interface PreparedDeploy {
  plan: DeployPlan
  files: Map<string, LocalFileData>
  /** Device path → project path, for mapping tracebacks. */
  deviceToRel: Map<string, string>
  /** Device path → size of what the snapshot found (the cookie included). */
  seen: Map<string, number>
  /** Where to keep the record of this deploy, when the target supports one. */
  record?: { store: RecordStore; key: string; cookie: string }
  /** Planned from the record, not asked ({@link DeployOptions.ahead}): what the first write checks. */
  guard?: SnapshotGuard
}

/**
 * Reads the project, asks the target for its one snapshot (or, with `ahead`, plans from the record
 * and leaves the asking to the first write's guard) and computes the plan. Fails with
 * `APP_NOT_FOUND` when an app is named but has no `__init__.py`, and with `DEVICE_NO_SPACE` before
 * anything is written when the device says the files cannot fit.
 */
export async function prepareDeploy(target: DeployTarget, opts: DeployOptions): Promise<PreparedDeploy> {
  const all = await listProjectFiles(opts.root, opts.app ? `apps/${opts.app}/` : '')
  if (opts.app && !all.includes(`apps/${opts.app}/__init__.py`)) throw new CodedError('APP_NOT_FOUND', `apps/${opts.app}/__init__.py`)
  const sel = selectFiles(all, opts)
  const local = await readProjectFiles(opts.root, sel.deploy)
  const layout = target.layout
  const cookie = cookiePath(layout, opts.app)
  const key = target.identity && opts.records ? `${target.identity}|${opts.root}|${opts.app ?? '*'}` : undefined
  const rec = key && !opts.rescan ? await opts.records!.load(key) : undefined
  const paths = local.map((f) => toDevicePath(f.rel, layout))
  const scopes = sel.apps.map((a) => appScope(a, layout))
  const named = new Set(paths)
  // What this query finds if nothing changed since the record: the recorded files it asks about.
  const asked = (p: string) => named.has(p) || scopes.some((s) => inScope(p, s))
  const sizes = rec?.sizes && Object.fromEntries(Object.entries(rec.sizes).filter(([p]) => asked(p)))
  const check = rec && { path: cookie, token: rec.token, ...(sizes ? { sizes } : {}) }
  const planFrom = (snapshot: DeviceSnapshot) => {
    const seen = new Map(snapshot.files.map((f) => [f.path, f.size]))
    snapshot.files = snapshot.files.filter((f) => f.path !== cookie)
    if (snapshot.sizesOnly && rec) {
      // The cookie proves no deploy wrote since the record: a file of the recorded size has the recorded content.
      for (const f of snapshot.files) {
        const r = rec.files[f.path]
        if (f.hash === null && r && r.size === f.size) f.hash = snapshot.algo === 'sha256' ? r.sha256 : String(r.adler32)
      }
    }
    return { snapshot, seen, plan: computePlan({ files: local, apps: sel.apps, protected: sel.protected, layout, snapshot, delete: opts.delete ?? false }) }
  }
  // Ahead: when the record says which files to send (and nothing to delete), the query is left out
  // and the first write carries its check instead (one round trip less for an edit).
  let guarded = false
  let planned: ReturnType<typeof planFrom> | undefined
  if (opts.ahead && target.checksAhead && target.writeFiles && check && sizes) {
    planned = planFrom({ algo: 'sha256', sizesOnly: true, files: Object.entries(sizes).map(([path, size]) => ({ path, size, hash: null })) })
    guarded = planned.plan.send.length > 0 && planned.plan.delete.length === 0
  }
  if (!guarded) planned = planFrom(await target.snapshot(paths, scopes, check))
  const { snapshot, seen, plan } = planned!
  const onDevice = new Map(snapshot.files.map((f) => [f.path, f.size]))
  let need = 0
  let largest = 0
  for (const s of plan.send) {
    const old = onDevice.get(s.device) ?? 0
    need += s.size - old
    // Temp + rename keeps the old copy until the new one is complete.
    if (target.atomic && old) largest = Math.max(largest, old)
  }
  const freed = plan.delete.reduce((n, d) => n + d.size, 0)
  if (snapshot.freeBytes !== undefined && need + largest > snapshot.freeBytes + freed) {
    throw new CodedError('DEVICE_NO_SPACE', `the files need ${need + largest} bytes; the badge has ${snapshot.freeBytes} free. Nothing was written.`)
  }
  const files = new Map(local.map((f) => [f.rel, f]))
  const deviceToRel = new Map(local.map((f) => [toDevicePath(f.rel, layout), f.rel]))
  const prep: PreparedDeploy = { plan, files, deviceToRel, seen }
  if (key) prep.record = { store: opts.records!, key, cookie }
  if (guarded) prep.guard = { paths, scopes, cookie: { ...check!, sizes: sizes! }, need: need + largest }
  return prep
}

/** Files one at a time through {@link DeployTarget.write}, for targets without `writeFiles`. */
async function writeEach(target: DeployTarget, files: readonly TargetFile[], hooks: WriteFilesHooks): Promise<void> {
  for (const f of files) {
    if (hooks.signal?.aborted) return
    await target.write(f.path, f.data, (n) => hooks.onBytes?.(f.path, n))
    hooks.onWritten(f.path)
  }
}

/** Hooks of {@link executeDeploy}. */
export interface ExecuteHooks {
  onProgress?: (p: DeployProgress) => void
  /**
   * Checked between round trips: when aborted, the deploy stops; files confirmed so far stay, a file
   * in flight is finished (sent in one exec) or dropped with its partial copy (sent in pieces).
   */
  signal?: AbortSignal
}

/**
 * Carries out a prepared plan. Never throws for device failures: the result says what was sent,
 * skipped and deleted, and carries the error (code, message, the device's words). A plan made
 * ahead rejects with {@link DeviceChanged} when the device refuses its first write.
 */
export async function executeDeploy(target: DeployTarget, prep: PreparedDeploy, hooks: ExecuteHooks = {}): Promise<DeployResult> {
  const t0 = Date.now()
  const { plan } = prep
  const result: DeployResult = {
    status: 'done',
    via: target.via,
    sent: [],
    skipped: plan.skip.map((s) => s.rel),
    deleted: [],
    notSent: [],
    bytesSent: 0,
    ms: 0,
  }
  const progress: DeployProgress = { phase: 'sending', filesDone: 0, filesTotal: plan.send.length, bytesDone: 0, bytesTotal: plan.bytesToSend }
  const emit = (p: Partial<DeployProgress>) => hooks.onProgress?.({ ...progress, ...p })
  if (plan.upToDate) {
    result.status = 'up-to-date'
    result.ms = Date.now() - t0
    emit({ phase: 'done' })
    return result
  }
  const token = newToken()
  try {
    // Leftovers of an interrupted deploy go first: they take space, and a send may reuse their names.
    for (const d of plan.delete.filter((x) => x.reason === 'leftover')) {
      await target.remove(d.device)
      result.deleted.push(d.device)
    }
    const bySend = new Map(plan.send.map((s) => [s.device, s]))
    const files = plan.send.map((s) => {
      const f = prep.files.get(s.rel)!
      return { path: s.device, data: f.data, sha256: f.sha256, adler32: f.adler32 }
    })
    const done = (device: string) => {
      const s = bySend.get(device)!
      progress.filesDone++
      progress.bytesDone += s.size
      result.sent.push(s.rel)
      result.bytesSent += s.size
      emit({ file: device })
    }
    const writeHooks: WriteFilesHooks = {
      onWritten: done,
      onBytes: (p, n) => emit({ file: p, bytesDone: progress.bytesDone + n }),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(prep.record ? { cookie: { path: prep.record.cookie, token } } : {}),
      ...(prep.guard ? { guard: prep.guard } : {}),
    }
    try {
      if (files.length) emit({ file: files[0]!.path })
      await (target.writeFiles ? target.writeFiles(files, writeHooks) : writeEach(target, files, writeHooks))
    } catch (e) {
      // Without rename a failed write can leave a partial new file; a new file had nothing to lose.
      const sent = new Set(result.sent)
      const failed = plan.send.find((s) => !sent.has(s.rel))
      const linkDown = isCodedError(e) && (e.code === 'DISCONNECTED' || e.code === 'NOT_CONNECTED')
      if (failed && !target.atomic && failed.reason === 'new' && !linkDown) {
        await target.remove(failed.device).catch(() => undefined)
      }
      throw e
    }
    if (result.sent.length < plan.send.length && hooks.signal?.aborted) result.status = 'cancelled'
    if (result.status !== 'cancelled') {
      for (const d of plan.delete.filter((x) => x.reason !== 'leftover')) {
        if (hooks.signal?.aborted) {
          result.status = 'cancelled'
          break
        }
        emit({ phase: 'deleting', file: d.device })
        await target.remove(d.device)
        result.deleted.push(d.device)
      }
    }
  } catch (e) {
    if (e instanceof DeviceChanged) throw e
    // Cancel stopped a file sent in pieces: its partial copy is gone and the old file stands.
    if (isCodedError(e) && e.code === 'CANCELLED' && hooks.signal?.aborted) result.status = 'cancelled'
    else {
      result.status = 'failed'
      const code = isCodedError(e) ? e.code : 'INTERNAL'
      const detail = isCodedError(e) ? e.detail : e instanceof Error ? e.message : String(e)
      result.error = detail === undefined ? { code, message: ERROR_MESSAGES[code] } : { code, message: ERROR_MESSAGES[code], detail }
    }
  }
  // The device's cookie got the new token with the last file (nothing sent: the old record stays).
  if (result.status === 'done' && prep.record && plan.send.length) {
    const recFiles: Record<string, { size: number; sha256: string; adler32: number }> = {}
    for (const [device, rel] of prep.deviceToRel) {
      const f = prep.files.get(rel)!
      recFiles[device] = { size: f.size, sha256: f.sha256, adler32: f.adler32 }
    }
    // What the next deploy's query finds when nothing changes in between.
    const sizes = Object.fromEntries(prep.seen)
    for (const d of result.deleted) delete sizes[d]
    for (const s of plan.send) sizes[s.device] = s.size
    sizes[prep.record.cookie] = Buffer.byteLength(token)
    // Without the record the next deploy hashes every file: slower, never wrong.
    await prep.record.store.save(prep.record.key, { token, files: recFiles, sizes }).catch(() => undefined)
  }
  const sent = new Set(result.sent)
  result.notSent = plan.send.filter((s) => !sent.has(s.rel)).map((s) => s.rel)
  result.ms = Date.now() - t0
  emit({ phase: 'done' })
  return result
}

/**
 * Plans and carries out a deploy ({@link prepareDeploy}, {@link executeDeploy}), planning ahead from
 * the record where it can; a device that changed since the record refuses the first write, and the
 * deploy asks it and starts again.
 */
export async function deploy(target: DeployTarget, opts: DeployOptions, hooks: ExecuteHooks = {}): Promise<{ prep: PreparedDeploy; result: DeployResult }> {
  let prep = await prepareDeploy(target, { ...opts, ahead: !opts.rescan })
  try {
    return { prep, result: await executeDeploy(target, prep, hooks) }
  } catch (e) {
    if (!(e instanceof DeviceChanged)) throw e
  }
  prep = await prepareDeploy(target, { ...opts, ahead: false })
  return { prep, result: await executeDeploy(target, prep, hooks) }
}
