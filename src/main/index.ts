/** Composition root of the Electron main process: build the core, wire IPC, open the window. */
import { app, BrowserWindow, clipboard, dialog, screen, shell } from 'electron'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import emulatorWorkerPath from './emulator/worker/worker?modulePath'
import { setWasmDir } from './emulator/wasm-files'
import { setEmulatorWorkerSpec } from './emulator/worker-url'
import { createAppCore, type AppCore } from './app-core'
import { closeLog, log, openLog } from './services/log/logger'
import { closeStep, INITIAL_CLOSE_STATE, type CloseAction, type CloseEvent } from './electron/close-flow'
import { electronHostShell } from './electron/host-shell'
import { registerIpc } from './electron/ipc'
import { installMenu } from './electron/menu'
import { aboutText, UDEV_RULE_TARGET, usbSetupMessage } from './electron/menu-template'
import { DOCS_URL } from '../shared/commands'
import { buildProgram, main as cliMain } from '../cli/main'
import { cliArgs } from './electron/cli-mode'
import { registerAppScheme, serveRenderer } from './electron/protocol'
import { projectArgument, secondInstanceAction } from './electron/single-instance'
import { createMainWindow } from './electron/window'
import { boundsToSave, restoreBounds } from './electron/window-state'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
let mainWindow: BrowserWindow | null = null
let core: AppCore | null = null
let closeState = INITIAL_CLOSE_STATE

/** Feeds the close handshake and carries out what it decides (see close-flow.ts). */
function closeEvent(e: CloseEvent, preventable?: { preventDefault(): void }): void {
  const { state, actions } = closeStep(closeState, e)
  closeState = state
  for (const a of actions) runCloseAction(a, preventable)
}

function runCloseAction(a: CloseAction, preventable?: { preventDefault(): void }): void {
  const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null
  if (a === 'prevent') preventable?.preventDefault()
  else if (a === 'ask') {
    if (win) win.webContents.send('app:closeRequest', { reason: closeState.asking ?? 'close' })
    else closeEvent({ type: 'rendererGone' })
  } else if (a === 'closeWindow') win?.close()
  else if (a === 'dispose') void (core?.dispose() ?? Promise.resolve()).catch(() => undefined).finally(() => closeEvent({ type: 'disposed' }))
  else if (a === 'quit') {
    log('main').info('quit')
    closeLog()
    app.quit()
  }
}

// The monitor logs without changing what an uncaught exception does.
process.on('uncaughtExceptionMonitor', (e) => log('main').fatal({ err: e }, 'uncaught exception'))
process.on('unhandledRejection', (e) => log('main').error({ err: e }, 'unhandled rejection'))

// The emulator worker is the chunk electron-vite built; the interpreter ships beside the app.
setEmulatorWorkerSpec({ url: pathToFileURL(emulatorWorkerPath), execArgv: [] })
const wasmDir = app.isPackaged ? path.join(process.resourcesPath, 'wasm') : path.join(app.getAppPath(), 'wasm')
setWasmDir(wasmDir)

/** `badge-ide <command>` from a terminal (the deb's /usr/bin/badge-ide): the CLI, no window. */
async function runCli(args: string[]): Promise<void> {
  await openLog(path.join(app.getPath('userData'), 'logs')).catch(() => undefined)
  const code = await cliMain(['badge-ide', 'badge-ide', ...args])
  closeLog()
  app.exit(code)
}

/** Help → Set Up USB Access…: the udev rule's install commands (the deb installs it itself), with a Copy button. */
async function showUsbSetup(): Promise<void> {
  const rule = app.isPackaged ? path.join(process.resourcesPath, 'resources', '99-badge-ide.rules') : path.join(app.getAppPath(), 'resources', '99-badge-ide.rules')
  const m = usbSetupMessage(process.platform, rule, existsSync(UDEV_RULE_TARGET))
  const opts = { type: 'info' as const, title: 'USB access', message: m.message, detail: m.detail, buttons: m.commands ? ['Copy Commands', 'Close'] : ['OK'] }
  const r = mainWindow ? await dialog.showMessageBox(mainWindow, opts) : await dialog.showMessageBox(opts)
  if (m.commands && r.response === 0) clipboard.writeText(m.commands)
}

/** Help → About: the versions of the app, Electron and the MicroPython WebAssembly build. */
async function showAbout(): Promise<void> {
  const pinned = await readFile(path.join(wasmDir, 'VERSIONS.json'), 'utf8').then((t) => (JSON.parse(t) as { version?: string }).version).catch(() => undefined)
  const detail = aboutText({
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    micropython: pinned ?? 'unknown',
  })
  const opts = { type: 'info' as const, title: 'About Badge IDE', message: 'Badge IDE', detail, buttons: ['OK'] }
  if (mainWindow) await dialog.showMessageBox(mainWindow, opts)
  else await dialog.showMessageBox(opts)
}

const cli = cliArgs(process.argv, process.defaultApp === true, buildProgram().commands.map((c) => c.name()))
if (cli) void runCli(cli)
else startWindow()

/** The IDE: the app:// scheme, the core, IPC, the menu and the window, and the close/quit handshake. */
function startWindow(): void {
  // One IDE per user: a second start gives the first its project folder and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', (_e, argv, cwd) => {
    const act = secondInstanceAction(argv, process.defaultApp === true, cwd, core?.project.root ?? null)
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
    if (act.open) core?.bus.emit('app:openProject', { root: act.open })
  })
  registerAppScheme()
  app.whenReady().then(async () => {
    await openLog(path.join(app.getPath('userData'), 'logs')).catch(() => undefined)
    log('main').info({ version: app.getVersion(), electron: process.versions.electron, packaged: app.isPackaged }, 'start')
    serveRenderer(path.join(__dirname, '../renderer'))
    const hostShell = electronHostShell(() => mainWindow, (proceed) => closeEvent({ type: 'answer', proceed }))
    core = await createAppCore({ userDataDir: app.getPath('userData'), shell: hostShell })
    // `badge-ide <folder>` opens that project (the window then finds it open).
    const first = projectArgument(process.argv, process.defaultApp === true, process.cwd())
    if (first) {
      const r = await core.dispatch('project:open', { root: first })
      if (!r.ok) log('main').warn({ root: first, code: r.code }, 'project argument not opened')
    }
    registerIpc(core, () => mainWindow, devServerUrl)
    installMenu(core, {
      about: () => void showAbout(),
      docs: () => void shell.openExternal(DOCS_URL),
      usbSetup: () => void showUsbSetup(),
    }, { packaged: app.isPackaged })
    const open = async () => {
      const saved = (await core!.settings.get())['windowBounds']
      const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea))
      const win = createMainWindow(path.join(__dirname, '../preload/index.js'), devServerUrl, bounds)
      mainWindow = win
      win.on('close', (e) => {
        void core?.settings.set({ windowBounds: boundsToSave(win.getNormalBounds(), win.isMaximized()) }).catch(() => undefined)
        closeEvent({ type: 'windowClose' }, e)
      })
      win.webContents.on('render-process-gone', () => closeEvent({ type: 'rendererGone' }))
      win.on('closed', () => {
        mainWindow = null
        closeEvent({ type: 'windowClosed' })
      })
    }
    await open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void open()
    })
  })

  // Quit (menu, Cmd+Q, the last window closed) asks the renderer first; the services are disposed
  // only after it answered, and the app quits only after they are.
  app.on('before-quit', (e) => closeEvent({ type: 'beforeQuit', hasWindow: mainWindow !== null && !mainWindow.isDestroyed() }, e))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
