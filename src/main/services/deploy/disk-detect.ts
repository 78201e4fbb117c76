/**
 * Finding the badge's USB drive (disk mode): a volume labelled `BADGER`. Linux: /proc/mounts (a
 * mount point named BADGER, or the device behind /dev/disk/by-label/BADGER); macOS: /Volumes/BADGER;
 * Windows: the drive whose volume label is BADGER. Every system call is injectable for tests.
 */
import { execFile } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import path from 'node:path'

/** The volume label of the badge's drive. */
export const BADGE_VOLUME_LABEL = 'BADGER'

/** Returns the mount point of the badge's drive, or null when it is not mounted. */
export type DiskDetector = () => Promise<string | null>

/** System access the detector uses (real by default). */
export interface DetectorSystem {
  platform: NodeJS.Platform
  readFile(p: string): Promise<string>
  realpath(p: string): Promise<string>
  isDir(p: string): Promise<boolean>
  /** Runs a command and returns its stdout ('' on failure). */
  run(cmd: string, args: string[]): Promise<string>
}

const realSystem: DetectorSystem = {
  platform: process.platform,
  readFile: (p) => fsp.readFile(p, 'utf8'),
  realpath: (p) => fsp.realpath(p),
  isDir: async (p) => (await fsp.stat(p).catch(() => null))?.isDirectory() ?? false,
  run: (cmd, args) =>
    new Promise((resolve) => {
      execFile(cmd, args, { timeout: 3000, windowsHide: true }, (err, stdout) => resolve(err ? '' : String(stdout)))
    }),
}

/** /proc/mounts escapes spaces and tabs as octal (`\040`). */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))
}

/** Mount point of `label` in /proc/mounts text: by mount point name, or by the labelled device. */
export function findLinuxMount(procMounts: string, label: string, labelDevice?: string): string | null {
  for (const line of procMounts.split('\n')) {
    const [dev, mnt] = line.split(' ')
    if (!dev || !mnt) continue
    const m = unescapeMount(mnt)
    if (labelDevice && unescapeMount(dev) === labelDevice) return m
    if (path.posix.basename(m) === label) return m
  }
  return null
}

/** Drive (e.g. `E:\`) with volume label `label` in `wmic logicaldisk get Name,VolumeName` output. */
export function findWindowsDrive(wmicOutput: string, label: string): string | null {
  for (const line of wmicOutput.split(/\r?\n/)) {
    const m = /^([A-Za-z]:)\s+(.*\S)\s*$/.exec(line.trim())
    if (m && m[2] === label) return `${m[1]}\\`
  }
  return null
}

/** Builds a detector for the badge's drive on this system (or on `sys`, for tests). */
export function createDiskDetector(sys: Partial<DetectorSystem> = {}, label = BADGE_VOLUME_LABEL): DiskDetector {
  const s: DetectorSystem = { ...realSystem, ...sys }
  return async () => {
    if (s.platform === 'linux') {
      const mounts = await s.readFile('/proc/mounts').catch(() => '')
      const dev = await s.realpath(`/dev/disk/by-label/${label}`).catch(() => undefined)
      return findLinuxMount(mounts, label, dev)
    }
    if (s.platform === 'darwin') return (await s.isDir(`/Volumes/${label}`)) ? `/Volumes/${label}` : null
    if (s.platform === 'win32') {
      const viaWmic = findWindowsDrive(await s.run('wmic', ['logicaldisk', 'get', 'Name,VolumeName']), label)
      if (viaWmic) return viaWmic
      // wmic is gone from recent Windows 11 builds; PowerShell answers there.
      const letter = (await s.run('powershell', ['-NoProfile', '-Command', `(Get-Volume -FileSystemLabel '${label}').DriveLetter`])).trim()
      return /^[A-Za-z]$/.test(letter) ? `${letter.toUpperCase()}:\\` : null
    }
    return null
  }
}

/** A detector that never finds a drive (CLI `--no-disk`, tests). */
export const noDisk: DiskDetector = async () => null
