/** Composition root of the Electron main process: build the core, wire IPC, open the window. */
import { app, BrowserWindow } from 'electron'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import emulatorWorkerPath from './emulator/worker/worker?modulePath'
import { setWasmDir } from './emulator/wasm-files'
import { setEmulatorWorkerSpec } from './emulator/worker-url'
import { createAppCore } from './app-core'
import { electronHostShell } from './electron/host-shell'
import { registerIpc } from './electron/ipc'
import { installMenu } from './electron/menu'
import { registerAppScheme, serveRenderer } from './electron/protocol'
import { createMainWindow } from './electron/window'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
let mainWindow: BrowserWindow | null = null

registerAppScheme()
// The emulator worker is the chunk electron-vite built; the interpreter ships beside the app.
setEmulatorWorkerSpec({ url: pathToFileURL(emulatorWorkerPath), execArgv: [] })
setWasmDir(app.isPackaged ? path.join(process.resourcesPath, 'wasm') : path.join(app.getAppPath(), 'wasm'))

app.whenReady().then(async () => {
  serveRenderer(path.join(__dirname, '../renderer'))
  const core = await createAppCore({ userDataDir: app.getPath('userData'), shell: electronHostShell(() => mainWindow) })
  registerIpc(core, () => mainWindow, devServerUrl)
  installMenu(core, () => mainWindow)
  const open = () => {
    mainWindow = createMainWindow(path.join(__dirname, '../preload/index.js'), devServerUrl)
    mainWindow.on('closed', () => (mainWindow = null))
  }
  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  app.on('before-quit', () => void core.dispose())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
