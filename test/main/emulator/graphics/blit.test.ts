import { describe, expect, it } from 'vitest'
import { blit, scaleBlit } from '../../../../src/main/emulator/graphics/blit'
import { createSurface, createWindow, Surface } from '../../../../src/main/emulator/graphics/surface'

/** A w×h opaque image whose pixel (x, y) has R = x, G = y (B = 77). */
function ramp(w: number, h: number): Surface {
  const s = createSurface(w, h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) s.data.set([x, y, 77, 255], s.index(x, y))
  return s
}
const rowR = (s: Surface, y: number): number[] => Array.from({ length: s.width }, (_, x) => s.data[s.index(x, y)])
const runs = (v: number[]): number[] => {
  const out: number[] = []
  v.forEach((x, i) => (i && v[i - 1] === x ? out[out.length - 1]++ : out.push(1)))
  return out
}

describe('scale_blit sampling (§5.5)', () => {
  it('10 → 30 px: dp = 21845, column 0 fills 4, columns 1–8 fill 3, column 9 fills 2', () => {
    const d = createSurface(30, 1)
    scaleBlit(d, ramp(10, 1), 0, 0, 30, 1)
    const r = rowR(d, 0)
    expect([...new Set(r)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(runs(r)).toEqual([4, 3, 3, 3, 3, 3, 3, 3, 3, 2])
  })
  it('mirrored enlargement 16 → −32 of a window reads the parent pixel left of the window as column −1', () => {
    const parent = ramp(20, 2)
    parent.data.set([200, 0, 0, 255], parent.index(1, 1)) // left neighbour of the window's row 0
    const win = createWindow(parent, 2, 1, 16, 1)
    const d = createSurface(32, 1)
    scaleBlit(d, win, 0, 0, -32, 1)
    const r = rowR(d, 0)
    expect(r[0]).toBe(17) // source column 15 (parent column 17)
    expect(runs(r.slice(0, 31))).toEqual([1, ...new Array(15).fill(2)])
    expect(r.slice(1, 31).filter((_, i) => i % 2 === 0)).toEqual([16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2])
    expect(r[31]).toBe(200) // column −1
  })
  it('on a whole image column −1 of row r is pixel (w−1, r−1); row 0 reads nothing', () => {
    const src = ramp(16, 2)
    const d = createSurface(32, 2)
    scaleBlit(d, src, 0, 0, -32, 2)
    expect(d.data[d.index(31, 1)]).toBe(15)
    expect(d.data[d.index(31, 1) + 1]).toBe(0) // G = row 0 → pixel (15, 0)
    expect([...d.data.subarray(d.index(31, 0), d.index(31, 0) + 4)]).toEqual([0, 0, 0, 0])
  })
  it('negative height mirrors vertically within the same rectangle', () => {
    const d = createSurface(1, 4)
    scaleBlit(d, ramp(1, 4), 0, 0, 1, -4)
    expect([0, 1, 2, 3].map((y) => d.data[d.index(0, y) + 1])).toEqual([3, 2, 1, 0])
  })
  it('clipping keeps the sample positions of the unclipped blit', () => {
    const a = createSurface(40, 1), b = createSurface(40, 1)
    scaleBlit(a, ramp(7, 1), 5, 0, 23, 1)
    scaleBlit(b, ramp(7, 1), -5, 0, 23, 1)
    expect(rowR(b, 0).slice(0, 13)).toEqual(rowR(a, 0).slice(10, 23))
  })
  it.each([
    [0, 5], [5, 0], [0.9, 5],
  ])('w=%d h=%d draws nothing (sizes truncated first)', (w, h) => {
    const d = createSurface(4, 4)
    scaleBlit(d, ramp(2, 2), 0, 0, w, h)
    expect(d.data.every((v) => v === 0)).toBe(true)
  })
  it('huge sizes and positions neither hang nor throw', () => {
    const d = createSurface(8, 8)
    scaleBlit(d, ramp(2, 2), -1e12, -1e12, 2e12, 2e12)
    scaleBlit(d, ramp(2, 2), NaN, 0, 4, 4)
    scaleBlit(d, ramp(2, 2), 0, 0, Infinity, -Infinity)
    expect(d.data[3]).toBe(255)
  })
  it('uses rule B3: translucent pixels leave the destination alpha unchanged', () => {
    const src = createSurface(1, 1)
    src.data.set([255, 255, 255, 255])
    src.alpha = 127 // ca = 255·128 // 256 = 127
    const d = createSurface(1, 1)
    scaleBlit(d, src, 0, 0, 1, 1)
    expect([...d.data]).toEqual([127, 127, 127, 0]) // 255·127 // 255 = 127
  })
})

describe('blit (§5.4)', () => {
  it('negative positions skip the source’s left/top part; positions are truncated', () => {
    const d = createSurface(4, 4)
    blit(d, ramp(4, 4), -1.7, -2.2)
    expect(d.data[d.index(0, 0)]).toBe(1)
    expect(d.data[d.index(0, 0) + 1]).toBe(2)
    expect(d.data[d.index(3, 0) + 3]).toBe(0) // source had only 3 columns left
  })
  it('B1 for true colour (alpha forced 255), B2 for paletted (alpha kept)', () => {
    const tc = createSurface(1, 1)
    tc.data.set([255, 255, 255, 255])
    tc.alpha = 128
    const d1 = createSurface(1, 1)
    blit(d1, tc, 0, 0)
    expect([...d1.data]).toEqual([127, 127, 127, 255]) // (255·128) >> 8
    const pal = new Uint8Array(1024)
    pal.set([255, 255, 255, 128], 4)
    const p = new Surface(Uint8Array.of(1), 1, 0, 1, 1, pal)
    const d2 = createSurface(1, 1)
    blit(d2, p, 0, 0)
    expect([...d2.data]).toEqual([128, 128, 128, 0]) // 255·128 // 255
  })
  it('a paletted destination is left unchanged', () => {
    const d = new Surface(new Uint8Array(4), 2, 0, 2, 2, new Uint8Array(1024))
    blit(d, ramp(2, 2), 0, 0)
    scaleBlit(d, ramp(2, 2), 0, 0, 2, 2)
    expect([...d.data]).toEqual([0, 0, 0, 0])
  })
  it('zero-size images blit nothing', () => {
    const d = createSurface(2, 2)
    blit(d, createSurface(0, 0), 0, 0)
    scaleBlit(d, createSurface(0, 5), 0, 0, 2, 2)
    expect(d.data.every((v) => v === 0)).toBe(true)
  })
})

describe('windows (§5.6)', () => {
  it.each([
    [[5, 3, -3, -2], [2, 1, 3, 2]],
    [[-2, -2, 5, 5], [0, 0, 3, 3]],
    [[8, 8, 4, 4], [8, 8, 2, 2]],
    [[20, 20, 4, 4], [0, 0, 0, 0]],
  ])('window%j normalises and clips to origin/size %j', (args, [ox, oy, w, h]) => {
    const p = createSurface(10, 10)
    const win = createWindow(p, args[0], args[1], args[2], args[3])
    expect([win.width, win.height]).toEqual([w, h])
    if (w) expect(win.offset).toBe(oy * 10 + ox)
  })
  it('shares pixels and copies alpha, antialias, palette and brush', () => {
    const p = createSurface(4, 4)
    p.alpha = 9
    p.antialias = 4
    p.brush = { kind: 'xor', r: 1, g: 2, b: 3 }
    const w = createWindow(createWindow(p, 1, 1, 3, 3), 1, 1, 2, 2)
    expect([w.alpha, w.antialias, w.brush]).toEqual([9, 4, p.brush])
    w.data[w.index(0, 0)] = 42
    expect(p.data[p.index(2, 2)]).toBe(42)
  })
})
