/** The built CLI's global machinery: --version, --json on every command (errors too), exit codes. */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
const vdir = mkdtempSync(path.join(os.tmpdir(), 'cli-global-'))
const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--virtual-dir', vdir, ...args], { encoding: 'utf8' })
afterAll(() => rmSync(vdir, { recursive: true, force: true }))

describe('badge-ide global options', () => {
  it('--version prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }
    const r = run('--version')
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(version)
  })

  it('every command lists --json in its help', () => {
    const names = [...run('--help').stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((n) => n !== 'help')
    expect(names.length).toBeGreaterThan(10)
    for (const n of names) expect(run(n, '--help').stdout, n).toContain('--json')
  })

  it('--json of code that raised carries the error object beside the output', () => {
    const r = run('exec', '--port', 'virtual', '1/0', '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, stderr: expect.stringContaining('Traceback'), error: { code: 'DEVICE_ERROR', message: 'ZeroDivisionError: divide by zero' } })
    const ok = JSON.parse(run('exec', '--port', 'virtual', 'print(1)', '--json').stdout)
    expect(ok.ok).toBe(true)
    expect(ok.error).toBeUndefined()
  })

  it('rm refuses /system and /system/apps without --force', () => {
    const put = spawnSync(process.execPath, [bin, '--virtual-dir', vdir, 'exec', '--port', 'virtual', "import os\nfor d in ('/system', '/system/apps', '/system/apps/keep'):\n    try:\n        os.mkdir(d)\n    except OSError:\n        pass"], { encoding: 'utf8' })
    expect(put.status).toBe(0)
    for (const p of ['/system', 'system/apps/', ':/system']) {
      const r = run('rm', '--port', 'virtual', p, '-r', '--json')
      expect(r.status, p).toBe(1)
      expect(JSON.parse(r.stdout).error.code).toBe('DEVICE_PATH_INVALID')
    }
    expect(run('ls', '--port', 'virtual', '/system/apps').stdout).toContain('keep')
    expect(run('rm', '--port', 'virtual', '/system/apps/keep', '-r').status).toBe(0)
  })

  it('repl runs lines piped into it and leaves once the badge has answered', () => {
    const r = spawnSync(process.execPath, [bin, '--virtual-dir', vdir, 'repl', '--port', 'virtual'], { input: 'print(6*7)\nx = 5\nprint(x + 1)\n', encoding: 'utf8', timeout: 30_000 })
    expect(r.status).toBe(0)
    expect(r.stdout.replace(/\r/g, '')).toMatch(/>>> print\(6\*7\)\n42\n>>> x = 5\n>>> print\(x \+ 1\)\n6\n/)
  })

  it('piped lines sent ahead run after a slow one: repl leaves when the badge is back at its prompt', () => {
    const r = spawnSync(process.execPath, [bin, '--virtual-dir', vdir, 'repl', '--port', 'virtual'], { input: 'import time\ntime.sleep(1.5)\nprint("after")\nprint("end")\n', encoding: 'utf8', timeout: 30_000 })
    expect(r.status).toBe(0)
    expect(r.stdout.replace(/\r/g, '')).toMatch(/after\n[^]*end\n/)
  })

  it('get --json to stdout refuses a file that is not UTF-8 (JSON would carry it damaged) and carries text', () => {
    expect(run('exec', '--port', 'virtual', "open('/bin.dat', 'wb').write(bytes(range(250, 256)))\nopen('/t.txt', 'w').write('héllo')").status).toBe(0)
    const r = run('get', '--port', 'virtual', '/bin.dat', '--json')
    expect(r.status).not.toBe(0)
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('not UTF-8 text (6 bytes): give a local path') })
    expect(JSON.parse(run('get', '--port', 'virtual', '/t.txt', '--json').stdout)).toMatchObject({ ok: true, stdout: 'héllo' })
  })

  it('exec passes the bytes a program writes through unchanged', () => {
    const r = spawnSync(process.execPath, [bin, '--virtual-dir', vdir, 'exec', '--port', 'virtual', "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe\\x00ok')"])
    expect(r.status).toBe(0)
    expect([...r.stdout]).toEqual([0xff, 0xfe, 0x00, 0x6f, 0x6b])
  })

  it('a reader that stops reading (| head) ends the run quietly', async () => {
    const c = spawn(process.execPath, [bin, '--virtual-dir', vdir, 'stats', '--port', 'virtual', '--watch', '--interval', '300', '--json'])
    let stderr = ''
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    c.stdout.once('data', () => c.stdout.destroy())
    const status = await new Promise<number | null>((r) => c.on('close', r))
    expect(stderr).not.toMatch(/EPIPE|Error/)
    expect(status).toBe(0)
  })

  it('a usage error exits 2, and with --json prints the error object', () => {
    expect(run('frobnicate').status).toBe(2)
    const r = run('exec', '--json')
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'USAGE', message: expect.stringContaining('port') } })
  })

  it('exec --json on the virtual badge: the output as JSON, exit 1 with ok false when the code raised', () => {
    const ok = run('exec', '--port', 'virtual', 'print(6 * 7)', '--json')
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, stdout: expect.stringContaining('42') })
    const bad = run('exec', '--port', 'virtual', '1/0', '--json')
    expect(bad.status).toBe(1)
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, stderr: expect.stringContaining('ZeroDivisionError') })
  })

  it('a device error exits 1 with its code, hint and message as JSON', () => {
    const r = run('ls', '--port', '/dev/badge-ide-no-such-port', '--json')
    expect(r.status).toBe(1)
    const j = JSON.parse(r.stdout) as { error: { code: string; hint: string; message: string } }
    expect(j.error.code).toBe('PORT_NOT_FOUND')
    expect(j.error.hint).toMatch(/Plug the badge in/)
    expect(j.error.message).toContain('/dev/badge-ide-no-such-port')
  })

  it('a number option that is not a whole number in range is a usage error (exit 2), before anything runs', () => {
    for (const args of [
      ['stats', '--watch', '--interval', 'abc', '--port', 'virtual'],
      ['stats', '--watch', '--interval', '5', '--port', 'virtual'],
      ['exec', '--timeout', '-5', '--port', 'virtual', 'pass'],
      ['exec', '--timeout', '1e3', '--port', 'virtual', 'pass'],
    ]) {
      const r = run(...args)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(/must be a whole number >= \d+/)
    }
  })

  it('Ctrl-C exits 130', async () => {
    const p = spawn(process.execPath, [bin, '--virtual-dir', vdir, 'exec', '--port', 'virtual', 'print("go")\nwhile True:\n    pass'], { stdio: ['ignore', 'pipe', 'pipe'] })
    await new Promise<void>((resolve) => p.stdout.on('data', (d: Buffer) => d.toString().includes('go') && resolve()))
    p.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)))
    expect(code).toBe(130)
  })
})
