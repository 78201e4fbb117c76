/**
 * Deploying over the serial link. The snapshot is one exec on the device (hashes, or, while the
 * deploy cookie matches the local record, a comparison against the recorded sizes). All files of a
 * deploy go to the device writer in one call: several per exec, each checked on the device before
 * it counts, old or new.
 */
import { IMPORT_OS } from '../../../shared/protocol/device-imports'
import { CodedError } from '../../../shared/ipc/result'
import { BADGE_LAYOUT, FLAT_LAYOUT, inScope, type AppScope, type DeviceLayout } from '../../../shared/deploy/layout'
import type { DeviceFileInfo, DeviceSnapshot, HashAlgo } from '../../../shared/deploy/types'
import { parsePythonRepr } from '../../../shared/protocol/python-repr'
import { guardedCode } from '../../../shared/protocol/guarded-code'
import { pyStr } from '../../../shared/protocol/python-literal'
import { deviceError } from '../device/device-errors'
import type { DeviceSession } from '../device/device-session'
import { WriteRefused } from '../device/device-writer'
import { DeviceChanged, type DeployTarget, type SnapshotCookie, type TargetFile, type WriteFilesHooks } from './deploy-target'
import { snapshotCode, type CookieCheck } from './snapshot-code'

/** The layout a connected device gets: the badge's `/system`, or flat names on a folder-less device. */
export function layoutFor(session: Pick<DeviceSession, 'capabilities'>): DeviceLayout {
  return session.capabilities.flatFs ? FLAT_LAYOUT : BADGE_LAYOUT
}

/** A {@link DeployTarget} over a connected device session. */
export class SerialTarget implements DeployTarget {
  readonly via = 'serial' as const
  readonly layout: DeviceLayout
  readonly atomic: boolean
  readonly algo: HashAlgo

  constructor(
    private readonly session: DeviceSession,
    layout?: DeviceLayout,
  ) {
    const caps = session.capabilities
    this.layout = layout ?? layoutFor(session)
    // The device writer replaces a file only once the new one is complete and checked.
    this.atomic = true
    this.algo = caps.sha256 ? 'sha256' : 'adler32'
  }

