import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPackageIndex } from '../helpers/package-index'
import { tempProject } from '../helpers/temp-project'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
// Asynchronous: the index is served by this process, so a synchronous child would block it.
const run = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [bin, ...args])
    let stdout = ''
    let stderr = ''
    c.stdout.on('data', (d) => (stdout += d))
    c.stderr.on('data', (d) => (stderr += d))
    c.on('close', (status) => resolve({ status, stdout, stderr }))
  })

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('badge-ide mip install', () => {
  it("adds a package to the project's only app, and says so in --json", async () => {
    const p = tempProject('hello')
    cleanups.push(p.cleanup)
    const index = await startPackageIndex({ tiny: { files: { 'tiny.py': 'V = 7\n' }, version: '1.2' } })
    cleanups.push(() => index.close())
    const r = await run('mip', 'install', p.dir, 'tiny', '--index', index.url)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('wrote apps/hello/tiny.py')
    expect(r.stdout).toContain('installed tiny 1.2 into apps/hello')
    expect(readFileSync(path.join(p.dir, 'apps/hello/tiny.py'), 'utf8')).toBe('V = 7\n')
    const j = await run('mip', 'install', p.dir, 'tiny', '--index', index.url, '--json')
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, stdout: expect.stringContaining('unchanged apps/hello/tiny.py') })
  })

  it('fails with a coded error for an unknown package and for a bad subcommand', async () => {
    const p = tempProject('hello')
    cleanups.push(p.cleanup)
    const index = await startPackageIndex({})
    cleanups.push(() => index.close())
    const r = await run('mip', 'install', p.dir, 'nosuch', '--index', index.url, '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'PACKAGE_NOT_FOUND', message: expect.stringContaining('/package/py/nosuch/latest.json') })
    const u = await run('mip', 'uninstall', p.dir, 'x', '--json')
    expect(JSON.parse(u.stdout).error.code).toBe('BAD_ARGS')
  })
})

describe('badge-ide mip search', () => {
  it('lists the packages of the index matching the words, best first, and says when none does', async () => {
    const index = await startPackageIndex({
      'ble-helpers': { files: { 'b.py': '' }, description: 'Small tools', version: '1.0' },
      aioble: { files: { 'a.py': '' }, description: 'Asyncio-based wrapper for bluetooth', version: '0.5.2' },
      ssd1306: { files: { 's.py': '' }, description: 'OLED driver' },
    })
    cleanups.push(() => index.close())
    const r = await run('mip', 'search', 'ble', '--index', index.url)
    expect(r.status).toBe(0)
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['ble-helpers', 'aioble'])
    expect(r.stdout).toMatch(/aioble\s+0\.5\.2\s+Asyncio-based wrapper for bluetooth/)
    const none = await run('mip', 'search', 'zigbee', '--index', index.url)
    expect(none.status).toBe(0)
    expect(none.stdout).toBe('')
    expect(none.stderr).toContain('no package on the index matches "zigbee"')
  })
})

