/**
 * Deploying to the badge's USB drive (disk mode). The drive is the badge's `/system`, so device path
 * `/system/apps/x/a.py` is `<mount>/apps/x/a.py`. Writes go to a temporary name, are flushed and read
 * back (SHA-256) before the rename makes them count; the serial link is not used.
 */
import { createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import { BADGE_LAYOUT, type AppScope, type DeviceLayout } from '../../../shared/deploy/layout'
import { TEMP_SUFFIX } from '../../../shared/deploy/plan'
import type { DeviceFileInfo, DeviceSnapshot } from '../../../shared/deploy/types'
import { CodedError } from '../../../shared/ipc/result'
import type { DeployTarget } from './deploy-target'

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Maps a Node file-system error on the drive to a stable code, keeping the OS words. */
function driveError(e: unknown, what: string): CodedError {
  const code = (e as NodeJS.ErrnoException).code
  const detail = `${what}: ${(e as Error).message}`
  if (code === 'ENOSPC') return new CodedError('DEVICE_NO_SPACE', detail)
  if (code === 'ENOENT') return new CodedError('DISCONNECTED', detail)
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new CodedError('PERMISSION_DENIED', detail)
  return new CodedError('DEVICE_OSERROR', detail)
}

/** A {@link DeployTarget} writing files on the mounted drive. */
export class DiskTarget implements DeployTarget {
  readonly via = 'disk' as const
  readonly layout: DeviceLayout = BADGE_LAYOUT
  readonly atomic = true

  constructor(
    /** Mount point of the badge's drive. */
    readonly mount: string,
  ) {}

  /** Host path of a device path under `/system`. */
  hostPath(devicePath: string): string {
    const root = this.layout.root + '/'
    if (!devicePath.startsWith(root)) throw new CodedError('DEVICE_PATH_INVALID', `${devicePath} is not on the badge's drive (${this.layout.root})`)
    const rel = devicePath.slice(root.length).split('/')
    if (rel.some((p) => p === '' || p === '.' || p === '..')) throw new CodedError('DEVICE_PATH_INVALID', devicePath)
    return path.join(this.mount, ...rel)
  }

  private async info(devicePath: string): Promise<DeviceFileInfo | null> {
    try {
      const data = await fsp.readFile(this.hostPath(devicePath))
      return { path: devicePath, size: data.length, hash: sha256(data) }
    } catch {
      return null
    }
  }

  async snapshot(paths: readonly string[], scopes: readonly AppScope[]): Promise<DeviceSnapshot> {
    try {
      await fsp.access(this.mount)
    } catch (e) {
      throw driveError(e, `the drive at ${this.mount}`)
    }
    const seen = new Set<string>()
    const files: DeviceFileInfo[] = []
    const add = async (p: string) => {
      if (seen.has(p)) return
      seen.add(p)
      const i = await this.info(p)
      if (i) files.push(i)
    }
    for (const p of paths) await add(p)
    const walk = async (dev: string): Promise<void> => {
      const entries = await fsp.readdir(this.hostPath(dev), { withFileTypes: true }).catch(() => [])
      for (const d of entries) {
        const p = `${dev}/${d.name}`
        if (d.isDirectory()) await walk(p)
        else if (d.isFile()) await add(p)
      }
    }
    for (const s of scopes) await walk(s.dir)
    const st = await fsp.statfs(this.mount).catch(() => undefined)
    return st ? { algo: 'sha256', files, freeBytes: st.bavail * st.bsize } : { algo: 'sha256', files }
  }

  async write(devicePath: string, data: Uint8Array, onProgress: (done: number) => void): Promise<void> {
    const target = this.hostPath(devicePath)
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}${TEMP_SUFFIX}`)
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true })
      const fh = await fsp.open(tmp, 'w')
      try {
        const chunk = 64 * 1024
        for (let off = 0; off < data.length; off += chunk) {
          const part = data.subarray(off, Math.min(data.length, off + chunk))
          await fh.write(part, 0, part.length)
          onProgress(off + part.length)
        }
        // FAT on a USB drive caches aggressively; flush before the rename so the rename never points at unwritten data.
        await fh.sync()
      } finally {
        await fh.close()
      }
      const back = await fsp.readFile(tmp)
      if (sha256(back) !== sha256(data)) throw new CodedError('VERIFY_FAILED', `${devicePath}: the drive returned different bytes`)
      await fsp.rename(tmp, target)
      if (data.length === 0) onProgress(0)
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined)
      if (e instanceof CodedError) throw e
      throw driveError(e, `writing ${devicePath}`)
    }
  }

  async remove(devicePath: string): Promise<void> {
    try {
      await fsp.unlink(this.hostPath(devicePath))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
      throw driveError(e, `deleting ${devicePath}`)
    }
  }
}
