/**
 * The host shell of the browser mode (`npm run browser-dev`): a page in a browser has no native
 * folder picker or save dialog, so those answer NO_NATIVE_DIALOG and the renderer asks in the page
 * (a folder path) or lets the browser download the bytes.
 */
import { CodedError } from '../../shared/ipc/result'
import type { HostShell } from '../handlers/host-shell'

/** A {@link HostShell} without native dialogs; links are printed for the user to open. */
export function browserShell(log: (line: string) => void = console.log): HostShell {
  return {
    pickFolder: async () => {
      throw new CodedError('NO_NATIVE_DIALOG', 'no folder picker in browser mode')
    },
    saveBytes: async () => {
      throw new CodedError('NO_NATIVE_DIALOG', 'no save dialog in browser mode')
    },
    openExternal: async (url) => log(`open ${url} in your browser`),
  }
}
