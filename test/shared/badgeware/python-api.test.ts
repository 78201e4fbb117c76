import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildApiIndex, callSnippet, lookup, membersOf, parseModule } from '../../../src/shared/badgeware/python-api'

const SAMPLE = `
__all__ = ["shapes", "Image", "screen", "helper"]

class shapes:
    # Namespace of shape factories.
    @staticmethod
    def circle(x, y, r):
        # A circle centred on (x, y).
        return None

    @staticmethod
    def _private(a):
        pass

class Image:
    """An image or the screen."""
    MAX = 4
    def __init__(self, w, h, _h=None):
        pass

    @property
    def width(self):
        return 1

    @width.setter
    def width(self, v):
        pass

    def blit(self, src, x, y):
        """Copies src at (x, y)."""

def helper(a, b=2):
    '''Adds.'''

def _hidden():
    pass

screen = Image(_h=1)
`

describe('badgeware API extraction', () => {
  it('finds classes, static methods, properties, constants, functions and instances with their docs', () => {
    const { exports, members } = parseModule('pv', SAMPLE)
    expect(exports.map((s) => s.name).sort()).toEqual(['Image', 'helper', 'screen', 'shapes'])
    expect(exports.find((s) => s.name === 'shapes')?.doc).toBe('Namespace of shape factories.')
    expect(exports.find((s) => s.name === 'Image')).toMatchObject({ kind: 'class', signature: '(w, h)', doc: 'An image or the screen.' })
    expect(exports.find((s) => s.name === 'helper')).toMatchObject({ kind: 'function', signature: '(a, b=2)', doc: 'Adds.' })
    expect(exports.find((s) => s.name === 'screen')).toMatchObject({ type: 'Image' })
    expect(members.get('shapes')).toEqual([
      expect.objectContaining({ name: 'circle', kind: 'method', signature: '(x, y, r)', doc: 'A circle centred on (x, y).' }),
    ])
    const img = members.get('Image')!.map((m) => `${m.kind}:${m.name}`)
    expect(img).toEqual(['constant:MAX', 'property:width', 'method:blit'])
  })

  it('resolves members through instances (screen.blit) and looks up hover docs', () => {
    const index = buildApiIndex({ pv: SAMPLE })
    expect(membersOf(index, 'screen').map((m) => m.name)).toContain('blit')
    expect(lookup(index, 'blit', 'screen')?.doc).toBe('Copies src at (x, y).')
    expect(lookup(index, 'circle', 'shapes')?.signature).toBe('(x, y, r)')
    expect(lookup(index, 'nothing')).toBeUndefined()
  })

  it('extracts the real emulator modules in wasm/python', () => {
    const dir = path.resolve(__dirname, '../../../wasm/python')
    const mods: Record<string, string> = {}
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.py'))) mods[f.replace(/\.py$/, '')] = readFileSync(path.join(dir, f), 'utf8')
    const index = buildApiIndex(mods)
    expect(index.globals.get('screen')?.type).toBe('Image')
    expect(membersOf(index, 'shapes').map((m) => m.name)).toEqual(expect.arrayContaining(['rectangle', 'circle', 'line']))
    expect(membersOf(index, 'screen').map((m) => m.name)).toEqual(expect.arrayContaining(['clear', 'draw', 'text', 'brush']))
    expect(lookup(index, 'color', 'brushes')?.signature).toBe('(*args)')
    // `io = _IO()` in an underscore module: its instance attributes and methods complete.
    expect(membersOf(index, 'io').map((m) => m.name)).toEqual(expect.arrayContaining(['pressed', 'held', 'ticks', 'poll', 'BUTTON_A']))
  })

  it("takes a private class's instance attributes from __init__ (self.x = …, with a trailing comment as doc)", () => {
    const src = `class _IO:
    A = 1

    def __init__(self):
        self.ticks = 0  # ms since boot
        self._mask = 0
        if True:
            self.held = ()

    def poll(self):
        self.later = 1

io = _IO()
`
    const index = buildApiIndex({ _bw_io: src })
    expect(index.globals.get('io')?.type).toBe('_IO')
    expect(membersOf(index, 'io').map((m) => `${m.kind}:${m.name}`)).toEqual(['constant:A', 'property:ticks', 'property:held', 'method:poll'])
    expect(lookup(index, 'ticks', 'io')?.doc).toBe('ms since boot')
  })

  it("lists each module's names: a multi-line __all__ (re-exports included) and its public definitions", () => {
    const index = buildApiIndex({
      bw: `from pv import *\ndef run(update):\n    pass\n\ndef _private():\n    pass\n\n__all__ = [\n    "screen", "run",\n    "clamp",\n]\n`,
      pv: `__all__ = ["screen"]\nclass Font:\n    pass\nscreen = 1\n`,
    })
    expect([...index.modules.get('bw')!].sort()).toEqual(['clamp', 'run', 'screen'])
    // Font is left out of __all__ (not re-exported by `import *`) but `pv.Font` exists.
    expect([...index.modules.get('pv')!].sort()).toEqual(['Font', 'screen'])
  })

  it('builds call snippets from required arguments only', () => {
    expect(callSnippet('circle', '(x, y, r)')).toBe('circle(${x}, ${y}, ${r})')
    expect(callSnippet('helper', '(a, b=2)')).toBe('helper(${a})')
    expect(callSnippet('color', '(*args)')).toBe('color()${}')
    expect(callSnippet('poll', '()')).toBe('poll()${}')
  })
})
