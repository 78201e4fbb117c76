/**
 * Registers every contract operation on ipcMain, with the sender check, routed to the core of the
 * window that sent it; each core's events go to its own window only.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { OP_CHANNELS } from '../../shared/ipc/contract'
import { fail } from '../../shared/ipc/result'
import type { AppCore } from '../app-core'
import { isTrustedSender } from '../security/policy'
import type { WindowRegistry } from '../window-registry'

/** Wires the windows' cores (keyed by webContents id) to Electron IPC; returns the unregistration. */
export function registerIpc(windows: WindowRegistry, devServerUrl?: string): () => void {
  for (const channel of OP_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame
      if (!isTrustedSender(frame?.url, frame?.parent === null, devServerUrl)) return fail('UNTRUSTED_SENDER')
      const core = windows.get(event.sender.id)
      return core ? (await core).dispatch(channel, args) : fail('UNTRUSTED_SENDER')
    })
  }
  return () => {
    for (const channel of OP_CHANNELS) ipcMain.removeHandler(channel)
  }
}

/** Sends `core`'s events to its window's `contents` while it lives; returns the unsubscription. */
export function forwardEvents(core: AppCore, contents: WebContents): () => void {
  return core.bus.listen((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload)
  })
}
