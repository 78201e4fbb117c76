/**
 * Every security setting of the Electron shell, as pure functions the unit tests assert. The shell
 * (src/main/electron) only calls these; this file imports nothing from electron but types.
 */
import type { WebPreferences } from 'electron'

/** The privileged custom scheme the renderer is served from in production. */
export const APP_SCHEME = 'app'
/** The origin of the renderer in production. */
export const APP_ORIGIN = `${APP_SCHEME}://renderer`

/** Hardened `webPreferences` for the IDE window. */
export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/**
 * The Content-Security-Policy for the renderer. Production allows only our own origin; development
 * adds the Vite dev server (HTTP and its HMR WebSocket). Styles need 'unsafe-inline' because
 * CodeMirror and Vue inject style elements; WebAssembly is not compiled in the renderer.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const self = devServerUrl ? `'self' ${new URL(devServerUrl).origin}` : "'self'"
  const ws = devServerUrl ? ` ws://${new URL(devServerUrl).host}` : ''
  return [
    `default-src ${self}`,
    `script-src ${self}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src ${self}${ws}`,
    `worker-src ${self} blob:`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The origins the renderer may legitimately have: app:// in production, the dev server in dev. */
export function trustedOrigins(devServerUrl?: string): string[] {
  return devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]
}

/** Parses a URL's origin; custom schemes report "null" in WHATWG URL, so build it by hand. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

/**
 * True when an IPC message comes from our own top-level frame. Compares parsed origins, never
 * string prefixes (so `app://renderer.evil` is refused).
 */
export function isTrustedSender(frameUrl: string | undefined, isTopFrame: boolean, devServerUrl?: string): boolean {
  if (!frameUrl || !isTopFrame) return false
  const origin = originOf(frameUrl)
  return origin !== null && trustedOrigins(devServerUrl).includes(origin)
}

/** Navigation is allowed only within our own origin (e.g. dev-server reloads); everything else is denied. */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  const origin = originOf(url)
  return origin !== null && trustedOrigins(devServerUrl).includes(origin)
}

/** Every permission request (camera, notifications, serial, HID …) is denied: the app needs none. */
export function permissionDecision(_permission: string): false {
  return false
}

/** New windows are never created; allowed https links open in the browser instead. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' }
}

/**
 * Maps an app:// request path to a file under the renderer folder; null when it would leave it.
 * `rendererRoot` is absolute; the result is absolute.
 */
export function resolveAppRequest(requestUrl: string, rendererRoot: string, join: (...p: string[]) => string): string | null {
  let u: URL
  try {
    u = new URL(requestUrl)
  } catch {
    return null
  }
  if (`${u.protocol}//${u.host}` !== APP_ORIGIN) return null
  const pathname = decodeURIComponent(u.pathname)
  if (pathname.includes('\0')) return null
  const segments = pathname.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.some((s) => s === '..' || s.includes('\\'))) return null
  return join(rendererRoot, ...(segments.length ? segments : ['index.html']))
}

/** Electron fuses to flip at packaging time (electron-builder `electronFuses`). */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const
