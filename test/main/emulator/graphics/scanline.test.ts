import { describe, expect, it } from 'vitest'
import { fillPaths } from '../../../../src/main/emulator/graphics/raster/scanline'
import { createSurface, type Surface } from '../../../../src/main/emulator/graphics/surface'
import * as S from '../../../../src/main/emulator/graphics/shapes'
import { stroke } from '../../../../src/main/emulator/graphics/stroke'
import * as M from '../../../../src/main/emulator/graphics/matrix'
import type { Brush } from '../../../../src/main/emulator/graphics/brush'

const f = Math.fround
const rnd = (x: number): number => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5))

/**
 * Straight transcription of the pseudo-code of API spec §7.3 (no optimisation), returning the
 * coverage of every pixel of a w×h target. The optimised filler must agree with it exactly.
 */
function referenceCoverage(paths: Float32Array[], w: number, h: number, n: number): number[][] {
  const out = Array.from({ length: h }, () => new Array<number>(w).fill(0))
  const pts = paths.map((p) => Array.from({ length: p.length / 2 }, (_, i) => [p[2 * i], p[2 * i + 1]]))
  const all = pts.flat()
  if (!all.length) return out
  const minx = Math.min(...all.map((p) => p[0])), maxx = Math.max(...all.map((p) => p[0]))
  const miny = Math.min(...all.map((p) => p[1])), maxy = Math.max(...all.map((p) => p[1]))
  const bx = minx, by = miny, bw = f(Math.ceil(maxx) - minx), bh = f(Math.ceil(maxy) - miny)
  const cl = Math.max(bx, 0), ct = Math.max(by, 0)
  const cw = f(Math.min(f(bx + bw), w) - cl), ch = f(Math.min(f(by + bh), h) - ct)
  if (!(cw > 0 && ch > 0)) return out
  const lut = (c: number): number => (n === 1 ? (c ? 255 : 0) : n === 2 ? (c === 4 ? 255 : c * 64) : c === 16 ? 255 : c * 16)
  for (let r = Math.trunc(ct); r < Math.trunc(f(ct + ch)); r++) {
    const count = new Array<number>(Math.ceil(cw) + 2).fill(0)
    for (let k = 0; k < n; k++) {
      const ys = f(r + f(f(1 / (n + 1)) * (k + 1)))
      const xs: number[] = []
      for (const path of pts) {
        for (let i = 0; i < path.length; i++) {
          const a = path[i], b = path[(i + 1) % path.length]
          const [top, bot] = a[1] < b[1] ? [a, b] : [b, a]
          if (top[1] <= ys && ys < bot[1]) {
            const slope = f(f(bot[0] - top[0]) / f(bot[1] - top[1]))
            xs.push(f(top[0] + f(f(ys - top[1]) * slope)))
          }
        }
      }
      xs.sort((p, q) => p - q)
      for (let i = 0; i + 1 < xs.length; i += 2) {
        const lim = Math.trunc(f(cw * n))
        const ja = Math.min(Math.max(rnd(f(f(xs[i] - cl) * n)), 0), lim)
        const jb = Math.min(Math.max(rnd(f(f(xs[i + 1] - cl) * n)), 0), lim)
        for (let j = ja; j < jb; j++) count[Math.floor(j / n)]++
      }
    }
    for (let i = 0; i < Math.trunc(cw); i++) out[r][Math.trunc(cl) + i] = lut(count[i])
  }
  return out
}

const WHITE: Brush = { kind: 'color', r: 255, g: 255, b: 255, a: 255 }

/** Coverage recovered from a white fill on transparent black (R = a for 255, (255·a) >> 8 else). */
function coverageOf(s: Surface): number[][] {
  const inv = new Map<number, number>()
  for (let c = 0; c <= 255; c++) inv.set(c === 255 ? 255 : (255 * c) >> 8, c)
  return Array.from({ length: s.height }, (_, y) => Array.from({ length: s.width }, (_, x) => (s.data[s.index(x, y) + 3] ? inv.get(s.data[s.index(x, y)])! : 0)))
}
const toR = (c: number): number => (c === 0 ? 0 : c === 255 ? 255 : (255 * c) >> 8)

