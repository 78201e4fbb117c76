/** `badge-ide deploy`, `run` and `stats` end to end against MicroPython under QEMU. */
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMicrobit, type QemuMicrobit } from '../helpers/qemu-microbit'
import { tempProject } from '../helpers/temp-project'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
let qemu: QemuMicrobit
const project = tempProject()

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

beforeAll(async () => {
  qemu = await startMicrobit()
  put('apps/demo/__init__.py', 'print("demo says hi")\nx = [1][3]\n')
  put('apps/demo/blob.bin', Uint8Array.from({ length: 300 }, (_, i) => i & 255))
  put('secrets.py', 'WIFI_SSID = "home"\n')
}, 60_000)

afterAll(async () => {
  await qemu?.stop()
  project.cleanup()
})

describe('badge-ide deploy / run / stats', () => {
  it('previews, deploys, then reports up to date', { timeout: 120_000 }, async () => {
    const preview = await cli('deploy', project.dir, '--app', 'demo', '--port', qemu.path, '--preview', '--no-disk')
    expect(preview.code).toBe(0)
    expect(preview.stdout).toMatch(/2 to send/)
    expect(preview.stdout).toContain('send   apps/demo/blob.bin → /apps-demo-blob.bin')
    const first = await cli('deploy', project.dir, '--app', 'demo', '--port', qemu.path, '--no-disk')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^deployed: 2 sent/)
    expect(first.stderr).toContain('sending /apps-demo-blob.bin')
    const again = await cli('deploy', project.dir, '--app', 'demo', '--port', qemu.path, '--no-disk')
    expect(again.stdout).toMatch(/^up to date/)
    const whole = await cli('deploy', project.dir, '--port', qemu.path, '--no-disk', '--preview')
    expect(whole.stdout).toContain('protect secrets.py')
  })

  it('runs an app and names the project file in the traceback', { timeout: 120_000 }, async () => {
    const r = await cli('run', project.dir, '--app', 'demo', '--port', qemu.path, '--no-disk')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('demo says hi')
    expect(r.stderr).toContain('File "apps/demo/__init__.py", line 2')
    expect(r.stderr).toContain('error at apps/demo/__init__.py:2')
  })

  it('prints stats as JSON with "not available" for missing features', { timeout: 120_000 }, async () => {
    const r = await cli('stats', '--port', qemu.path, '--json')
    expect(r.code).toBe(0)
    const s = JSON.parse(r.stdout) as { memory: { free: unknown }; storage: { total: unknown }; system: { platform: unknown } }
    expect(typeof s.memory.free).toBe('number')
    expect(s.storage.total).toBe('not available')
    expect(s.system.platform).toBe('microbit')
    const human = await cli('stats', '--port', qemu.path)
    expect(human.stdout).toMatch(/memory\n\s+free/)
  })
})
