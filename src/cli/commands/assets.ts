/**
 * `badge-ide assets <project> (--from <folder> | --port <path>)`: copies the badge's system assets
 * (fonts, images, optionally the launcher) into the project (or with `--cache` into the per-user
 * cache), from a BADGER drive, a folder holding a copy of /system, or a connected badge
 * ("virtual" for the virtual badge).
 */
import type { Command } from 'commander'
import type { AssetKind } from '../../shared/ipc/domains/tools'
import { CodedError } from '../../shared/ipc/result'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { ProjectFs } from '../../main/services/project/project-fs'
import {
  assetCacheDir, deviceSource, findBadgerDrives, folderSource, folderTarget, importAssets, projectTarget, type AssetSource,
} from '../../main/services/tools/asset-import'
import type { RegisterCommand } from './index'

const KINDS: readonly AssetKind[] = ['fonts', 'images', 'launcher']

/** Registers `assets`. */
export const registerAssets: RegisterCommand = (program: Command) => {
  program
    .command('assets')
    .description('Import the badge\'s system assets (fonts, images, launcher) into a project')
    .argument('[project]', 'project folder (omit with --cache)')
    .option('-f, --from <folder>', 'a BADGER drive or a folder with a copy of /system (default: a mounted BADGER drive)')
    .option('-p, --port <path>', 'read from a connected badge instead (serial port path or "virtual")')
    .option('-i, --include <kinds>', `comma-separated: ${KINDS.join(', ')}`, 'fonts,images')
    .option('--cache', 'copy into the per-user asset cache (used by every project without its own fonts) instead')
    .option('--overwrite', 'replace files that already exist')
    .action(async (project: string | undefined, o: { from?: string; port?: string; include: string; cache?: boolean; overwrite?: boolean }) => {
      const include = o.include.split(',').map((k) => k.trim()).filter(Boolean)
      const bad = include.filter((k) => !KINDS.includes(k as AssetKind))
      if (bad.length || include.length === 0) throw new CodedError('BAD_ARGS', `--include takes ${KINDS.join(', ')}`)
      if (!o.cache && !project) throw new CodedError('BAD_ARGS', 'give a project folder, or --cache')
      const target = o.cache ? folderTarget(assetCacheDir()) : projectTarget(await ProjectFs.open(project!))
      const run = async (src: AssetSource): Promise<void> => {
        const r = await importAssets(src, target, { include: include as AssetKind[], overwrite: o.overwrite === true })
        if (o.cache) process.stdout.write(`into ${target.label}\n`)
        for (const f of r.copied) process.stdout.write(`copied ${f}\n`)
        process.stdout.write(`${r.copied.length} copied, ${r.skipped.length} already there (use --overwrite to replace)\n`)
      }
      if (o.port) return withDeviceSession(o.port, (s) => run(deviceSource(s)))
      const folder = o.from ?? findBadgerDrives()[0]
      if (!folder) throw new CodedError('ASSETS_NOT_FOUND', 'no BADGER drive is mounted: pass --from <folder> or --port <path>')
      await run(await folderSource(folder))
    })
}
