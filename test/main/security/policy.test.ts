import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ELECTRON_FUSES,
  contentSecurityPolicy,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  resolveAppRequest,
  windowOpenDecision,
  windowWebPreferences,
} from '../../../src/main/security/policy'
import { isAllowedExternalUrl } from '../../../src/shared/security/external-links'

describe('window security settings', () => {
  it('are hardened', () => {
    const p = windowWebPreferences('/x/preload.js')
    expect(p).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/x/preload.js',
    })
  })

  it('CSP allows only our origin, no eval, no inline script', () => {
    const csp = contentSecurityPolicy()
    expect(csp).toContain("default-src 'self'")
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("object-src 'none'")
    const dev = contentSecurityPolicy('http://localhost:5173')
    expect(dev).toContain('http://localhost:5173')
    expect(dev).toContain('ws://localhost:5173')
  })

  it.each([
    ['app://renderer/index.html', true, undefined, true],
    ['app://renderer/index.html', false, undefined, false],
    ['app://renderer.evil/index.html', true, undefined, false],
    ['https://evil.example/', true, undefined, false],
    ['file:///etc/passwd', true, undefined, false],
    [undefined, true, undefined, false],
    ['http://localhost:5173/', true, 'http://localhost:5173', true],
    ['http://localhost:5174/', true, 'http://localhost:5173', false],
    ['http://localhost:5173/', true, undefined, false],
  ])('sender %s (top frame %s, dev %s) trusted = %s', (url, top, dev, expected) => {
    expect(isTrustedSender(url, top, dev)).toBe(expected)
  })

  it('denies navigation away, new windows and every permission', () => {
    expect(isAllowedNavigation('https://github.com/')).toBe(false)
    expect(isAllowedNavigation('app://renderer/index.html')).toBe(true)
    expect(windowOpenDecision()).toEqual({ action: 'deny' })
    for (const p of ['media', 'notifications', 'serial', 'hid', 'geolocation', 'clipboard-read']) expect(permissionDecision(p)).toBe(false)
  })

  it.each([
    ['https://github.com/pimoroni/tufty2350', true],
    ['https://docs.micropython.org/en/latest/', true],
    ['http://github.com/', false],
    ['https://github.com.evil.example/', false],
    ['https://evilgithub.com/', false],
    ['https://user:pw@github.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('external link %s allowed = %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected)
  })

  it('serves app:// requests only from the renderer folder', () => {
    const root = '/opt/app/out/renderer'
    expect(resolveAppRequest('app://renderer/', root, path.posix.join)).toBe('/opt/app/out/renderer/index.html')
    expect(resolveAppRequest('app://renderer/assets/a.js', root, path.posix.join)).toBe('/opt/app/out/renderer/assets/a.js')
    // The URL parser folds dot segments, so this stays inside the root…
    expect(resolveAppRequest('app://renderer/%2e%2e/%2e%2e/secret', root, path.posix.join)).toBe('/opt/app/out/renderer/secret')
    // …and an encoded slash that would climb out after decoding is refused.
    expect(resolveAppRequest('app://renderer/..%2f..%2fsecret', root, path.posix.join)).toBeNull()
    expect(resolveAppRequest('app://renderer/a%5c..%5c..%5csecret', root, path.posix.join)).toBeNull()
    expect(resolveAppRequest('app://other/index.html', root, path.posix.join)).toBeNull()
    expect(resolveAppRequest('app://renderer/a%00b', root, path.posix.join)).toBeNull()
  })

  it('fuses disable Node entry points', () => {
    expect(ELECTRON_FUSES).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true })
  })
})
