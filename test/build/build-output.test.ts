/**
 * Checks on the `electron-vite build` output (npm test builds first): the sandboxed preload needs
 * nothing but electron, native serialport stays external to main, and the CSP ships in the HTML.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const out = path.resolve(__dirname, '../../out')

function requiresIn(dir: string): Set<string> {
  const found = new Set<string>()
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(c?js|mjs)$/.test(e.name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)) found.add(m[1]!)
      }
    }
  }
  walk(dir)
  return found
}

describe('build output', () => {
  it('exists (run `npx electron-vite build`)', () => {
    for (const f of ['main/index.js', 'preload/index.js', 'renderer/index.html']) expect(existsSync(path.join(out, f)), f).toBe(true)
  })

  it('the preload bundle requires only electron', () => {
    expect([...requiresIn(path.join(out, 'preload'))]).toEqual(['electron'])
  })

  it('main keeps serialport external and bundles no copy of it', () => {
    const req = requiresIn(path.join(out, 'main'))
    expect(req.has('serialport')).toBe(true)
    const all = readdirSync(path.join(out, 'main'), { recursive: true })
      .filter((f) => String(f).endsWith('.js'))
      .map((f) => readFileSync(path.join(out, 'main', String(f)), 'utf8'))
      .join('\n')
    expect(all).not.toContain('node-gyp-build')
  })

  it('the renderer HTML carries a strict CSP', () => {
    const html = readFileSync(path.join(out, 'renderer/index.html'), 'utf8')
    const m = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)
    expect(m).not.toBeNull()
    const csp = m![1]!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("object-src 'none'")
  })
})