function fill(shape: S.Shape, w: number, h: number, n: number, m = M.identity(), brush: Brush = WHITE): Surface {
  const s = createSurface(w, h)
  s.antialias = n
  s.brush = brush
  fillPaths(s, shape.paths, m)
  return s
}
const painted = (s: Surface): string[] => {
  const out: string[] = []
  for (let y = 0; y < s.height; y++) for (let x = 0; x < s.width; x++) if (s.data[s.index(x, y) + 3]) out.push(`${x},${y}`)
  return out
}

describe('fill: hand-derived cases (§7.3)', () => {
  it.each([1, 2, 4])('integer-aligned rectangles are crisp at antialias %i', (n) => {
    const cov = coverageOf(fill(S.rectangle(2, 1, 3, 2), 8, 5, n))
    for (let y = 0; y < 5; y++) for (let x = 0; x < 8; x++) expect(cov[y][x]).toBe(x >= 2 && x <= 4 && y >= 1 && y <= 2 ? 255 : 0)
  })

  it('rectangle(10,40,20,20).stroke(2.5) at n=1: left band 10–12 (2.5 rounds to 3), right band 28–29', () => {
    const s = fill(stroke(S.rectangle(10, 40, 20, 20), 2.5), 160, 120, 1)
    const row = Array.from({ length: 40 }, (_, x) => (s.data[s.index(x, 50) + 3] ? 1 : 0))
    expect(row.flatMap((v, x) => (v ? [x] : []))).toEqual([10, 11, 12, 28, 29])
  })

  it.each([
    // [name, shape, n, expected coverage of the painted pixels as "x,y=c"]
    ['half-pixel x at n=1 paints pixel 0 (box starts at 0.5)', S.rectangle(0.5, 0, 1, 1), 1, ['0,0=255']],
    ['half-pixel x at n=2', S.rectangle(0.5, 0, 1, 1), 2, ['0,0=255']],
    ['half-pixel y at n=1: only the centre sample of row 0 is inside', S.rectangle(0, 0.5, 1, 1), 1, ['0,0=255']],
    ['half-pixel y at n=2: one of two sample lines per row', S.rectangle(0, 0.5, 1, 1), 2, ['0,0=128', '0,1=128']],
    ['half-pixel y at n=4: two of four sample lines per row', S.rectangle(0, 0.5, 1, 1), 4, ['0,0=128', '0,1=128']],
  ] as const)('%s', (_name, shape, n, want) => {
    const s = fill(shape, 4, 4, n)
    const cov = coverageOf(s)
    expect(painted(s).map((p) => `${p}=${cov[+p.split(',')[1]][+p.split(',')[0]]}`)).toEqual(want)
  })

  it('even-odd rule: a nested path makes a hole', () => {
    const shape: S.Shape = { paths: [...S.rectangle(0, 0, 6, 6).paths, ...S.rectangle(2, 2, 2, 2).paths] }
    const s = fill(shape, 6, 6, 1)
    expect(painted(s)).not.toContain('2,2')
    expect(painted(s)).not.toContain('3,3')
    expect(painted(s)).toHaveLength(36 - 4)
  })

  it.each([
    ['clipped at the top-left', S.rectangle(-5, -5, 7, 7), ['0,0', '1,0', '0,1', '1,1']],
    ['clipped at the bottom-right', S.rectangle(2, 2, 100, 100), ['2,2', '3,2', '2,3', '3,3']],
    ['huge coordinates covering everything', S.rectangle(-1e30, -1e30, 2e30, 2e30), Array.from({ length: 16 }, (_, i) => `${i % 4},${i >> 2}`)],
    ['huge coordinates outside', S.rectangle(1e30, 1e30, 5, 5), []],
    ['NaN coordinates draw nothing', S.rectangle(NaN, 0, 2, 2), []],
    ['infinite size draws nothing', S.rectangle(0, 0, Infinity, 2), []],
    ['zero-length line (0/0 direction) draws nothing', S.line(1, 1, 1, 1, 2), []],
    ['zero-size rectangle draws nothing', S.rectangle(1, 1, 0, 0), []],
    ['arc with steps == 0 draws nothing', S.arc(2, 2, 2, 0, 360), []],
  ] as const)('%s', (_n, shape, want) => {
    expect(painted(fill(shape, 4, 4, 1))).toEqual(want)
  })

  it.each([0, -1])('antialias %i draws nothing', (n) => {
    expect(painted(fill(S.rectangle(0, 0, 4, 4), 4, 4, n))).toEqual([])
  })

  it('transform applies (translate then scale: last call applies first)', () => {
    const m = M.scale(M.translate(M.identity(), 2, 1), 2, 2)
    expect(painted(fill(S.rectangle(0, 0, 1, 1), 6, 6, 1, m))).toEqual(['2,1', '3,1', '2,2', '3,2'])
  })

  it('brighten brushes draw nothing with shapes; xor paints the XOR', () => {
    expect(painted(fill(S.rectangle(0, 0, 2, 2), 4, 4, 1, M.identity(), { kind: 'brighten', amount: 50 }))).toEqual([])
    const s = createSurface(2, 1)
    s.data.set([0x0f, 0xf0, 0xaa, 0, 0x0f, 0xf0, 0xaa, 0])
    s.brush = { kind: 'xor', r: 0xff, g: 0xff, b: 0x0f }
    fillPaths(s, S.rectangle(0, 0, 1, 1).paths, M.identity())
    expect([...s.data]).toEqual([0xf0, 0x0f, 0xa5, 255, 0x0f, 0xf0, 0xaa, 0])
  })

  it('translucent brush uses rule P with the coverage', () => {
    const s = fill(S.rectangle(0, 0.5, 1, 1), 1, 2, 2, M.identity(), { kind: 'color', r: 200, g: 0, b: 0, a: 128 })
    // coverage 128, brush alpha 128: a = (16512 + 64) >> 8 = 64; R = (200*64) >> 8 = 50
    expect([...s.data.subarray(0, 4)]).toEqual([50, 0, 0, 255])
  })
})

