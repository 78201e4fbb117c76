/**
 * Deploying over the serial link. The snapshot is one exec on the device (hashes, or sizes while the
 * deploy cookie matches the local record). Small files travel several per exec through the batch
 * writer, each checked on the device before it counts (one exec per file or better, against the
 * several execs of a separate open/write/verify); a file too big for one exec goes through the device
 * session's streaming write. Either way writes are binary-safe, atomic where the firmware can rename,
 * and verified.
 */
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import { BADGE_LAYOUT, FLAT_LAYOUT, inScope, type AppScope, type DeviceLayout } from '../../../shared/deploy/layout'
import type { DeviceFileInfo, DeviceSnapshot, HashAlgo } from '../../../shared/deploy/types'
import { parsePythonRepr } from '../../../shared/protocol/python-repr'
import { guardedCode } from '../../../shared/protocol/guarded-code'
import { pyStr } from '../../../shared/protocol/python-literal'
import { deviceError } from '../device/device-errors'
import type { DeviceSession } from '../device/device-session'
import type { DeployTarget, TargetFile } from './deploy-target'
import { HELPERS_CLEANUP, batchFeatures, fitsBatch, helperCode, planBatches, writeBatch, writeChunked, type BatchFeatures, type BatchFile } from './batch-writer'
import { snapshotCode } from './snapshot-code'
import { COLLECT_GARBAGE, runWithRoom } from '../device/heap-room'

