import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readPngChunks } from '../../src/main/services/tools/png-writer'
import { tempProject } from '../helpers/temp-project'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

describe('badge-ide new', () => {
  it('--list prints every template', () => {
    const out = execFileSync(process.execPath, [bin, 'new', '--list'], { encoding: 'utf8' })
    for (const name of ['hello', 'animation', 'game', 'network']) expect(out).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'))
  })

  it('creates an app from a template and registers it in a list launcher', () => {
    const p = tempProject('launcher-list')
    cleanups.push(p.cleanup)
    const r = run('new', p.dir, 'pong', '--template', 'game', '--title', 'Pong')
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('wrote apps/pong/__init__.py')
    expect(r.stdout).toContain('launcher (list): Added "pong"')
    expect(readFileSync(path.join(p.dir, 'apps/pong/__init__.py'), 'utf8')).toContain('# Pong: a game loop.')
    expect(readFileSync(path.join(p.dir, 'apps/menu/__init__.py'), 'utf8')).toContain('    ("Pong", "pong"),\n')
    expect(readPngChunks(readFileSync(path.join(p.dir, 'apps/pong/icon.png'))).filter((c) => c.type === 'IDAT')).toHaveLength(1)
  })

  it('fails with stable codes for bad names, existing apps, unknown templates and missing arguments', () => {
    const p = tempProject('hello')
    cleanups.push(p.cleanup)
    const cases: Array<[string[], string]> = [
      [['new', p.dir, 'Bad-Name'], 'INVALID_SLUG'],
      [['new', p.dir, 'hello'], 'APP_EXISTS'],
      [['new', p.dir, 'fresh', '--template', 'nope'], 'TEMPLATE_NOT_FOUND'],
      [['new', p.dir], 'BAD_ARGS'],
    ]
    for (const [args, code] of cases) {
      const r = run(...args)
      expect(r.status, args.join(' ')).toBe(1)
      expect(r.stderr).toContain(`error [${code}]`)
    }
    expect(existsSync(path.join(p.dir, 'apps/fresh'))).toBe(false)
  })
})

describe('badge-ide secrets', () => {
  it('prints passwords and tokens masked, also right after setting them', () => {
    const p = tempProject('hello')
    cleanups.push(p.cleanup)
    const set = run('secrets', p.dir, '--set', 'WIFI_SSID=Home', '--set', 'WIFI_PASSWORD=correct horse', '--set', 'GITHUB_TOKEN=ghp_xyz')
    expect(set.status).toBe(0)
    const show = run('secrets', p.dir)
    for (const r of [set, show]) {
      expect(r.stdout).toContain('WIFI_SSID = "Home"')
      expect(r.stdout).toContain('WIFI_PASSWORD = ••••••••')
      expect(r.stdout + r.stderr).not.toContain('correct horse')
      expect(r.stdout + r.stderr).not.toContain('ghp_xyz')
    }
    expect(readFileSync(path.join(p.dir, 'secrets.py'), 'utf8')).toContain('WIFI_PASSWORD = "correct horse"\n')
  })
})
