/** The Electron implementation of {@link HostShell}: native dialogs and the system browser. */
import { dialog, shell, type BrowserWindow } from 'electron'
import { promises as fsp } from 'node:fs'
import type { HostShell } from '../handlers/host-shell'

/**
 * Builds the shell for `getWindow()` (dialogs are modal to it); `onCloseAnswer` gets the close
 * handshake's answers, `openWindow` opens (or focuses) another window.
 */
export function electronHostShell(getWindow: () => BrowserWindow | null, onCloseAnswer: (proceed: boolean) => void, openWindow: (root: string | null) => Promise<void>): HostShell {
  return {
    trashItem: (abs) => shell.trashItem(abs),
    closeAnswered: onCloseAnswer,
    openWindow,
    async pickFolder() {
      const win = getWindow()
      const opts = { title: 'Open badge project', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> }
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts)
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!
    },
    async saveBytes(defaultName, bytes) {
      const win = getWindow()
      const opts = { defaultPath: defaultName }
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts)
      if (r.canceled || !r.filePath) return null
      await fsp.writeFile(r.filePath, bytes)
      return r.filePath
    },
    async openExternal(url) {
      await shell.openExternal(url)
    },
  }
}
