import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { badgewareApiIndex } from '../../../src/shared/badgeware/python-api'
import { checkBadgeware, projectModuleResolver } from '../../../src/shared/check/badgeware-check'
import { formatDiagnostic } from '../../../src/shared/check/diagnostics'

const root = path.resolve(__dirname, '../../..')
const mods: Record<string, string> = {}
for (const f of readdirSync(path.join(root, 'wasm/python')).filter((f) => f.endsWith('.py'))) mods[f.slice(0, -3)] = readFileSync(path.join(root, 'wasm/python', f), 'utf8')
const api = badgewareApiIndex(mods)

/** The diagnostics of `src` as `line:col: message` lines. */
function check(src: string, files: string[] = []): string[] {
  return checkBadgeware(src, { path: 'apps/demo/__init__.py', api, projectModule: projectModuleResolver(files, 'apps/demo/__init__.py') }).map((d) =>
    formatDiagnostic(d).replace('apps/demo/__init__.py:', ''),
  )
}

const HEAD = 'from badgeware import screen, brushes, shapes, io, Image, State, run\n'

describe('badgeware checks', () => {
  it('finds nothing in the example apps', () => {
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.py') ? [path.join(d, e.name)] : []))
    const files = walk(path.join(root, 'examples'))
    expect(files.length).toBeGreaterThan(3)
    const rel = files.map((f) => path.relative(path.join(root, 'examples/graphics-tour'), f))
    for (const f of files) {
      const p = path.relative(path.join(root, 'examples/graphics-tour'), f)
      expect(checkBadgeware(readFileSync(f, 'utf8'), { path: p, api, projectModule: projectModuleResolver(rel, p) }), p).toEqual([])
    }
  })

  it('names what does not exist in the API, with the badge’s AttributeError and a close name', () => {
    expect(check(`${HEAD}screen.drwa(shapes.circle(1, 2, 3))\nscreen.brush = brushes.colour(1, 2, 3)\nif io.BUTTN_A in io.pressed:\n    pass\n`)).toEqual([
      "2:8: AttributeError: 'Image' object has no attribute 'drwa' (did you mean 'draw'?)",
      "3:24: AttributeError: type object 'brushes' has no attribute 'colour' (did you mean 'color'?)",
      "4:7: AttributeError: 'io' object has no attribute 'BUTTN_A' (did you mean 'BUTTON_A'?)",
    ])
  })

  it('checks module attributes and imported names of badgeware and picovector', () => {
    expect(check('import badgeware\nimport picovector as pv\nbadgeware.scren.clear()\nbadgeware.screen.claer()\npv.Font.load("f.af")\nfrom badgeware import scren\n')).toEqual([
      "3:11: AttributeError: module 'badgeware' has no attribute 'scren' (did you mean 'screen'?)",
      "4:18: AttributeError: 'Image' object has no attribute 'claer' (did you mean 'clear'?)",
      "6:23: ImportError: can't import name scren (did you mean 'screen'?)",
    ])
  })

  it('knows the names the badge’s library has beyond the emulator’s (BADGE_LIBRARY_EXTRAS)', () => {
    expect(check('import badgeware\nfrom badgeware import Colors, wrap_and_measure\nbadgeware.DEFAULT_FONT\nbadgeware.Colours\n')).toEqual([
      "4:11: AttributeError: module 'badgeware' has no attribute 'Colours' (did you mean 'Colors'?)",
    ])
  })

  it('counts the arguments of badgeware calls (the emulator’s signatures)', () => {
    expect(check(`${HEAD}shapes.circle(1, 2)\nshapes.line(1, 2, 3, 4, 5, 6)\nscreen.text("a", 1, 2, size=3, z=1)\nscreen.text("a", 1)\nState.save("k")\nrun(update=print)\n`)).toEqual([
      '2:14: TypeError: shapes.circle() takes 3 positional arguments but 2 were given',
      '3:12: TypeError: shapes.line() takes 5 positional arguments but 6 were given',
      "4:12: TypeError: screen.text() got an unexpected keyword argument 'z'",
      '5:12: TypeError: screen.text() missing 1 required positional argument',
      '6:11: TypeError: State.save() takes 2 positional arguments but 1 were given',
    ])
  })

  it('uses the badge’s own argument counts where the emulator accepts more (BADGE_ARITY)', () => {
    expect(check(`${HEAD}brushes.color(1, 2)\nbrushes.color(1, 2, 3, 4, 5)\nbrushes.xor(9, 9)\nImage(16, 16)\nImage(0, 0, 16, 16)\nshapes.squircle(1, 2, 3)\nshapes.rectangle(1, 2, 3, 4, 5)\n`)).toEqual([
      '2:14: TypeError: brushes.color() takes at least 3 positional arguments but 2 were given',
      '4:12: TypeError: brushes.xor() takes at least 3 positional arguments but 2 were given',
      '5:6: TypeError: Image() takes 4 positional arguments but 2 were given',
      '7:16: TypeError: shapes.squircle() takes 4 positional arguments but 3 were given',
    ])
  })

  it('does not count calls with *args or **kw', () => {
    expect(check(`${HEAD}a = (1, 2)\nshapes.circle(*a)\nshapes.circle(1, **k)\n`)).toEqual([])
  })

  it('stays quiet where a name may be something else: a parameter, an assignment, a loop variable', () => {
    const src = `${HEAD}def paint(screen):\n    screen.drwa()\n\ndef other():\n    screen.drwa()\n\nfor io in range(3):\n    io.x\nshapes = None\nshapes.x\n`
    // Only the use in other() is the badge's screen.
    expect(check(src)).toEqual(["6:12: AttributeError: 'Image' object has no attribute 'drwa' (did you mean 'draw'?)"])
  })

  it('flags imports of modules the badge does not have, not those it has or the project’s own', () => {
    const files = ['apps/demo/__init__.py', 'apps/demo/levels.py', 'apps/demo/sprites/__init__.py', 'secrets.py', 'lib/tween.py', 'apps/other/util.py']
    expect(check('import numpy\nimport utime, machine, urllib.urequest\nfrom datetime import date\nimport levels, sprites, secrets, tween\nimport util\nfrom . import levels\n', files)).toEqual([
      "1:8: ImportError: no module named 'numpy'",
      "3:6: ImportError: no module named 'datetime'",
      "5:8: ImportError: no module named 'util'",
    ])
  })

  it('does not check imports inside try (optional modules handled by their except)', () => {
    expect(check('try:\n    import numpy\n    from badgeware import Colors\nexcept ImportError:\n    pass\n')).toEqual([])
  })

  it('spans the offending name', () => {
    const [d] = checkBadgeware(`${HEAD}screen.drwa()\n`, { path: 'a.py', api })
    expect(d).toMatchObject({ line: 2, col: 8, endLine: 2, endCol: 12, severity: 'error', source: 'badgeware' })
  })
})
