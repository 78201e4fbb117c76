/** Composition root of the Electron main process: wire IPC and the menu, open the windows (one core each). */
import { app, BrowserWindow, clipboard, dialog, screen, shell } from 'electron'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import emulatorWorkerPath from './emulator/worker/worker?modulePath'
import { setWasmDir } from './emulator/wasm-files'
import { setEmulatorWorkerSpec } from './emulator/worker-url'
import { createAppCore } from './app-core'
import { SettingsStore } from './services/settings'
import { WindowRegistry } from './window-registry'
import { closeLog, log, openLog } from './services/log/logger'
import { closeStep, INITIAL_CLOSE_STATE, type CloseAction, type CloseEvent } from './electron/close-flow'
import { electronHostShell } from './electron/host-shell'
import { forwardEvents, registerIpc } from './electron/ipc'
import { installMenu } from './electron/menu'
import { aboutText, UDEV_RULE_TARGET, usbSetupMessage } from './electron/menu-template'
import { DOCS_URL } from '../shared/commands'
import { buildProgram, main as cliMain } from '../cli/main'
import { cliArgs } from './electron/cli-mode'
import { registerAppScheme, serveRenderer } from './electron/protocol'
import { projectArgument, projectWindowAction, secondInstanceAction, type SecondInstanceAction } from './electron/single-instance'
import { createMainWindow } from './electron/window'
import { boundsToSave, cascadeBounds, restoreBounds } from './electron/window-state'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
/** The open windows by webContents id (their cores are in `windows`). */
const browserWindows = new Map<number, BrowserWindow>()
let windows: WindowRegistry | null = null
let settings: SettingsStore | null = null
let closeState = INITIAL_CLOSE_STATE

/** Feeds the close handshake and carries out what it decides (see close-flow.ts). */
function closeEvent(e: CloseEvent, preventable?: { preventDefault(): void }): void {
  const { state, actions } = closeStep(closeState, e)
  closeState = state
  for (const a of actions) runCloseAction(a, preventable)
}

function runCloseAction(a: CloseAction, preventable?: { preventDefault(): void }): void {
  const win = 'id' in a ? liveWindow(a.id) : null
  if (a.type === 'prevent') preventable?.preventDefault()
  else if (a.type === 'ask') {
    if (win) win.webContents.send('app:closeRequest', { reason: a.reason })
    else closeEvent({ type: 'rendererGone', id: a.id })
  } else if (a.type === 'closeWindow') win?.close()
  else if (a.type === 'dispose') void (windows?.close(a.id) ?? Promise.resolve()).finally(() => closeEvent({ type: 'disposed', id: a.id }))
  else {
    log('main').info('quit')
    closeLog()
    app.quit()
  }
}

function liveWindow(id: number): BrowserWindow | null {
  const win = browserWindows.get(id)
  return win && !win.isDestroyed() ? win : null
}

/** The window in front (dialogs are modal to it), else the last opened. */
function frontWindow(): BrowserWindow | null {
  return BrowserWindow.getFocusedWindow() ?? [...browserWindows.values()].filter((w) => !w.isDestroyed()).pop() ?? null
}

function focusWindow(win: BrowserWindow | null): void {
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
}

/** Focuses, fills or opens the window a project start decided on (single-instance.ts). */
async function carryOut(act: SecondInstanceAction): Promise<void> {
  if (act.kind === 'newWindow') return openWindow(act.root)
  const win = act.window === null ? frontWindow() : liveWindow(act.window)
  if (!win && act.kind === 'focus') return openWindow(null)
  focusWindow(win)
  if (act.kind === 'openHere') (await windows?.get(act.window))?.bus.emit('app:openProject', { root: act.root })
}

/** Opens a window with its own core, showing `root` (null: the welcome screen). */
async function openWindow(root: string | null): Promise<void> {
  const saved = (await settings!.get())['windowBounds']
  const bounds = cascadeBounds(restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea)), browserWindows.size)
  const win = createMainWindow(path.join(__dirname, '../preload/index.js'), devServerUrl, bounds)
  const id = win.webContents.id
  browserWindows.set(id, win)
  closeEvent({ type: 'windowOpened', id })
  // Registered before the page loads, so its first request waits for the core (and the project).
  void windows!.open(id, root).then((core) => {
    if (win.isDestroyed()) return
    const stop = forwardEvents(core, win.webContents)
    win.once('closed', stop)
  }, (e: unknown) => log('main').error({ err: e, id }, 'window core failed to start'))
  win.on('close', (e) => {
    void settings?.set({ windowBounds: boundsToSave(win.getNormalBounds(), win.isMaximized()) }).catch(() => undefined)
    closeEvent({ type: 'windowClose', id }, e)
  })
  win.webContents.on('render-process-gone', () => closeEvent({ type: 'rendererGone', id }))
  win.on('closed', () => {
    browserWindows.delete(id)
    closeEvent({ type: 'windowClosed', id })
  })
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
  const win = frontWindow()
  const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts)
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
  const win = frontWindow()
  if (win) await dialog.showMessageBox(win, opts)
  else await dialog.showMessageBox(opts)
}

const cli = cliArgs(process.argv, process.defaultApp === true, buildProgram().commands.map((c) => c.name()))
if (cli) void runCli(cli)
else startWindow()

/**
 * The IDE: the app:// scheme, IPC, the menu and the first window, and the close/quit handshake.
 * Each window has its own core (window-registry.ts); the process is one per user.
 */
function startWindow(): void {
  // One IDE process per user: a second start hands over its command line and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', (_e, argv, cwd) => {
    if (windows) void carryOut(secondInstanceAction(argv, process.defaultApp === true, cwd, windows.windows()))
  })
  registerAppScheme()
  app.whenReady().then(async () => {
    await openLog(path.join(app.getPath('userData'), 'logs')).catch(() => undefined)
    log('main').info({ version: app.getVersion(), electron: process.versions.electron, packaged: app.isPackaged }, 'start')
    serveRenderer(path.join(__dirname, '../renderer'))
    const userDataDir = app.getPath('userData')
    const shared = new SettingsStore(userDataDir)
    settings = shared
    windows = new WindowRegistry((id) =>
      createAppCore({
        userDataDir,
        settings: shared,
        shell: {
          ...electronHostShell(() => liveWindow(id), (proceed) => closeEvent({ type: 'answer', id, proceed }), (root) =>
            root && windows ? carryOut(projectWindowAction(root, windows.windows(), false)) : openWindow(null),
          ),
          shownElsewhere: (root) => windows?.shownElsewhere(root, id) ?? false,
        },
      }),
    )
    registerIpc(windows, devServerUrl)
    installMenu((command) => {
      const win = frontWindow()
      if (win) void windows?.get(win.webContents.id)?.then((core) => core.bus.emit('app:menu', { command }))
    }, {
      newWindow: () => void openWindow(null),
      about: () => void showAbout(),
      docs: () => void shell.openExternal(DOCS_URL),
      usbSetup: () => void showUsbSetup(),
    }, { packaged: app.isPackaged })
    // `badge-ide <folder>` opens that project (the window then finds it open).
    await openWindow(projectArgument(process.argv, process.defaultApp === true, process.cwd()))
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow(null)
    })
  })

  // Quit (menu, Cmd+Q, the last window closed) asks each window first; the cores are disposed as
  // their windows close, and the app quits only after all are.
  app.on('before-quit', (e) => closeEvent({ type: 'beforeQuit' }, e))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