  /** Firmware spelling of a device path (bare names on a flat filesystem). */
  private fsName(path: string): string {
    return this.layout.flat ? path.replace(/^\//, '') : path
  }

  private fsNames(sizes: Readonly<Record<string, number>>): Record<string, number> {
    return Object.fromEntries(Object.entries(sizes).map(([p, n]) => [this.fsName(p), n]))
  }

  /** Port, firmware and board: which local deploy record belongs to this device. */
  get identity(): string {
    const c = this.session.capabilities
    return `${this.session.transport.path}|${c.platform}|${c.machine}|${c.firmware}`
  }

  /**
   * Writes take a guard where sizes can be read without hashing (the check needs them) and the heap
   * is not small: there a write starts from a soft reset with its helpers sent one by one, and the
   * check would have to compile beside them (the micro:bit runs out of memory).
   */
  get checksAhead(): boolean {
    return this.session.capabilities.os.stat && !this.session.policy.smallHeap
  }

  /** The snapshot's query (or, with `need`, the check of a guard) in the device's own names. */
  private queryCode(paths: readonly string[], scopes: readonly AppScope[], cookie?: SnapshotCookie, need?: number): string {
    const caps = this.session.capabilities
    // Files inside a scope are found by the walk; only the others are named (less code to send).
    const named = paths.filter((p) => !scopes.some((s) => inScope(p, s)))
    const check: CookieCheck | undefined = cookie && { name: this.fsName(cookie.path), token: cookie.token, ...(cookie.sizes ? { sizes: this.fsNames(cookie.sizes) } : {}), ...(need !== undefined ? { need } : {}) }
    return snapshotCode(
      { algo: this.algo, flat: this.layout.flat, stat: caps.os.stat, ilistdir: caps.os.ilistdir, size: caps.os.size, statvfs: caps.os.statvfs },
      named.map((p) => this.fsName(p)),
      this.layout.flat ? [] : scopes.map((s) => s.dir),
      this.layout.flat ? scopes.map((s) => this.fsName(s.prefix)) : [],
      this.layout.flat ? '/' : this.layout.root,
      check,
    )
  }

  async snapshot(paths: readonly string[], scopes: readonly AppScope[], cookie?: SnapshotCookie): Promise<DeviceSnapshot> {
    const code = this.queryCode(paths, scopes, cookie)
    // Damaged code (a UART firmware drops what its 64-byte ring cannot hold) is sent again by execOwn.
    const r = await this.session.execOwn(code, { timeoutMs: 30_000 })
    if (r.stderr) throw deviceError(r.stderr, 'reading what is on the badge')
    const files: DeviceFileInfo[] = []
    let freeBytes: number | undefined
    let sizesOnly = false
    for (const line of r.stdout.split('\n')) {
      const l = line.trim()
      if (!l) continue
      let row: unknown
      try {
        row = parsePythonRepr(l)
      } catch (e) {
        throw new CodedError('PROTOCOL_ERROR', `device snapshot: ${(e as Error).message}`)
      }
      if (!Array.isArray(row) || row.length !== 3 || typeof row[0] !== 'string' || typeof row[1] !== 'number') {
        throw new CodedError('PROTOCOL_ERROR', `device snapshot: unexpected row ${l.slice(0, 80)}`)
      }
      const [name, size, hash] = row as [string, number, unknown]
      if (name === '' && size === -1) {
        if (typeof hash === 'number') freeBytes = hash
        continue
      }
      if (name === '' && size === -4 && cookie) return this.snapshot(paths, scopes) // the cookie is gone: hash everything
      if (name === '' && size === -2) {
        sizesOnly = true
        continue
      }
      if (name === '' && size === -3 && cookie?.sizes) {
        // Exactly the recorded sizes: the device sent one line instead of the files.
        for (const [p, n] of Object.entries(cookie.sizes)) files.push({ path: p, size: n, hash: null })
        continue
      }
      const h = hash instanceof Uint8Array ? Buffer.from(hash).toString('hex') : typeof hash === 'number' ? String(hash >>> 0) : null
      files.push({ path: this.layout.flat ? '/' + name : name, size, hash: h })
    }
    const snap: DeviceSnapshot = { algo: this.algo, files }
    if (freeBytes !== undefined) snap.freeBytes = freeBytes
    if (sizesOnly) snap.sizesOnly = true
    return snap
  }

  /** All files through the device writer: several per exec, helpers sent once; the cookie rides along. */
  async writeFiles(files: readonly TargetFile[], hooks: WriteFilesHooks): Promise<void> {
    const { cookie, guard, ...progress } = hooks
    if (!cookie) return this.session.writeFiles(files, progress)
    const n = pyStr(this.fsName(cookie.path))
    // The guard's check runs first: a device that is not as recorded refuses before anything is touched.
    const check = guard ? this.queryCode(guard.paths, guard.scopes, guard.cookie, guard.need) : ''
    try {
      await this.session.writeFiles(files, {
        ...progress,
        before: `${check}${IMPORT_OS}try:\n os.remove(${n})\nexcept OSError:\n pass\n`,
        after: `_c=open(${n},'w')\n_c.write(${pyStr(cookie.token)})\n_c.close()\ndel _c\n`,
      })
    } catch (e) {
      throw e instanceof WriteRefused ? new DeviceChanged(e.message) : e
    }
  }

  async write(path: string, data: Uint8Array, onProgress: (done: number) => void): Promise<void> {
    await this.session.writeFile(path, data, { onProgress: (done) => onProgress(done) })
  }

  /** Deletes a file; one that is already gone counts as deleted. */
  async remove(path: string): Promise<void> {
    const n = pyStr(this.fsName(path))
    // Guarded: a name that lost a byte would delete some other file.
    const r = await this.session.execOwn(
      guardedCode(`${IMPORT_OS}try:\n os.remove(${n})\nexcept OSError as e:\n try:\n  open(${n}).close()\n except OSError:\n  e=None\n if e:\n  raise e\n`),
    )
    if (r.stderr) throw deviceError(r.stderr, `deleting ${path}`)
  }
}
