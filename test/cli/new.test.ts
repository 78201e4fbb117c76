import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../src/main/emulator/graphics/png'
import { readPngChunks } from '../../src/main/services/tools/png-writer'
import { tempProject } from '../helpers/temp-project'
import { makePpf } from '../main/services/tools/make-font'

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

  it('makes the project folder when it does not exist yet', () => {
    const p = tempProject()
    cleanups.push(p.cleanup)
    const dir = path.join(p.dir, 'my-project')
    const r = run('new', dir, 'my_app', '--template', 'game')
    expect(r.status).toBe(0)
    expect(existsSync(path.join(dir, 'apps/my_app/__init__.py'))).toBe(true)
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
      // A missing argument is a usage error (2); the others failed on the project (1).
      expect(r.status, args.join(' ')).toBe(code === 'BAD_ARGS' ? 2 : 1)
      expect(r.stderr).toContain(`error [${code}]`)
    }
    expect(existsSync(path.join(p.dir, 'apps/fresh'))).toBe(false)
  })
})

describe('badge-ide new + emulate', () => {
  it('a new game app runs in the headless emulator and draws its golden frames', () => {
    const p = tempProject()
    cleanups.push(p.cleanup)
    expect(run('new', p.dir, 'pong', '--template', 'game').status).toBe(0)
    const shots = path.join(p.dir, 'shots')
    const r = run('emulate', p.dir, '--app', 'pong', '--frames', '120', '--press', 'A@2,UP@10-29,DOWN@50', '--screenshots', shots, '--at', '40,120', '-q')
    expect(r.stderr).not.toMatch(/error|Traceback/i)
    expect(r.status).toBe(0)
    for (const n of [40, 120]) {
      const shot = decodePngFile(readFileSync(path.join(shots, `frame-${n}.png`)))
      const golden = decodePngFile(readFileSync(path.resolve(__dirname, `../fixtures/goldens/templates/game-frame-${n}.png`)))
      let diff = 0
      for (let i = 0; i < 160 * 120 * 4; i += 4) {
        if (shot.data[i] !== golden.data[i] || shot.data[i + 1] !== golden.data[i + 1] || shot.data[i + 2] !== golden.data[i + 2]) diff++
      }
      expect(diff, `frame ${n}`).toBe(0)
    }
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

describe('badge-ide assets', () => {
  it('imports fonts from a folder into the project and skips them the second time', () => {
    const p = tempProject('hello')
    const drive = tempProject()
    cleanups.push(p.cleanup, drive.cleanup)
    mkdirSync(path.join(drive.dir, 'assets/fonts'), { recursive: true })
    writeFileSync(path.join(drive.dir, 'assets/fonts/mine.ppf'), makePpf('mine'))
    const first = run('assets', p.dir, '--from', drive.dir)
    expect(first.stderr).toBe('')
    expect(first.stdout).toContain('copied assets/fonts/mine.ppf')
    expect(readFileSync(path.join(p.dir, 'assets/fonts/mine.ppf'))).toEqual(Buffer.from(makePpf('mine')))
    expect(run('assets', p.dir, '--from', drive.dir).stdout).toContain('0 copied, 1 already there')
    const home = tempProject()
    cleanups.push(home.cleanup)
    const cached = spawnSync(process.execPath, [bin, 'assets', '--cache', '--from', drive.dir], { encoding: 'utf8', env: { ...process.env, BADGE_IDE_HOME: home.dir } })
    expect(cached.stdout).toContain('copied assets/fonts/mine.ppf')
    expect(existsSync(path.join(home.dir, 'system-assets/assets/fonts/mine.ppf'))).toBe(true)
    const bad = run('assets', p.dir, '--from', drive.dir, '--include', 'secrets')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('error [BAD_ARGS]')
  })
})