/** Errors that mean the code arrived damaged (worth one paced retry). */
function isDamage(e: unknown): boolean {
  if (!isCodedError(e)) return false
  return e.code === 'VERIFY_FAILED' || e.code === 'PROTOCOL_ERROR' || (e.code === 'DEVICE_ERROR' && /SyntaxError|IndentationError/.test(e.detail ?? ''))
}

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
  /** Batches go unpaced until one arrives damaged (then mpremote's 256 B / 10 ms for this target). */
  private burstsOk = true

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

  /**
   * Runs `fn` with plain raw mode unpaced: a USB or emulated REPL reads input in C into a large
   * buffer; a UART firmware (micro:bit, 64-byte ring) drops bytes now and then, and own code that
   * arrives damaged is sent again through echo-paced paste mode (RawRepl.execOwn).
   */
  private async unpaced<T>(fn: () => Promise<T>): Promise<T> {
    const c = this.session.capabilities
    const repl = this.session.repl
    if (c.rawPaste || !repl) return fn()
    const pacing = repl.plainPacing
    repl.setPlainPacing(1 << 20, 0)
    try {
      return await fn()
    } finally {
      repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
    }
  }

  /** Port, firmware and board: which local deploy record belongs to this device. */
  get identity(): string {
    const c = this.session.capabilities
    return `${this.session.transport.path}|${c.platform}|${c.machine}|${c.firmware}`
  }

  async snapshot(paths: readonly string[], scopes: readonly AppScope[], cookie?: { path: string; token: string }): Promise<DeviceSnapshot> {
    const caps = this.session.capabilities
    // Files inside a scope are found by the walk; only the others are named (less code to send).
    const named = paths.filter((p) => !scopes.some((s) => inScope(p, s)))
    const code = snapshotCode(
      { algo: this.algo, flat: this.layout.flat, stat: caps.os.stat, size: caps.os.size, statvfs: caps.os.statvfs },
      named.map((p) => this.fsName(p)),
      this.layout.flat ? [] : scopes.map((s) => s.dir),
      this.layout.flat ? scopes.map((s) => this.fsName(s.prefix)) : [],
      this.layout.flat ? '/' : this.layout.root,
      cookie ? { name: this.fsName(cookie.path), token: cookie.token } : undefined,
    )
    // Damaged code (a UART firmware drops what its 64-byte ring cannot hold) is sent again by execOwn.
    const query = () => this.unpaced(() => this.session.execOwn(code, { timeoutMs: 30_000 }))
    // A small heap that earlier file operations fragmented may have no room to parse the query:
    // collect and ask again, then (small heaps only) soft-reset.
    const r = await runWithRoom(query, {
      collect: () => this.session.execOwn(COLLECT_GARBAGE),
      ...(this.smallHeap ? { cleanVm: () => this.softReset() } : {}),
    })
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
      if (name === '' && size === -2) {
        sizesOnly = true
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

  /** A heap this small fragments after a few writes; it gets a soft reset around them. */
  private get smallHeap(): boolean {
    return this.session.capabilities.memFree > 0 && this.session.capabilities.memFree < 65_536
  }

  private async softReset(): Promise<void> {
    try {
      await this.session.softReset()
    } catch (e) {
      // A REPL without soft reset (an emulator's) still takes the writes.
      if (!isCodedError(e) || e.code !== 'DEVICE_TIMEOUT') throw e
      await this.session.interrupt()
    }
  }

  /** Removes the deploy cookie and defines the batch helpers, in one exec (after a soft reset on a small heap). */
  async beforeWrites(cookie?: string): Promise<void> {
    if (this.smallHeap) await this.softReset()
    let code = ''
    if (cookie) code += `try:\n import os\nexcept ImportError:\n import uos as os\ntry:\n os.remove(${pyStr(this.fsName(cookie))})\nexcept OSError:\n pass\n`
    code += helperCode(this.batch())
    // Guarded: a helper that lost a byte on the way can still compile, and misbehave when called.
    const r = await this.session.execOwn(guardedCode(code))
    if (r.stderr) throw deviceError(r.stderr, 'preparing the badge for writing')
  }

  /** Removes the write helpers so their heap goes back to the apps. */
  async afterWrites(cookie?: { path: string; token: string }): Promise<void> {
    let code = HELPERS_CLEANUP
    if (cookie) code += `_c=open(${pyStr(this.fsName(cookie.path))},'w')\n_c.write(${pyStr(cookie.token)})\n_c.close()\ndel _c\n`
    const r = await this.session.execOwn(code)
    if (r.stderr) throw deviceError(r.stderr, 'finishing the deploy')
    // Leave a small heap whole for whatever runs next.
    if (this.smallHeap) await this.softReset()
  }

  private batch(): BatchFeatures {
    return batchFeatures(this.session, this.layout)
  }

  private asBatch(f: TargetFile): BatchFile {
    return { path: f.path, data: f.data, hash: this.algo === 'sha256' ? f.sha256 : f.adler32 }
  }

  /** Small files travel several per exec; a file too big for one exec goes alone (streamed). */
  group(files: readonly TargetFile[]): TargetFile[][] {
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
    const c = this.session.capabilities
    const repl = this.session.repl
    // Plain raw mode paces code at 256 B / 10 ms; a REPL that reads input in C into a large buffer
    // takes code whole at full speed. So does a UART firmware (64-byte ring) most of the time: what
    // arrives damaged there is sent again through echo-paced paste mode (RawRepl.execOwn).
    const burst = this.burstsOk && !c.rawPaste && repl !== undefined
    if (files.length === 1 && !fitsBatch(this.asBatch(files[0]!), feat)) {
      const f = files[0]!
      // A raw-byte receiver (USB firmware) streams big files faster than any code can carry them.
      if (c.kbdIntr && c.byteReader === 'stdin' && c.platform !== 'webassembly') {
        await this.write(f.path, f.data, (n) => onBytes?.(f.path, n))
        onWritten(f.path)
        return
      }
      const pacing = burst ? repl.plainPacing : undefined
      if (burst) repl.setPlainPacing(1 << 20, 0)
      try {
        await writeChunked(this.session, this.asBatch(f), feat, onWritten, (p, n) => onBytes?.(p, n))
      } catch (e) {
        // Damaged code: the device refused the file, so write it again from the start, paced.
        if (!isDamage(e)) throw e
        if (burst) this.burstsOk = false
        if (pacing) repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
        await writeChunked(this.session, this.asBatch(f), feat, onWritten, (p, n) => onBytes?.(p, n))
      } finally {
        if (pacing) repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
      }
      return
    }
    const batch = files.map((f) => this.asBatch(f))
    const confirmed = new Set<string>()
    const note = (p: string) => {
      confirmed.add(p)
      onWritten(p)
    }
    const pacing = burst ? repl.plainPacing : undefined
    if (burst) repl.setPlainPacing(1 << 20, 0)
    try {
      await writeBatch(this.session, batch, feat, note)
    } catch (e) {
      // The device checks every file before it counts, so damaged code shows up here: retry the rest once, paced.
      if (!isDamage(e)) throw e
      if (burst) this.burstsOk = false
      if (pacing) repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
      await writeBatch(this.session, batch.filter((b) => !confirmed.has(b.path)), feat, note)
    } finally {
      if (pacing) repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
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
      guardedCode(`try:\n import os\nexcept ImportError:\n import uos as os\ntry:\n os.remove(${n})\nexcept OSError as e:\n try:\n  open(${n}).close()\n except OSError:\n  e=None\n if e:\n  raise e\n`),
    )
    if (r.stderr) throw deviceError(r.stderr, `deleting ${path}`)
  }
}
