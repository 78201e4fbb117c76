import { describe, expect, it } from 'vitest'
import * as S from '../../../../src/main/emulator/graphics/shapes'
import { stroke } from '../../../../src/main/emulator/graphics/stroke'
import * as M from '../../../../src/main/emulator/graphics/matrix'

const pts = (s: S.Shape, i = 0): [number, number][] =>
  Array.from({ length: s.paths[i].length / 2 }, (_, k) => [s.paths[i][2 * k], s.paths[i][2 * k + 1]])
const near = (a: [number, number], b: [number, number]): void => {
  expect(a[0]).toBeCloseTo(b[0], 4)
  expect(a[1]).toBeCloseTo(b[1], 4)
}

describe('primitives (§7.2)', () => {
  it('circle is a 32-gon whose vertex 0 is straight down, 8 right, 16 up, 24 left', () => {
    const p = pts(S.circle(50, 40, 10))
    expect(p).toHaveLength(32)
    near(p[0], [50, 50])
    near(p[8], [60, 40])
    near(p[16], [50, 30])
    near(p[24], [40, 40])
  })
  it.each([
    [5.9, 5], [3, 3], [0, 0], [-4, 0],
  ])('regular_polygon with %d sides has %i vertices (truncated)', (sides, n) => {
    const s = S.regularPolygon(0, 0, 10, sides)
    expect(s.paths[0].length / 2).toBe(n)
    if (n) near(pts(s)[0], [0, 10])
  })
  it('regular_polygon with an enormous side count raises instead of allocating', () => {
    expect(() => S.regularPolygon(0, 0, 1, 1e9)).toThrow(S.TooManyPointsError)
  })
  it('rectangle lists (x,y),(x+w,y),(x+w,y+h),(x,y+h)', () => {
    expect(pts(S.rectangle(1, 2, 3, 4))).toEqual([[1, 2], [4, 2], [4, 6], [1, 6]])
  })
  it.each([
    // radii, expected point count: r>0 → ceil(r/5)+2, r=0 → 1
    [[5, 5, 5, 5], 12],
    [[0, 5, 0, 10], 1 + 3 + 1 + 4],
    [[2.5, 0, 0, 0], 3 + 1 + 1 + 1],
    [[11, 11, 11, 11], 4 * 5],
  ])('rounded_rectangle radii %j → %i points', (r, n) => {
    expect(S.roundedRectangle(0, 0, 40, 30, r[0], r[1], r[2], r[3]).paths[0].length / 2).toBe(n)
  })
  it('rounded_rectangle corner arcs run TL → TR → BR → BL, from the previous corner side', () => {
    const p = pts(S.roundedRectangle(0, 0, 20, 10, 5))
    near(p[0], [0, 5]) // TL starts on the left side (nearer BL)
    near(p[2], [5, 0]) // and ends on the top side
    near(p[3], [15, 0]) // TR starts on top
    near(p[5], [20, 5])
    near(p[6], [20, 5]) // BR
    near(p[8], [15, 10])
    near(p[9], [5, 10]) // BL
    near(p[11], [0, 5])
  })
  it('squircle has 32 points starting at (x+size, y)', () => {
    const p = pts(S.squircle(10, 10, 5))
    expect(p).toHaveLength(32)
    expect(p[0][0]).toBeCloseTo(15, 4)
    expect(Math.abs(p[0][1] - 10)).toBeLessThan(0.01)
    expect(p[8][1]).toBeCloseTo(5, 3) // t = 3π/2 → sin = −1 → y − size
  })
  it('line is a clockwise quad of the given width with flush ends', () => {
    expect(pts(S.line(0, 5, 10, 5, 2))).toEqual([[0, 4], [10, 4], [10, 6], [0, 6]])
  })
  it.each([
    // from, to, steps = trunc(32·|to−from|/360) after fmod reduction
    [0, 90, 8], [0, 10, 0], [370, 450, 7], [-30, 30, 5], [0, 360, 0], [90, 0, 8], [0, 359, 31],
  ])('arc %d → %d has %i steps', (a, b, steps) => {
    const s = S.arc(0, 0, 10, a, b)
    expect(s.paths.length ? s.paths[0].length / 2 - 1 : 0).toBe(steps)
    const pie = S.pie(3, 4, 10, a, b)
    expect(pie.paths.length ? pie.paths[0].length / 2 - 2 : 0).toBe(steps)
    if (steps) expect(pts(pie).at(-1)).toEqual([3, 4])
  })
})

