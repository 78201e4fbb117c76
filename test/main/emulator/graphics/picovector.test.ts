import { beforeAll, describe, expect, it } from 'vitest'
import { encode } from 'fast-png'
import { createMpGraphics, type MpGraphics } from '../../../helpers/mp-graphics'
import { encodePpf } from '../../../../src/main/emulator/graphics/fonts/ppf'
import { encodeAf } from '../../../../src/main/emulator/graphics/fonts/af'

let mp: MpGraphics
const py = (code: string): string => {
  const r = mp.run(code)
  if (r.error) throw new Error(r.error)
  return r.stdout.trim()
}
/** Runs `expr` and prints the exception's type name and message (or "no error"). */
const raises = (stmt: string): string =>
  py(`try:\n    ${stmt}\n    print("no error")\nexcept Exception as e:\n    print(type(e).__name__, e)`)

beforeAll(async () => {
  mp = await createMpGraphics()
  mp.writeFile('/t/font.ppf', encodePpf('Tiny 3', 6, 3, [{ codepoint: 65, rows: ['##', '##', '##'] }, { codepoint: 32, rows: [], width: 0 }]))
  mp.writeFile('/t/font.af', encodeAf([{ codepoint: 65, bx: 0, by: 0, bw: 64, bh: 64, advance: 70, paths: [Float32Array.of(0, -64, 64, -64, 64, 0)] }]))
  mp.writeFile('/t/rgb.png', encode({ width: 3, height: 2, depth: 8, channels: 3, data: Uint8Array.from({ length: 18 }, (_, i) => i * 10) }))
  mp.writeFile('/t/pal.png', encode({ width: 2, height: 1, depth: 8, channels: 1, data: Uint8Array.of(1, 0), palette: [[10, 20, 30], [40, 50, 60]] } as Parameters<typeof encode>[0]))
  mp.writeFile('/t/sheet.png', encode({ width: 10, height: 4, depth: 8, channels: 4, data: Uint8Array.from({ length: 160 }, (_, i) => (i % 4 === 3 ? 255 : (i >> 2) % 10)) }))
  mp.writeFile('/t/garbage.png', Uint8Array.of(1, 2, 3))
  mp.writeFile('/t/trunc.png', encode({ width: 8, height: 8, depth: 8, channels: 4, data: new Uint8Array(256) }).subarray(0, 50))
  mp.writeFile('/t/bad.ppf', Uint8Array.of(1, 2, 3, 4, 5))
  mp.writeFile('/t/trunc.ppf', encodePpf('x', 8, 8, [{ codepoint: 65, rows: ['#'] }]).subarray(0, 50))
  py('from picovector import *\nfrom picovector import Font\nimport picovector, os')
})

describe('picovector module surface (§3.2, §3.3)', () => {
  it('exposes the module names and type names', () => {
    expect(py('print(sorted(n for n in ("brushes","shapes","Image","PixelFont","Font","Matrix","io","screen") if hasattr(picovector, n)))')).toBe(
      "['Font', 'Image', 'Matrix', 'PixelFont', 'brushes', 'io', 'screen', 'shapes']",
    )
    expect(py('print(type(screen).__name__, type(shapes.circle(0,0,1)).__name__, type(brushes.color(1,2,3)).__name__, type(Matrix()).__name__, type(PixelFont.load("/t/font.ppf")).__name__, type(Font.load("/t/font.af")).__name__)')).toBe(
      'Image Shape Brush Matrix PixelFont Font',
    )
    expect(py('print(Image.OFF, Image.X2, Image.X4, screen.X4, screen.width, screen.height, screen.has_palette, screen.alpha, screen.antialias, screen.brush)')).toBe('1 2 4 4 160 120 False 255 1 None')
    expect(py('print(picovector.screen is screen, screen.font.name)')).toBe('True Badge IDE 5x7')
    // badgeware does `from picovector import *` and must not re-export Font (§3.2)
    expect(py('ns = {}\nexec("from picovector import *", ns)\nprint(sorted(k for k in ns if not k.startswith("__")))')).toBe(
      "['Image', 'Matrix', 'PixelFont', 'brushes', 'io', 'screen', 'shapes']",
    )
  })
})

