/** IPC handlers for project operations. */
import path from 'node:path'
import { CodedError } from '../../shared/ipc/result'
import type { PartialHandlers } from '../ipc/router'
import type { ProjectService } from '../services/project/project-service'
import type { UnsavedCopies } from '../services/project/unsaved-copies'
import type { SettingsStore } from '../services/settings'
import type { HostShell } from './host-shell'

/** Handlers for `project:*`. */
export function projectHandlers(project: ProjectService, settings: SettingsStore, shell: HostShell, unsaved: UnsavedCopies): PartialHandlers {
  return {
    'project:open': async ({ root }) => {
      const chosen = root ?? (await shell.pickFolder())
      if (!chosen) throw new CodedError('CANCELLED')
      // The detail names the folder, so the renderer can bring that window to the front.
      if (shell.shownElsewhere?.(chosen)) throw new CodedError('PROJECT_IN_OTHER_WINDOW', path.resolve(chosen))
      return project.open(chosen)
    },
    'project:current': () => project.current(),
    'project:recent': () => settings.recent(),
    'project:tree': () => project.files.tree(),
    'project:readFile': ({ path }) => project.files.readFile(path),
    'project:writeFile': ({ path, text, bytes, expectMtimeMs }) => {
      const data = text ?? bytes
      if (data === undefined) throw new CodedError('BAD_ARGS', 'text or bytes is required')
      return project.files.writeFile(path, data, expectMtimeMs === undefined ? {} : { expectMtimeMs })
    },
    'project:create': ({ path, kind }) => project.files.create(path, kind),
    'project:rename': ({ from, to }) => project.files.rename(from, to),
    'project:keepUnsaved': async ({ path, text, baseMtimeMs }) => {
      const { rel } = await project.files.resolve(path)
      await unsaved.keep(project.files.root, { path: rel, text, baseMtimeMs })
    },
    'project:forgetUnsaved': async ({ path }) => {
      const root = project.files.root
      await unsaved.forget(root, path === undefined ? undefined : (await project.files.resolve(path)).rel)
    },
    'project:unsaved': () => unsaved.list(project.files.root),
    'project:delete': async ({ path, permanent }) => {
      if (permanent) return project.files.delete(path)
      if (!shell.trashItem) throw new CodedError('TRASH_UNAVAILABLE', path)
      const { abs } = await project.files.resolve(path)
      try {
        await shell.trashItem(abs)
      } catch (e) {
        throw new CodedError('TRASH_UNAVAILABLE', `${path}: ${e instanceof Error ? e.message : String(e)}`)
      }
    },
  }
}
