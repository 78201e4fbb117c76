import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWasmVersions, sha256Of, wasmDir } from '../../../src/main/emulator/wasm-files'

describe('pinned MicroPython WebAssembly build', () => {
  const dir = wasmDir()
  const versions = readWasmVersions(dir)

  it('records the package and version that package.json pins exactly', () => {
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(versions.package).toBe('@micropython/micropython-webassembly-pyscript')
    expect(pkg.dependencies[versions.package]).toBe(versions.version)
    expect(versions.version).toBe('1.27.0')
  })

  it.each(['micropython.mjs', 'micropython.wasm'])('%s matches its recorded SHA-256', (name) => {
    expect(versions.files[name]).toMatch(/^[0-9a-f]{64}$/)
    expect(sha256Of(dir, name)).toBe(versions.files[name])
  })
})
