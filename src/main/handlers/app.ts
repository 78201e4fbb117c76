/** IPC handlers for application-level operations. */
import { CodedError } from '../../shared/ipc/result'
import { isAllowedExternalUrl } from '../../shared/security/external-links'
import type { PartialHandlers } from '../ipc/router'
import type { SettingsStore } from '../services/settings'
import type { HostShell } from './host-shell'

/** Handlers for `app:*`. */
export function appHandlers(settings: SettingsStore, shell: HostShell): PartialHandlers {
  return {
    'app:getSettings': () => settings.get(),
    'app:setSettings': ({ patch }) => settings.set(patch),
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new CodedError('BAD_ARGS', `link not allowed: ${url}`)
      await shell.openExternal(url)
    },
    'app:openWindow': async ({ root }) => {
      if (!shell.openWindow) throw new CodedError('NO_HANDLER', 'no other windows here: use the desktop app')
      await shell.openWindow(root ?? null)
    },
    'app:closeAnswer': ({ proceed }) => shell.closeAnswered?.(proceed),
    'app:saveDialog': ({ defaultName, bytes }) => shell.saveBytes(defaultName, bytes),
  }
}