describe('fill: agrees with the literal §7.3 pseudo-code', () => {
  // Deterministic pseudo-random shapes (xorshift), every antialias level.
  let seed = 12345
  const rand = (): number => {
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return ((seed >>> 0) % 100000) / 100000
  }
  const shapes: [string, S.Shape][] = []
  for (let i = 0; i < 12; i++) {
    const x = rand() * 40 - 5, y = rand() * 30 - 5, r = rand() * 15 + 0.3
    shapes.push([`circle ${i}`, S.circle(x, y, r)])
    shapes.push([`polygon ${i}`, S.regularPolygon(x, y, r, 3 + Math.floor(rand() * 6))])
    shapes.push([`stroked rounded rect ${i}`, stroke(S.roundedRectangle(x, y, r * 2, r, r / 3), 1.5)])
    shapes.push([`line ${i}`, S.line(x, y, rand() * 40, rand() * 30, 0.5 + rand() * 3)])
    shapes.push([`pie ${i}`, S.pie(x, y, r, rand() * 360, rand() * 720 - 360)])
    shapes.push([`squircle ${i}`, stroke(S.squircle(x, y, r, 2 + rand() * 4), -1)])
  }
  it.each(shapes.flatMap(([name, s]) => [1, 2, 4].map((n) => [`${name} n=${n}`, s, n] as const)))('%s', (_name, shape, n) => {
    const want = referenceCoverage(shape.paths, 40, 30, n).map((row) => row.map(toR))
    // twice: the filler's reused scratch buffers must start clean every time
    for (const pass of ['first', 'second']) {
      const got = fill(shape, 40, 30, n)
      const gotR = Array.from({ length: 30 }, (_, y) => Array.from({ length: 40 }, (_, x) => got.data[got.index(x, y)]))
      expect(gotR, pass).toEqual(want)
    }
    // and on a smaller target (clipping)
    const small = fill(shape, 20, 15, n)
    const ref = referenceCoverage(shape.paths, 20, 15, n).map((row) => row.map(toR))
    expect(Array.from({ length: 15 }, (_, y) => Array.from({ length: 20 }, (_, x) => small.data[small.index(x, y)]))).toEqual(ref)
  })
})
