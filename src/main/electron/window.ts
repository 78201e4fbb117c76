/** Creates the IDE window with the hardened settings and the navigation/permission guards. */
import { BrowserWindow, session, shell } from 'electron'
import { isAllowedExternalUrl } from '../../shared/security/external-links'
import { WINDOW_SIZE, type SavedBounds } from './window-state'
import { APP_ORIGIN, isAllowedNavigation, permissionDecision, windowOpenDecision, windowWebPreferences } from '../security/policy'

/**
 * Opens the main window at `bounds` (default size, centred, when null) and loads the renderer (the
 * dev server in development).
 */
export function createMainWindow(preloadPath: string, devServerUrl?: string, bounds: SavedBounds | null = null): BrowserWindow {
  const win = new BrowserWindow({
    ...WINDOW_SIZE,
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : {}),
    show: false,
    title: 'Badge IDE',
    backgroundColor: '#1e1e22',
    webPreferences: windowWebPreferences(preloadPath),
  })
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize()
    win.show()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return windowOpenDecision()
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)))
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission))
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}
