/** Registers every contract operation on ipcMain, with the sender check, and forwards events. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { OP_CHANNELS } from '../../shared/ipc/contract'
import { fail } from '../../shared/ipc/result'
import type { AppCore } from '../app-core'
import { isTrustedSender } from '../security/policy'

/** Wires the core to Electron IPC; returns the unregistration. */
export function registerIpc(core: AppCore, getWindow: () => BrowserWindow | null, devServerUrl?: string): () => void {
  for (const channel of OP_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame
      if (!isTrustedSender(frame?.url, frame?.parent === null, devServerUrl)) return fail('UNTRUSTED_SENDER')
      return core.dispatch(channel, args)
    })
  }
  const stop = core.bus.listen((channel, payload) => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload)
  })
  return () => {
    for (const channel of OP_CHANNELS) ipcMain.removeHandler(channel)
    stop()
  }
}
