/**
 * What the installers need, checked on the build output (npm test builds first): the runtime
 * dependencies are exactly the packages the built app and CLI import, the icons electron-builder
 * is pointed at exist, and package.json has the metadata the deb target requires.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  author?: { name?: string; email?: string }
  homepage?: string
}

/** Bare package names imported by the built JavaScript under `dir`. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>()
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(c?js|mjs)$/.test(e.name)) {
        const text = readFileSync(p, 'utf8')
        for (const m of text.matchAll(/(?:require\(|\bfrom\s*|\bimport\s*\(?)\s*["']((?:@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]*)(?:\/[^"']*)?["']/g)) found.add(m[1]!)
      }
    }
  }
  walk(dir)
  for (const b of [...builtinModules, 'electron']) found.delete(b)
  return found
}

describe('packaging', () => {
  it('runtime dependencies are exactly what the built app and CLI import', () => {
    const used = new Set([...importedPackages(path.join(root, 'out/main')), ...importedPackages(path.join(root, 'out/cli'))])
    expect([...used].sort()).toEqual(Object.keys(pkg.dependencies).sort())
  })

  it('the icons electron-builder uses exist', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')
    const icons = [...yml.matchAll(/^\s*icon:\s*(\S+)/gm)].map((m) => m[1]!)
    expect(icons.length).toBeGreaterThan(0)
    for (const i of icons) expect(existsSync(path.join(root, i)), i).toBe(true)
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(path.join(root, `build/icons/${s}x${s}.png`))).toBe(true)
  })

  it('has the metadata the deb target requires (author with e-mail, homepage, maintainer)', () => {
    expect(pkg.author?.name).toBeTruthy()
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/^\s*maintainer: .+<[^>]+@[^>]+>/m)
  })

  it('the deb puts badge-ide on PATH and installs the udev rule electron-builder ships', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')
    expect(yml).toMatch(/^\s*executableName: badge-ide$/m)
    const script = readFileSync(path.join(root, yml.match(/afterInstall: (\S+)/)![1]!), 'utf8')
    expect(script).toContain('ln -sf "$app/badge-ide" /usr/bin/badge-ide')
    expect(script).toContain('/etc/udev/rules.d/99-badge-ide.rules')
    expect(existsSync(path.join(root, 'resources/99-badge-ide.rules'))).toBe(true)
  })
})
