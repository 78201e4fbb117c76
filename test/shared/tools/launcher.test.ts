import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAppToLauncher, analyzeLauncher } from '../../../src/shared/tools/launcher'

const fixture = (name: string): string =>
  readFileSync(path.resolve(__dirname, '../../fixtures/projects', name, 'apps/menu/__init__.py'), 'utf8')

describe('analyzeLauncher', () => {
  it('detects a fixed list, a folder scan, none and unknown', () => {
    expect(analyzeLauncher(fixture('launcher-list'), ['hello', 'menu'])).toEqual({ kind: 'list', listName: 'APPS', slugs: ['hello'] })
    expect(analyzeLauncher(fixture('launcher-scan'))).toEqual({ kind: 'scan' })
    expect(analyzeLauncher(null)).toEqual({ kind: 'none' })
    expect(analyzeLauncher('def update():\n    return "/system/apps/x"\n')).toEqual({ kind: 'unknown' })
  })

  it('ignores lists that are not app lists', () => {
    const src = 'COLORS = ["red", "blue"]\nAPPS = ["/system/apps/badge", "/system/apps/flappy"]\n'
    expect(analyzeLauncher(src, ['badge'])).toEqual({ kind: 'list', listName: 'APPS', slugs: ['badge', 'flappy'] })
    expect(analyzeLauncher('NUMS = [1, 2]\nfor a in os.listdir("/system/apps"): pass\n').kind).toBe('scan')
  })
})

describe('addAppToLauncher', () => {
  it('inserts one tuple line after the last item, keeping comments and the rest of the file', () => {
    const src = fixture('launcher-list')
    const r = addAppToLauncher(src, 'snake', 'Snake', ['hello'])
    expect(r.changed).toBe(true)
    expect(r.source).toBe(src.replace(
      '    ("Hello", "hello"),  # the first app\n',
      '    ("Hello", "hello"),  # the first app\n    ("Snake", "snake"),\n',
    ))
    expect(analyzeLauncher(r.source, ['hello']).slugs).toEqual(['hello', 'snake'])
    const again = addAppToLauncher(r.source, 'snake', 'Snake')
    expect(again).toEqual({ source: r.source, changed: false, kind: 'list' })
  })

  it('adds a comma when the last item has none, and follows quote and path style', () => {
    const src = "APPS = [\n  '/system/apps/badge',\n  '/system/apps/flappy'  # last\n]\nx = 1\n"
    const r = addAppToLauncher(src, 'snake', 'Snake')
    expect(r.source).toBe("APPS = [\n  '/system/apps/badge',\n  '/system/apps/flappy',  # last\n  '/system/apps/snake'\n]\nx = 1\n")
  })

  it('edits one-line lists and empty lists', () => {
    expect(addAppToLauncher('apps = ["a", "b"]  # six apps\n', 'c', 'C').source).toBe('apps = ["a", "b", "c"]  # six apps\n')
    const acc = 'apps = []\nfor a in os.listdir("/system/apps"):\n    apps.append(a)\n'
    expect(addAppToLauncher(acc, 'c', 'C')).toEqual({ source: acc, changed: false, kind: 'scan' })
    expect(addAppToLauncher('APPS = []\n', 'c', 'C').source).toBe('APPS = ["c"]\n')
  })

  it('leaves scan launchers alone', () => {
    const src = fixture('launcher-scan')
    expect(addAppToLauncher(src, 'snake', 'Snake')).toEqual({ source: src, changed: false, kind: 'scan' })
  })

  it('handles tuple literals, dict items and item-specific paths', () => {
    const tuple = 'APPS = (\n    "/system/apps/badge",\n    "/system/apps/flappy",\n)\n'
    expect(analyzeLauncher(tuple)).toEqual({ kind: 'list', listName: 'APPS', slugs: ['badge', 'flappy'] })
    expect(addAppToLauncher(tuple, 'snake', 'Snake').source).toBe('APPS = (\n    "/system/apps/badge",\n    "/system/apps/flappy",\n    "/system/apps/snake",\n)\n')
    const dicts = 'apps = [\n  {"name": "Badge", "slug": "badge", "icon": "/system/apps/badge/icon.png"},\n]\n'
    expect(analyzeLauncher(dicts).slugs).toEqual(['badge'])
    expect(addAppToLauncher(dicts, 'snake', 'Snake').source).toBe(
      'apps = [\n  {"name": "Badge", "slug": "badge", "icon": "/system/apps/badge/icon.png"},\n  {"name": "Snake", "slug": "snake", "icon": "/system/apps/snake/icon.png"},\n]\n',
    )
    expect(analyzeLauncher('TITLE = ("menu")\n').kind).toBe('unknown')
  })
})
