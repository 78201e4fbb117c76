/** Creates the IDE window with the hardened settings and the navigation/permission guards. */
import { BrowserWindow, session, shell } from 'electron'
import { isAllowedExternalUrl } from '../../shared/security/external-links'
import { APP_ORIGIN, isAllowedNavigation, permissionDecision, windowOpenDecision, windowWebPreferences } from '../security/policy'

/** Opens the main window and loads the renderer (the dev server in development). */
export function createMainWindow(preloadPath: string, devServerUrl?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Badge IDE',
    backgroundColor: '#1e1e22',
    webPreferences: windowWebPreferences(preloadPath),
  })
  win.once('ready-to-show', () => win.show())
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