describe('exceptions are catchable Python exceptions (§5, §9, §17)', () => {
  it.each([
    ['Image(0, 0, 1.0, 2)', 'TypeError'],
    ['Image(0, 0, -1, 5)', 'ValueError'],
    ['Image(0, 0, 100000, 100000)', 'MemoryError'],
    ['Image(0, 0, 2**40, 1)', 'MemoryError'],
    ['Image(1, 2, 3)', 'TypeError'],
    ['screen.alpha = 1.5', 'TypeError'],
    ['screen.antialias = 2.0', 'TypeError'],
    ['screen.brush = 5', 'TypeError'],
    ['screen.font = "sins"', 'TypeError'],
    ['screen.window(0, 0, 1.5, 2)', 'TypeError'],
    ['shapes.circle(0, 0, 1).transform = 5', 'TypeError'],
    ['screen.draw(5)', 'TypeError'],
    ['screen.blit(shapes.circle(0, 0, 1), 0, 0)', 'TypeError'],
    ['shapes.circle("a", 1, 2)', 'TypeError'],
    ['brushes.color(1, 2)', 'TypeError'],
    ['screen.text(42, 0, 0)', 'TypeError'],
    ['shapes.regular_polygon(0, 0, 5, 1e9)', 'ValueError'],
    ['shapes.rounded_rectangle(0, 0, 5, 5, 1e9)', 'ValueError'],
    ['Image.load("/t/missing.png")', 'OSError [Errno 2] ENOENT'],
    ['Image.load("/t")', 'OSError [Errno 2] ENOENT'],
    ['Image.load("/t/garbage.png")', 'OSError not a PNG file: /t/garbage.png'],
    ['Image.load("/t/trunc.png")', 'OSError'],
    ['Image.load(5)', 'TypeError'],
    ['PixelFont.load("/t/nope.ppf")', 'OSError [Errno 2] ENOENT'],
    ['PixelFont.load("/t/bad.ppf")', 'OSError failed to load font, missing PPF header'],
    ['PixelFont.load("/t/trunc.ppf")', 'OSError failed to load font, truncated PPF data'],
    ['Font.load("/t/font.ppf")', 'OSError failed to load font, missing AF header'],
    ['Image(0, 0, 4, 4).text("A", 0, 0)', 'OSError target image has no font'],
    ['Image(0, 0, 4, 4).measure_text("A")', 'OSError target image has no font'],
    ['screen.window(0, 0, 4, 4).text("A", 0, 0)', 'OSError target image has no font'],
  ])('%s → %s', (stmt, want) => {
    expect(raises(stmt).startsWith(want)).toBe(true)
  })
  it.each([
    'screen.draw(shapes.circle(float("nan"), 0, 5))',
    'screen.draw(shapes.rectangle(-1e30, -1e30, 2e30, 2e30))',
    'screen.draw(shapes.circle(2**40, 2**40, 2**41))',
    'screen.blit(Image(0, 0, 4, 4), 2**40, -2**40)',
    'screen.scale_blit(Image(0, 0, 4, 4), float("nan"), 0, float("inf"), -1e300)',
    'screen.scale_blit(Image(0, 0, 0, 0), 0, 0, 10, 10)',
    'screen.text("A\\u00ff\\u2603\\n", float("inf"), float("-inf"))',
    'screen.antialias = 3',
    'screen.antialias = -5',
    'screen.antialias = 10**30',
    'brushes.color(2**70, float("nan"), -1e300)',
    'shapes.line(1, 1, 1, 1, 5).stroke(3)',
    'Image(0, 0, 0, 0).clear()',
  ])('%s does not raise', (stmt) => {
    expect(raises(`${stmt}; screen.antialias = 1`)).toBe('no error')
  })
})

