/**
 * Files persist on the host as they are written: closed files, removals, renames and folders
 * reach the host folder at once, so a worker that is killed afterwards loses nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runHeadless } from '../../../src/main/emulator/headless'
import { createVirtualBadgeBinding, VIRTUAL_PORT_PATH } from '../../../src/main/emulator/virtual-badge'
import { makeProject } from './project-fixture'
import { client } from './vb-client'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('flash mirror', () => {
  it('keeps what an app wrote before the watchdog killed it', async () => {
    const p = makeProject({
      'apps/w/__init__.py': ['with open("/saved.txt", "w") as f:', '    f.write("before the hang")', 'def update():', '    while True:', '        pass'].join('\n'),
    })
    dirs.push(join(p.dir, '..'))
    const r = await runHeadless({ projectDir: p.dir, stateDir: p.state, systemOverlays: [], app: 'w', frames: 5, watchdogMs: 600, prewarm: false })
    expect(r.status).toBe('watchdog')
    expect(readFileSync(join(p.state, 'saved.txt'), 'utf8')).toBe('before the hang')
  })

  it('carries writes, renames, folders and removals of the virtual badge over as they happen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'badge-mirror-'))
    dirs.push(dir)
    const port = await createVirtualBadgeBinding({ dir }).open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
    const c = client(port)
    await c.until('>>> ')
    await c.send('\r\x01')
    await c.until('raw REPL; CTRL-B to exit\r\n>')
    const run = async (code: string): Promise<string> => {
      await c.send(code + '\x04')
      return c.until('\x04>')
    }
    expect(await run("import os\nos.mkdir('/d')\nf = open('/d/a.txt', 'w')\nf.write('one')\nf.close()\nf = open('/d/open.txt', 'w')\nf.write('x')")).toBe('OK\x04\x04>')
    expect(readFileSync(join(dir, 'd', 'a.txt'), 'utf8')).toBe('one')
    expect(existsSync(join(dir, 'd', 'open.txt'))).toBe(false) // not closed yet
    await run("f.close()\nos.rename('/d/a.txt', '/d/b.txt')\nos.remove('/d/open.txt')")
    expect(readdirSync(join(dir, 'd'))).toEqual(['b.txt'])
    await run("os.rename('/d', '/e')")
    expect(readFileSync(join(dir, 'e', 'b.txt'), 'utf8')).toBe('one')
    await run("os.remove('/e/b.txt')\nos.rmdir('/e')\nos.chdir('/system')\nwith open('rel.txt', 'w') as f:\n    f.write('relative')")
    expect(existsSync(join(dir, 'e'))).toBe(false)
    expect(readFileSync(join(dir, 'system', 'rel.txt'), 'utf8')).toBe('relative')
    await port.close()
  })
})
