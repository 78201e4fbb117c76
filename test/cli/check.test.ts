import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempProject } from '../helpers/temp-project'

const bin = path.resolve(__dirname, '../../bin/badge-ide.mjs')
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

/** A project with the given files (project-relative path → text). */
function project(files: Record<string, string>): string {
  const p = tempProject()
  cleanups.push(p.cleanup)
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(p.dir, rel)), { recursive: true })
    writeFileSync(path.join(p.dir, rel), text)
  }
  return p.dir
}

const GOOD = 'from badgeware import screen, shapes\n\ndef update():\n    screen.draw(shapes.circle(80, 60, 10))\n'

describe('badge-ide check', () => {
  it('prints file:line:col: message for each problem and exits 1', () => {
    const dir = project({
      'apps/good/__init__.py': GOOD,
      'apps/bad/__init__.py': 'from badgeware import screen, brushes\nimport numpy\n\ndef update():\n    screen.drwa()\n    brushes.color(1, 2)\n',
      'apps/broken/__init__.py': 'def update():\n    if True\n        pass\n',
      '.badge-ide/badge-root/junk.py': 'this is not python (\n',
    })
    const r = run('check', dir)
    expect(r.status).toBe(1)
    expect(r.stdout.trim().split('\n')).toEqual([
      "apps/bad/__init__.py:2:8: ImportError: no module named 'numpy'",
      "apps/bad/__init__.py:5:12: AttributeError: 'Image' object has no attribute 'drwa' (did you mean 'draw'?)",
      'apps/bad/__init__.py:6:18: TypeError: brushes.color() takes at least 3 positional arguments but 2 were given',
      'apps/broken/__init__.py:2:5: SyntaxError: invalid syntax',
    ])
    expect(r.stderr).toBe('4 errors, 0 warnings in 3 files\n')
  })

  it('exits 0 on a clean project and says so', () => {
    const r = run('check', project({ 'apps/good/__init__.py': GOOD, 'secrets.py': 'WIFI_SSID = "x"\n' }))
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('No problems in 2 files\n')
    expect(r.status).toBe(0)
  })

  it('--json prints the diagnostics as one object', () => {
    const r = run('check', project({ 'main.py': 'x = (1,\n' }), '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      files: 1,
      errors: 1,
      warnings: 0,
      diagnostics: [{ path: 'main.py', line: 1, col: 1, endLine: 1, endCol: 8, severity: 'error', message: 'SyntaxError: invalid syntax', source: 'micropython' }],
    })
  })

  it('names a file it cannot read (over 8 MB, not UTF-8) with a warning and still checks the others', () => {
    const dir = project({ 'apps/broken/__init__.py': 'def f(:\n    pass\n' })
    writeFileSync(path.join(dir, 'huge.py'), Buffer.alloc(9 * 1024 * 1024, 0x23))
    writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('name = "caf\xe9"\n', 'latin1'))
    const r = run('check', dir)
    expect(r.status).toBe(1)
    expect(r.stdout.trim().split('\n')).toEqual([
      'apps/broken/__init__.py:1:1: SyntaxError: invalid syntax',
      'huge.py:1:1: Not checked: huge.py is 9.0 MB; the editor opens files up to 8.0 MB (warning)',
      'latin1.py:1:1: Not checked: the file is not UTF-8 text (the badge reads Python source as UTF-8) (warning)',
    ])
  })

  it('fails with a code for a folder that does not exist', () => {
    const r = run('check', '/nonexistent/project', '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).error.code).toBe('NOT_FOUND')
  })
})