describe('attribute semantics (§5.2, §5.6, §7.1, §8)', () => {
  it('transform getter and setter copy; Matrix methods mutate and return copies', () => {
    expect(
      py(`s = shapes.rectangle(0, 0, 1, 1)
t = s.transform
t.translate(5, 5)
print(s.transform)
s.transform = t
t.translate(1, 1)
print(s.transform)
m = Matrix()
n = m.translate(2, 3)
m.scale(2)
print(n, m, n is m)`),
    ).toBe('Matrix(1, 0, 0, 0, 1, 0)\nMatrix(1, 0, 5, 0, 1, 5)\nMatrix(1, 0, 2, 0, 1, 3) Matrix(2, 0, 2, 0, 2, 3) False')
  })
  it('assigning width/height/has_palette sets antialias instead (device slip)', () => {
    expect(py('i = Image(0, 0, 8, 4)\ni.width = 2\nprint(i.width, i.antialias)\ni.has_palette = 4\nprint(i.has_palette, i.antialias)')).toBe('8 2\nFalse 4')
  })
  it('alpha wraps to a byte; antialias reads back any int', () => {
    expect(py('i = Image(0, 0, 1, 1)\ni.alpha = 300\ni.antialias = 3\nprint(i.alpha, i.antialias)')).toBe('44 3')
  })
  it('brush components wrap modulo 256 and the unset brush paints white', () => {
    expect(
      py(`i = Image(0, 0, 2, 1)
w = i.window(1, 0, 1, 1)
i.clear()
print(i.brush)
i.brush = brushes.color(300, -1, 256.7)
w.clear()
screen.brush = brushes.color(0, 0, 0)
screen.clear()
screen.blit(i, 0, 0)`),
    ).toBe('None')
    const f = mp.frame()
    expect([...f.subarray(0, 8)]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]) // window kept the parent's effective (white) brush
  })
  it('windows share pixels, copy the effective brush, start without brush/font', () => {
    expect(
      py(`i = Image(0, 0, 4, 4)
i.brush = brushes.color(10, 20, 30)
w = i.window(3, 3, -2, -2)
print(w.width, w.height, w.brush, w.font)
w.clear()
screen.clear()
screen.blit(i, 0, 0)`),
    ).toBe('2 2 None None')
    const f = mp.frame()
    const at = (x: number, y: number): number[] => [...f.subarray((y * 160 + x) * 4, (y * 160 + x) * 4 + 4)]
    // window(3, 3, -2, -2) is window(1, 1, 2, 2): only that square of the parent changed
    const C = [10, 20, 30, 255], K = [0, 0, 0, 255]
    expect([at(0, 0), at(1, 1), at(2, 1), at(1, 2), at(2, 2), at(3, 3), at(3, 1)]).toEqual([K, C, C, C, C, K, K])
  })
  it('measure_text returns floats; bytes and str are drawn byte-wise alike', () => {
    expect(py('screen.font = PixelFont.load("/t/font.ppf")\nprint(screen.measure_text("A A  "), screen.measure_text(""), screen.font.height, screen.font.name)')).toBe("(8.0, 3.0) (0.0, 3.0) 3 Tiny 3")
    expect(py('f = Font.load("/t/font.af")\ni = Image(0, 0, 4, 4)\ni.font = f\nprint(i.measure_text("AA", 128), i.font is f)')).toBe('(141.0, 128.0) True')
    py('screen.brush = brushes.color(0,0,0)\nscreen.clear()\nscreen.brush = brushes.color(255,255,255)\nscreen.text("\\u00c1", 0, 0)')
    const a = mp.frame()
    py('screen.brush = brushes.color(0,0,0)\nscreen.clear()\nscreen.brush = brushes.color(255,255,255)\nscreen.text(b"\\xc3\\x81", 0, 0)')
    expect(mp.frame()).toEqual(a)
  })
  it('relative paths resolve against the working directory; loads are independent', () => {
    expect(
      py(`os.chdir("/t")
a = Image.load("rgb.png")
b = Image.load("./../t/rgb.png")
a.alpha = 5
print(a.width, a.height, b.alpha, a is b, Image.load("pal.png").has_palette, a.has_palette)`),
    ).toBe('3 2 255 False True False')
  })
  it('load_into overwrites (no blending) and clips', () => {
    py(`i = Image(0, 0, 2, 2)
i.brush = brushes.color(1, 1, 1)
i.clear()
i.load_into("/t/rgb.png")
screen.brush = brushes.color(0, 0, 0, 0)
screen.load_into("/t/pal.png")
screen.blit(i, 4, 0)`)
    const f = mp.frame()
    expect([...f.subarray(0, 8)]).toEqual([40, 50, 60, 255, 10, 20, 30, 255])
    expect([...f.subarray(16, 24)]).toEqual([0, 10, 20, 255, 30, 40, 50, 255])
    expect([...f.subarray(160 * 4 + 16, 160 * 4 + 20)]).toEqual([90, 100, 110, 255])
  })
})