describe('stroke (§7.4)', () => {
  const radii = (s: S.Shape): number[] => pts(s).map(([x, y]) => Math.hypot(x, y))
  it('a rectangle band is inside (the new points are inset by w)', () => {
    const p = pts(stroke(S.rectangle(10, 10, 20, 10), 1))
    expect(p).toHaveLength(10)
    expect(p.slice(0, 5)).toEqual([[10, 10], [30, 10], [30, 20], [10, 20], [10, 10]])
    for (const [q, w] of p.slice(5).map((q, i) => [q, [[11, 11], [29, 11], [29, 19], [11, 19], [11, 11]][i]] as const)) near(q, w as [number, number])
  })
  it('a circle band is outside; a negative width puts it inside', () => {
    expect(Math.min(...radii(stroke(S.circle(0, 0, 10), 2)).slice(33))).toBeGreaterThan(11.9)
    expect(Math.max(...radii(stroke(S.circle(0, 0, 10), -2)).slice(33))).toBeLessThan(8.1)
  })
  it.each([
    [10, 100, 'outside'], [100, 10, 'inside'],
  ])('arc %d→%d strokes %s', (a, b, side) => {
    const s = stroke(S.arc(0, 0, 10, a, b), 2)
    const n = s.paths[0].length / 4 - 1
    const r = radii(s).slice(n + 2, 2 * n + 1) // new points except the chord ends
    const mid = r[Math.floor(r.length / 2)]
    if (side === 'outside') expect(mid).toBeGreaterThan(11)
    else expect(mid).toBeLessThan(9)
  })
  it('a two-point path becomes the quad p0, p1, p1+w·n, p0+w·n', () => {
    const s: S.Shape = { paths: [Float32Array.of(0, 0, 10, 0)] }
    expect(pts(stroke(s, 3))).toEqual([[0, 0], [10, 0], [10, 3], [0, 3]])
  })
  it('collinear points use the point shifted along the normal (finite)', () => {
    const s: S.Shape = { paths: [Float32Array.of(0, 0, 5, 0, 10, 0, 5, 5)] }
    const p = pts(stroke(s, 1))
    near(p[6], [5, 1])
    expect(p.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true)
  })
  it('a repeated point yields non-finite points (so the shape draws nothing)', () => {
    const s: S.Shape = { paths: [Float32Array.of(0, 0, 0, 0, 10, 0)] }
    expect(pts(stroke(s, 1)).some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))).toBe(true)
  })
})

describe('Matrix (§8)', () => {
  it('right-multiplies: the last call applies first', () => {
    const m = M.rotateDegrees(M.scale(M.translate(M.identity(), 80, 60), 20, 20), 45)
    const [x, y] = M.apply(m, 1, 0)
    expect(x).toBeCloseTo(80 + 20 * Math.SQRT1_2, 3)
    expect(y).toBeCloseTo(60 + 20 * Math.SQRT1_2, 3)
  })
  it('positive angles turn clockwise on the y-down screen', () => {
    const [x, y] = M.apply(M.rotateDegrees(M.identity(), 90), 1, 0)
    expect(x).toBeCloseTo(0, 6)
    expect(y).toBeCloseTo(1, 6)
    const [rx, ry] = M.apply(M.rotateRadians(M.identity(), Math.PI), 1, 0)
    expect(rx).toBeCloseTo(-1, 6)
    expect(ry).toBeCloseTo(0, 6)
  })
  it('multiply(o) = m · o and stays single precision', () => {
    const a = M.translate(M.identity(), 1, 2)
    const b = M.scale(M.identity(), 3, 3)
    expect([...M.multiplyInPlace(a, b)]).toEqual([3, 0, 1, 0, 3, 2])
    const c = M.translate(M.identity(), 0.1, 0)
    expect(c[2]).toBe(Math.fround(0.1))
  })
})
