/**
 * Import of the badge's system assets (fonts, shared images, the launcher) from a connected badge
 * (serial or the virtual badge), a mounted BADGER drive or any folder holding a copy of `/system`.
 * Files go into the project (which mirrors `/system`, so the emulator finds them at the same
 * paths) or into a per-user cache shared by all projects.
 */
import { existsSync, promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AssetKind, ImportReport } from '../../../shared/ipc/domains/tools'
import { CodedError } from '../../../shared/ipc/result'
import { checkRelPath } from '../../../shared/project/paths'
import { systemAssetsCacheDir } from '../../emulator/user-dirs'
import type { ProjectFs } from '../project/project-fs'

/** A read-only view of a badge's `/system` volume. Paths are relative to it (`assets/fonts/sins.ppf`). */
export interface AssetSource {
  /** Every file below the root, relative POSIX paths. */
  listFiles(): Promise<string[]>
  read(rel: string): Promise<Uint8Array>
}

/** What a connected device offers (structurally a `DeviceSession`). */
export interface DeviceLike {
  listTree(path?: string): Promise<Array<{ path: string; kind: 'file' | 'dir' }>>
  readFile(path: string): Promise<Uint8Array>
}

/** Which asset kind a `/system`-relative path belongs to, or null for files the import never takes. */
export function assetKindOf(rel: string): AssetKind | null {
  const p = rel.toLowerCase()
  if (/^assets\/fonts\/[^/]+\.(ppf|af)$/.test(p)) return 'fonts'
  if (p.startsWith('assets/') && !p.endsWith('/')) return 'images'
  if (/^apps\/(menu|startup)\//.test(p) || p === 'main.py') return 'launcher'
  return null
}

/**
 * Finds the `/system` root inside a folder the user picked: the folder itself when it holds
 * `assets/` or `apps/`, else a `system/` folder inside it. A folder of font files alone counts as
 * `assets/fonts`. Throws ASSETS_NOT_FOUND otherwise.
 */
export async function folderSource(folder: string): Promise<AssetSource> {
  const st = await fsp.stat(folder).catch(() => null)
  if (!st?.isDirectory()) throw new CodedError('ASSETS_NOT_FOUND', folder)
  const looksLikeRoot = (d: string): boolean => existsSync(path.join(d, 'assets')) || existsSync(path.join(d, 'apps'))
  let root: string | null = looksLikeRoot(folder) ? folder : looksLikeRoot(path.join(folder, 'system')) ? path.join(folder, 'system') : null
  let prefix = ''
  if (!root) {
    const names = await fsp.readdir(folder)
    if (names.some((n) => /\.(ppf|af)$/i.test(n))) {
      root = folder
      prefix = 'assets/fonts/'
    } else {
      throw new CodedError('ASSETS_NOT_FOUND', folder)
    }
  }
  const base = root
  return {
    async listFiles() {
      const out: string[] = []
      const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
        if (depth > 8) return
        for (const e of await fsp.readdir(abs, { withFileTypes: true })) {
          if (e.name.startsWith('.')) continue
          const r = rel ? `${rel}/${e.name}` : e.name
          if (e.isDirectory() && !prefix) await walk(path.join(abs, e.name), r, depth + 1)
          else if (e.isFile()) out.push(prefix + r)
        }
      }
      await walk(base, '', 0)
      return out.sort()
    },
    async read(rel) {
      return fsp.readFile(path.join(base, ...rel.slice(prefix.length).split('/')))
    },
  }
}

/** The `/system` volume of a connected badge (serial link or the virtual badge). */
export function deviceSource(device: DeviceLike, root = '/system'): AssetSource {
  return {
    async listFiles() {
      const entries = await device.listTree(root)
      return entries
        .filter((e) => e.kind === 'file' && e.path.startsWith(`${root}/`))
        .map((e) => e.path.slice(root.length + 1))
        .sort()
    },
    read: (rel) => device.readFile(`${root}/${rel}`),
  }
}

/** Where imported files are written. */
export interface AssetTarget {
  /** Shown in the report. */
  label: string
  exists(rel: string): Promise<boolean>
  write(rel: string, data: Uint8Array): Promise<void>
}

/** A plain folder as the target (the per-user cache). */
export function folderTarget(dir: string): AssetTarget {
  const abs = (rel: string): string => path.join(dir, ...rel.split('/'))
  return {
    label: dir,
    exists: (rel) => fsp.stat(abs(rel)).then(() => true, () => false),
    async write(rel, data) {
      await fsp.mkdir(path.dirname(abs(rel)), { recursive: true })
      const tmp = `${abs(rel)}.${process.pid}.tmp`
      await fsp.writeFile(tmp, data)
      await fsp.rename(tmp, abs(rel))
    },
  }
}

/**
 * The per-user cache of system assets (mirrors `/system`; the emulator overlays it under `/system`
 * for projects without their own fonts): the emulator's folder for the given user-data base.
 */
export function assetCacheDir(userDataDir?: string): string {
  return systemAssetsCacheDir(userDataDir)
}

/** Options of {@link importAssets}. */
export interface ImportOptions {
  /** Kinds to take (default fonts and images). */
  include?: readonly AssetKind[]
  /** Replace files that already exist (default false: they are skipped). */
  overwrite?: boolean
  onProgress?: (done: number, total: number, rel: string) => void
}

/**
 * Copies the selected kinds of system files from `source` to `target`. Paths are checked with the
 * project path rules, so a hostile listing cannot write outside the target. Throws ASSETS_NOT_FOUND
 * when the source has no file of the selected kinds.
 */
export async function importAssets(source: AssetSource, target: AssetTarget, opts: ImportOptions = {}): Promise<ImportReport> {
  const include = new Set(opts.include ?? ['fonts', 'images'])
  const all = await source.listFiles()
  const wanted = all.filter((rel) => {
    const kind = assetKindOf(rel)
    return kind !== null && include.has(kind) && checkRelPath(rel).ok
  })
  if (wanted.length === 0) throw new CodedError('ASSETS_NOT_FOUND', `no ${[...include].join('/')} files found`)
  const report: ImportReport = { target: target.label, copied: [], skipped: [], ignored: all.length - wanted.length }
  let done = 0
  for (const rel of wanted) {
    if (!opts.overwrite && (await target.exists(rel))) report.skipped.push(rel)
    else {
      await target.write(rel, await source.read(rel))
      report.copied.push(rel)
    }
    opts.onProgress?.(++done, wanted.length, rel)
  }
  return report
}

/**
 * Mounted BADGER drives (the badge in USB disk mode): `/media/<user>/BADGER`, `/run/media/<user>/BADGER`,
 * `/Volumes/BADGER`, and drive letters labelled BADGER on Windows are looked for by name only.
 */
export function findBadgerDrives(): string[] {
  const user = os.userInfo().username
  const candidates =
    process.platform === 'win32'
      ? 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:\\`).filter((d) => existsSync(path.join(d, 'apps')) && existsSync(path.join(d, 'assets')))
      : [`/media/${user}/BADGER`, `/run/media/${user}/BADGER`, '/Volumes/BADGER', '/media/BADGER', '/mnt/BADGER']
  return candidates.filter((d) => existsSync(d))
}

/** The open project as the target (it mirrors `/system`), with the project's path checks and atomic writes. */
export function projectTarget(fs: ProjectFs): AssetTarget {
  return {
    label: 'project',
    exists: async (rel) => fsp.lstat((await fs.resolve(rel)).abs).then(() => true, () => false),
    async write(rel, data) {
      await fs.writeFile(rel, data)
    },
  }
}