describe('sprites (§11)', () => {
  it('sprite() returns the same window; frames wrap; default count = int(width / cw)', () => {
    expect(
      py(`from _pv_sprites import SpriteSheet, AnimatedSprite
s = SpriteSheet("/t/sheet.png", 4, 2)
print(s.sprite(1, 0) is s.sprite(1, 0), s.sprite(-1, -1) is s.sprite(3, 1), s.sprite(1, 1).width, s.sprite(1, 1).height)
a = s.animation(count=0)
print(a.count(), s.animation(1, 1, 2).count(), a.frame(6) is s.sprite(1, 0), a.frame(-5.5) is s.sprite(0, 0), a.frame(13.9) is s.sprite(3, 0))
try:
    a.frame(4)
except IndexError:
    print("IndexError")
v = s.animation(2, 0, 2, False)
print(v.frame(1) is s.sprite(2, 1), v.frame(3) is s.sprite(2, 1))`),
    ).toBe('True True 2 2\n5 2 True True True\nIndexError\nTrue True')
  })
})

describe('memory estimate (§17)', () => {
  it('counts images at 4 B/px and paletted ones at 1 B/px + 1 KB, windows not again; frees on gc', () => {
    py('import gc\ngc.collect()')
    const before = mp.native.liveBytes()
    py('_keep = [Image(0, 0, 10, 10), Image.load("/t/pal.png")]\n_win = _keep[0].window(1, 1, 2, 2)')
    expect(mp.native.liveBytes() - before).toBe(400 + 2 + 1024)
    py('_font = PixelFont.load("/t/font.ppf")')
    const ppfSize = 46 + 6 * 2 + 2 * 3 // two glyphs, one byte per row, 3 rows
    expect(mp.native.liveBytes() - before).toBe(400 + 2 + 1024 + ppfSize + 64)
    py('del _keep, _win, _font\nfor _k in range(20):\n    Image(0, 0, 50, 50)\ngc.collect()')
    expect(mp.native.liveBytes()).toBe(before)
  })
})

describe('portability warnings (§17 diagnostics)', () => {
  it.each([
    ['Image(4, 4)', 'Image(w, h)'],
    ['brushes.color(128)', 'one grey value'],
    ['shapes.rectangle(0, 0, 4, 4, 2)', 'extra arguments to shapes.rectangle'],
    ['Image(0, 0, 1, 1).antialias = 3', 'antialias 3'],
    ['Image(0, 0, 1, 1).width = 2', 'sets antialias'],
    ['Image.load("/t/pal.png").clear()', 'paletted image'],
    ['Image.load("/t/pal.png").blit(Image(0, 0, 1, 1), 0, 0)', 'paletted image'],
    ['i = Image(0, 0, 9, 9)\n    i.font = PixelFont.load("/t/font.ppf")\n    i.text("AZ", 0, 0)', 'no glyph for byte 0x5a'],
  ])('%s', (stmt, text) => {
    expect(raises(stmt)).toBe('no error')
    expect(mp.warnings.some((w) => w.includes(text))).toBe(true)
  })
})
