/** IPC handlers for `tools:*`: new-app wizard, launcher, secrets form, icon editor, system assets. */
import { CodedError } from '../../shared/ipc/result'
import { ICON_SIZE } from '../../shared/tools/icon'
import type { Emit } from '../ipc/event-bus'
import type { PartialHandlers } from '../ipc/router'
import type { ProjectService } from '../services/project/project-service'
import {
  assetCacheDir, deviceSource, findBadgerDrives, folderSource, folderTarget, importAssets, projectTarget, type DeviceLike,
} from '../services/tools/asset-import'
import { loadIcon, saveIcon } from '../services/tools/icon-file'
import { installPackage, listPackages } from '../services/tools/package-install'
import { createApp, launcherStatus } from '../services/tools/scaffold'
import { readSecrets, writeSecrets } from '../services/tools/secrets-file'
import { TEMPLATES } from '../services/tools/templates'

/** What the tools handlers need. */
export interface ToolsDeps {
  project: ProjectService
  userDataDir: string
  emit?: Emit
  /** Native folder picker (for importing from a folder without a path); null when cancelled. */
  pickFolder?: () => Promise<string | null>
  /** The connected badge (serial or virtual); throws NOT_CONNECTED when there is none. */
  device?: () => DeviceLike
}

/** Handlers for `tools:*`. Secrets are returned masked unless `reveal` is set, and never logged. */
export function toolsHandlers(deps: ToolsDeps): PartialHandlers {
  const { project } = deps
  return {
    'tools:templates': () => TEMPLATES.map((t) => ({ ...t })),
    'tools:launcher': () => launcherStatus(project.files),
    'tools:newApp': ({ slug, template, title, iconRgba }) => {
      const icon = iconRgba === undefined ? undefined : { width: ICON_SIZE, height: ICON_SIZE, data: iconRgba }
      return createApp(project.files, {
        slug,
        ...(template !== undefined ? { template } : {}),
        ...(title !== undefined ? { title } : {}),
        ...(icon ? { icon } : {}),
      })
    },
    'tools:readSecrets': ({ reveal }) => readSecrets(project.files, { reveal: reveal === true }),
    'tools:writeSecrets': ({ entries, remove }) => writeSecrets(project.files, entries, remove ?? []),
    'tools:loadIcon': ({ path }) => loadIcon(project.files, path),
    'tools:saveIcon': ({ path, width, height, rgba, format }) => saveIcon(project.files, path, width, height, rgba, format ?? 'auto'),
    'tools:badgerDrives': () => findBadgerDrives(),
    'tools:importAssets': async ({ source, folder, include, target, overwrite }) => {
      let src
      if (source === 'device') {
        if (!deps.device) throw new CodedError('NOT_CONNECTED')
        src = deviceSource(deps.device())
      } else {
        const chosen = folder ?? (deps.pickFolder ? await deps.pickFolder() : null)
        if (!chosen) throw new CodedError('CANCELLED')
        src = await folderSource(chosen)
      }
      const dest = target === 'cache' ? folderTarget(assetCacheDir(deps.userDataDir)) : projectTarget(project.files)
      return importAssets(src, dest, {
        ...(include ? { include } : {}),
        overwrite: overwrite === true,
        onProgress: (done, total, path) => deps.emit?.('tools:importProgress', { done, total, path }),
      })
    },
    'tools:listPackages': () => listPackages(),
    'tools:installPackage': ({ app, spec, force }) =>
      installPackage(project.files, {
        app,
        spec,
        force: force === true,
        onProgress: (message) => deps.emit?.('tools:packageProgress', { message }),
      }),
  }
}
