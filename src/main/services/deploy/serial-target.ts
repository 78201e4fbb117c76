/**
 * Deploying over the serial link: the snapshot is one exec on the device; writes go through the
 * device session (binary-safe, temp + rename where the firmware has rename, verified by hash or size).
 */
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import { BADGE_LAYOUT, FLAT_LAYOUT, type AppScope, type DeviceLayout } from '../../../shared/deploy/layout'
import type { DeviceFileInfo, DeviceSnapshot, HashAlgo } from '../../../shared/deploy/types'
import { parsePythonRepr } from '../../../shared/protocol/python-repr'
import { deviceError } from '../device/device-errors'
import type { DeviceSession } from '../device/device-session'
import type { DeployTarget, TargetFile } from './deploy-target'
import { HELPERS_CLEANUP, batchFeatures, fitsBatch, helperCode, planBatches, writeBatch, type BatchFeatures, type BatchFile } from './batch-writer'
import { snapshotCode } from './snapshot-code'

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
    this.atomic = caps.os.rename && !caps.flatFs
    this.algo = caps.sha256 ? 'sha256' : 'adler32'
  }

  /** Firmware spelling of a device path (bare names on a flat filesystem). */
  private fsName(path: string): string {
    return this.layout.flat ? path.replace(/^\//, '') : path
  }

  async snapshot(paths: readonly string[], scopes: readonly AppScope[]): Promise<DeviceSnapshot> {
    const caps = this.session.capabilities
    const code = snapshotCode(
      { algo: this.algo, flat: this.layout.flat, stat: caps.os.stat, statvfs: caps.os.statvfs },
      paths.map((p) => this.fsName(p)),
      this.layout.flat ? [] : scopes.map((s) => s.dir),
      this.layout.flat ? scopes.map((s) => this.fsName(s.prefix)) : [],
      this.layout.flat ? '/' : this.layout.root,
    )
    const r = await this.session.exec(code, { timeoutMs: 30_000 })
    if (r.stderr) throw deviceError(r.stderr, 'reading what is on the badge')
    const files: DeviceFileInfo[] = []
    let freeBytes: number | undefined
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
      const h = hash instanceof Uint8Array ? Buffer.from(hash).toString('hex') : typeof hash === 'number' ? String(hash >>> 0) : null
      files.push({ path: this.layout.flat ? '/' + name : name, size, hash: h })
    }
    return freeBytes === undefined ? { algo: this.algo, files } : { algo: this.algo, files, freeBytes }
  }

  /**
   * A soft reset gives the writes a clean VM: the whole heap (it matters on small devices) and no
   * file handle left open by an interrupted earlier write, which some firmware then refuses to reuse.
   */
  async beforeWrites(): Promise<void> {
    try {
      await this.session.softReset()
    } catch (e) {
      // A REPL without soft reset (an emulator's) still takes the writes.
      if (!isCodedError(e) || e.code !== 'DEVICE_TIMEOUT') throw e
      await this.session.interrupt()
    }
    if (!this.batches) return
    const r = await this.session.exec(helperCode(this.batch()))
    if (r.stderr) throw deviceError(r.stderr, 'preparing the badge for writing')
  }

  /** Removes the write helpers so their heap goes back to the apps. */
  async afterWrites(): Promise<void> {
    if (this.batches) await this.session.exec(HELPERS_CLEANUP)
  }

  private batch(): BatchFeatures {
    return batchFeatures(this.session, this.layout)
  }

  private asBatch(f: TargetFile): BatchFile {
    return { path: f.path, data: f.data, hash: this.algo === 'sha256' ? f.sha256 : f.adler32 }
  }

  /**
   * Batching pays where code travels at wire speed (raw-paste) or where no byte receiver exists (the
   * WebAssembly REPL). On plain raw REPL with a receiver (old firmware) code is paced at 256 B / 10 ms
   * while the receiver streams raw bytes, so each file is streamed alone there.
   */
  get batches(): boolean {
    const c = this.session.capabilities
    const receiver = c.kbdIntr && c.byteReader !== 'none' && c.platform !== 'webassembly'
    return c.rawPaste || !receiver
  }

  /** Small files travel several per exec; a file too big for one exec goes alone (streamed). */
  group(files: readonly TargetFile[]): TargetFile[][] {
    if (!this.batches) return files.map((f) => [f])
    const feat = this.batch()
    const out: TargetFile[][] = []
    let small: TargetFile[] = []
    const flush = () => {
      if (!small.length) return
      const byPath = new Map(small.map((f) => [f.path, f]))
      for (const b of planBatches(small.map((f) => this.asBatch(f)), feat)) out.push(b.map((x) => byPath.get(x.path)!))
      small = []
    }
    for (const f of files) {
      if (fitsBatch(this.asBatch(f), feat)) small.push(f)
      else {
        flush()
        out.push([f])
      }
    }
    flush()
    return out
  }

  async writeGroup(files: readonly TargetFile[], onWritten: (path: string) => void, onBytes?: (path: string, done: number) => void): Promise<void> {
    const feat = this.batch()
    if (files.length === 1 && (!this.batches || !fitsBatch(this.asBatch(files[0]!), feat))) {
      const f = files[0]!
      await this.write(f.path, f.data, (n) => onBytes?.(f.path, n))
      onWritten(f.path)
      return
    }
    await writeBatch(this.session, files.map((f) => this.asBatch(f)), feat, onWritten)
  }

  async write(path: string, data: Uint8Array, onProgress: (done: number) => void): Promise<void> {
    await this.session.writeFile(path, data, { onProgress: (done) => onProgress(done) })
  }

  async remove(path: string): Promise<void> {
    await this.session.remove(path)
  }
}
