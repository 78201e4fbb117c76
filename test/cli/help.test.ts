import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')

describe('badge-ide --help', () => {
  it('lists the commands', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
    expect(out).toContain('Usage: badge-ide')
    for (const cmd of ['emulate', 'ports', 'exec', 'ls', 'get', 'put', 'rm', 'repl']) expect(out).toMatch(new RegExp(`\\n\\s+${cmd}\\b`))
  })

  it('fails with a usage error on an unknown command', () => {
    let code = 0
    try {
      execFileSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8', stdio: 'pipe' })
    } catch (e) {
      code = (e as { status: number }).status
    }
    expect(code).not.toBe(0)
  })
})
