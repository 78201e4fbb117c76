import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWasmVersions, sha256Of, wasmDir } from '../../../src/main/emulator/wasm-files'

describe('pinned MicroPython WebAssembly build', () => {
  const dir = wasmDir()
  const versions = readWasmVersions(dir)

  it('records the package and version that package.json pins exactly', () => {
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
    expect(versions.package).toBe('@micropython/micropython-webassembly-pyscript')
    // The app ships the copy in wasm/; the package is pinned (as a dev dependency) to check it against.
    expect(pkg.devDependencies?.[versions.package] ?? pkg.dependencies?.[versions.package]).toBe(versions.version)
    expect(versions.version).toBe('1.27.0')
  })

  it.each(['micropython.mjs', 'micropython.wasm'])('%s matches its recorded SHA-256', (name) => {
    expect(versions.files[name]).toMatch(/^[0-9a-f]{64}$/)
    expect(sha256Of(dir, name)).toBe(versions.files[name])
  })
})
