/**
 * Shape factories (API spec §7.2). A shape is a list of closed paths of single-precision points;
 * its transform lives with the caller (the Python `Shape` keeps a `Matrix`).
 */
import { truncInt } from './f32'

// A local alias: calls through an imported binding can defeat inlining in CommonJS builds (tsx).
const f32 = Math.fround

/** One closed polygon: x0, y0, x1, y1, … in single precision. */
export type Path = Float32Array
/** A shape: its paths. Mutated in place by `stroke`. */
export interface Shape { paths: Path[] }

/** Largest number of points a factory will build (guards against `regular_polygon(…, 1e9)`). */
export const MAX_POINTS = 65536

/** Thrown (and turned into a Python `ValueError`) when a factory would exceed MAX_POINTS. */
export class TooManyPointsError extends Error {}

const D2R = Math.PI / 180

/** Point at angle `deg` (0° = straight down, 90° = right) around (cx, cy). */
function polar(out: number[], cx: number, cy: number, r: number, deg: number): void {
  const a = f32(f32(deg) * f32(D2R))
  out.push(f32(cx + f32(r * f32(Math.sin(a)))), f32(cy + f32(r * f32(Math.cos(a)))))
}

function shape(...pts: number[][]): Shape {
  return { paths: pts.map((p) => Float32Array.from(p)) }
}

/** Corners (x,y), (x+w,y), (x+w,y+h), (x,y+h). */
export function rectangle(x: number, y: number, w: number, h: number): Shape {
  const x2 = f32(x + w), y2 = f32(y + h)
  return shape([x, y, x2, y, x2, y2, x, y2])
}

// sin/cos of the vertex angles k·360°/n, per n (the angles do not depend on centre or radius).
const unitTables = new Map<number, Float32Array>()
function unitTable(n: number): Float32Array {
  let t = unitTables.get(n)
  if (!t) {
    t = new Float32Array(2 * n)
    for (let k = 0; k < n; k++) {
      const a = f32(f32(f32(f32(k * 360) / n)) * f32(D2R))
      t[2 * k] = f32(Math.sin(a))
      t[2 * k + 1] = f32(Math.cos(a))
    }
    if (n <= 1024) unitTables.set(n, t)
  }
  return t
}

/** `sides` (truncated) vertices at k·360°/sides; the first directly below the centre. */
export function regularPolygon(x: number, y: number, r: number, sides: number): Shape {
  const n = Math.max(0, truncInt(sides))
  if (n > MAX_POINTS) throw new TooManyPointsError(`too many sides (${n})`)
  const u = unitTable(n)
  const p = new Float32Array(2 * n)
  for (let k = 0; k < 2 * n; k += 2) {
    p[k] = f32(x + f32(r * u[k]))
    p[k + 1] = f32(y + f32(r * u[k + 1]))
  }
  return { paths: [p] }
}

/** A regular 32-gon. */
export function circle(x: number, y: number, r: number): Shape {
  return regularPolygon(x, y, r, 32)
}

/**
 * Rounded rectangle, corners TL → TR → BR → BL; radius 0 gives the sharp corner, r > 0 gives
 * ceil(r/5)+2 points on the inset quarter circle from the end nearer the previous corner.
 */
export function roundedRectangle(x: number, y: number, w: number, h: number, r1: number, r2 = r1, r3 = r1, r4 = r1): Shape {
  const pts: number[] = []
  const corners: [number, number, number, number, number, number][] = [
    // radius, sharp x, sharp y, centre sign x, centre sign y, start angle
    [r1, x, y, 1, 1, 270],
    [r2, f32(x + w), y, -1, 1, 180],
    [r3, f32(x + w), f32(y + h), -1, -1, 90],
    [r4, x, f32(y + h), 1, -1, 360],
  ]
  let total = 0
  for (const [r] of corners) if (r > 0) total += Math.ceil(r / 5) + 2
  if (!(total <= MAX_POINTS)) throw new TooManyPointsError('corner radius too large')
  for (const [r, sx, sy, gx, gy, start] of corners) {
    if (!(r > 0)) {
      pts.push(sx, sy)
      continue
    }
    const cx = f32(sx + gx * r), cy = f32(sy + gy * r)
    const n = Math.ceil(r / 5) + 2
    for (let j = 0; j < n; j++) polar(pts, cx, cy, r, f32(start - f32(f32(90 * j) / (n - 1))))
  }
  return shape(pts)
}

/** Superellipse of 32 points (x + sgn(cos t)|cos t|^(2/n)·size, y + sgn(sin t)|sin t|^(2/n)·size). */
export function squircle(x: number, y: number, size: number, n = 4): Shape {
  const pts: number[] = []
  const e = f32(2 / n)
  for (let i = 0; i < 32; i++) {
    const t = f32(f32(f32(2 * Math.PI) * (32 - i)) / 32)
    const c = f32(Math.cos(t)), s = f32(Math.sin(t))
    pts.push(
      f32(x + f32(Math.sign(c) * f32(Math.pow(Math.abs(c), e)) * size)),
      f32(y + f32(Math.sign(s) * f32(Math.pow(Math.abs(s), e)) * size)),
    )
  }
  return shape(pts)
}

/** Quadrilateral of `width` centred on the segment, flush square ends, listed clockwise on screen. */
export function line(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const dx = f32(x2 - x1), dy = f32(y2 - y1)
  const len = f32(Math.sqrt(f32(f32(dx * dx) + f32(dy * dy))))
  const hw = f32(width / 2)
  const nx = f32(f32(-dy / len) * hw), ny = f32(f32(dx / len) * hw)
  return shape([
    f32(x1 - nx), f32(y1 - ny),
    f32(x2 - nx), f32(y2 - ny),
    f32(x2 + nx), f32(y2 + ny),
    f32(x1 + nx), f32(y1 + ny),
  ])
}

function arcPoints(x: number, y: number, r: number, from: number, to: number): number[] {
  const f = f32(from % 360), t = f32(to % 360)
  const span = f32(t - f)
  const steps = truncInt(f32(f32(32 * Math.abs(span)) / 360))
  const pts: number[] = []
  if (steps === 0 || !Number.isFinite(span)) return pts
  const d = f32(span / steps)
  for (let i = 0; i <= steps; i++) polar(pts, x, y, r, f32(f + f32(i * d)))
  return pts
}

/** Chord-closed arc (a circular segment when filled); angles reduced like C `fmod`. */
export function arc(x: number, y: number, r: number, from: number, to: number): Shape {
  const pts = arcPoints(x, y, r, from, to)
  return pts.length ? shape(pts) : { paths: [] }
}

/** The arc's points followed by the centre: a wedge. */
export function pie(x: number, y: number, r: number, from: number, to: number): Shape {
  const pts = arcPoints(x, y, r, from, to)
  if (!pts.length) return { paths: [] }
  pts.push(f32(x), f32(y))
  return shape(pts)
}
