/**
 * The sandboxed preload: exposes exactly the contract's operations and events as `window.badge`,
 * over ipcRenderer. Never exposes ipcRenderer itself or the raw IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createClient, type Transport } from '../shared/ipc/client'

const transport: Transport = {
  invoke: (channel, args) => ipcRenderer.invoke(channel, args),
  subscribe: (channel, listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => ipcRenderer.removeListener(channel, wrapped)
  },
}

contextBridge.exposeInMainWorld('badge', createClient(transport))
