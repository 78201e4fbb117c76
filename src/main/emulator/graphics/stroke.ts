/**
 * `shape.stroke(w)` (API spec §7.4): turns each path into a band of width |w| on the right-hand
 * side of its edges (as seen on the y-down screen) by miter-offsetting, in place.
 */
import type { Shape, Path } from './shapes'

// A local alias: calls through an imported binding can defeat inlining in CommonJS builds (tsx).
const f32 = Math.fround

/** Strokes every path of `s` in place (paths of 3+ points become bands, 2-point paths quads). */
export function stroke(s: Shape, w: number): Shape {
  s.paths = s.paths.map((p) => strokePath(p, f32(w)))
  return s
}

function strokePath(p: Path, w: number): Path {
  const n = p.length >> 1
  if (n === 2) {
    const [nx, ny] = normal(p[0], p[1], p[2], p[3])
    const ox = f32(nx * w), oy = f32(ny * w)
    return Float32Array.of(p[0], p[1], p[2], p[3], f32(p[2] + ox), f32(p[3] + oy), f32(p[0] + ox), f32(p[1] + oy))
  }
  if (n < 3) return p
  // Normal of edge i (point i → point i+1).
  const nx = new Float32Array(n), ny = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n
    const [a, b] = normal(p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1])
    nx[i] = a
    ny[i] = b
  }
  const out = new Float32Array(2 * (2 * n + 2))
  out.set(p, 0)
  out[2 * n] = p[0]
  out[2 * n + 1] = p[1]
  let o = 2 * n + 2
  for (let i = 0; i < n; i++) {
    const e0 = (i + n - 1) % n // edge ending at point i
    const px = p[2 * i], py = p[2 * i + 1]
    const [x, y] = miter(px, py, nx[e0], ny[e0], nx[i], ny[i], w, p, e0)
    out[o++] = x
    out[o++] = y
  }
  out[o] = out[2 * n + 2]
  out[o + 1] = out[2 * n + 3]
  return out
}

/** Unit normal (−dy, dx)/length of the edge (x0,y0)→(x1,y1); NaN for a zero-length edge. */
function normal(x0: number, y0: number, x1: number, y1: number): [number, number] {
  const dx = f32(x1 - x0), dy = f32(y1 - y0)
  const len = f32(Math.sqrt(f32(f32(dx * dx) + f32(dy * dy))))
  return [f32(-dy / len), f32(dx / len)]
}

/**
 * Intersection of the edge before point (px, py) shifted by w·n0 and the edge after it shifted
 * by w·n1. Parallel edges give the point shifted along the normal.
 */
function miter(px: number, py: number, n0x: number, n0y: number, n1x: number, n1y: number, w: number, p: Path, e0: number): [number, number] {
  // Edge before: direction d0 = (n0y, -n0x) (normal rotated back); passes through prev + w·n0.
  const qx = p[2 * e0], qy = p[2 * e0 + 1]
  const ax = f32(qx + f32(n0x * w)), ay = f32(qy + f32(n0y * w))
  const d0x = f32(px - qx), d0y = f32(py - qy)
  // Edge after: passes through point + w·n1, direction d1.
  const bx = f32(px + f32(n1x * w)), by = f32(py + f32(n1y * w))
  const d1x = n1y, d1y = -n1x
  const den = f32(f32(d0x * d1y) - f32(d0y * d1x))
  if (den === 0 || Math.abs(den) < 1e-6 * Math.hypot(d0x, d0y)) return [bx, by]
  const t = f32(f32(f32(f32(bx - ax) * d1y) - f32(f32(by - ay) * d1x)) / den)
  return [f32(ax + f32(d0x * t)), f32(ay + f32(d0y * t))]
}
