/**
 * The shape filler of API spec §7.3: even-odd scanline fill in single precision with n×n
 * supersampling (n = the target's antialias level), crossings rounded half away from zero,
 * and the coverage look-up tables of the device.
 */
import { f32, roundHalfAway, truncInt } from '../f32'
import type { Mat } from '../matrix'
import type { Path } from '../shapes'
import type { Surface } from '../surface'
import { paintRow } from '../brush'

/** Coverage LUT for `n` samples per axis: count (0 … n²) → coverage (0 … 255). */
export function coverageLut(n: number): Uint8Array {
  const lut = new Uint8Array(n * n + 1)
  for (let c = 0; c <= n * n; c++) {
    if (n === 1) lut[c] = c ? 255 : 0
    else if (n === 2) lut[c] = c === 4 ? 255 : c * 64
    else if (n === 4) lut[c] = c === 16 ? 255 : c * 16
    else lut[c] = Math.min(255, Math.floor((c * 256) / (n * n)))
  }
  return lut
}
const LUTS = new Map<number, Uint8Array>()

// Scratch buffers reused between calls (the filler is not re-entrant).
let ex0 = new Float32Array(256), ey0 = new Float32Array(256), ex1 = new Float32Array(256), ey1 = new Float32Array(256)
let order = new Int32Array(256)
let counts = new Int32Array(512)
let diff = new Int32Array(512)
let cov = new Uint8Array(512)
const xs = new Float32Array(4096)

function ensureEdges(n: number): void {
  if (ex0.length >= n) return
  const m = Math.max(n, ex0.length * 2)
  ex0 = new Float32Array(m); ey0 = new Float32Array(m); ex1 = new Float32Array(m); ey1 = new Float32Array(m)
  order = new Int32Array(m)
}
function ensureWidth(w: number): void {
  if (counts.length > w + 1) return
  const m = Math.max(w + 2, counts.length * 2)
  counts = new Int32Array(m); diff = new Int32Array(m); cov = new Uint8Array(m)
}

/** Highest antialias level honoured; larger values are treated as this (device output undefined). */
export const MAX_SAMPLES = 16

/**
 * Fills `paths` transformed by `m` into `t` with its brush and antialias level (§7.3). Draws
 * nothing for antialias ≤ 0, paletted targets, or any non-finite transformed point.
 */
export function fillPaths(t: Surface, paths: readonly Path[], m: Mat): void {
  const n = Math.min(t.antialias, MAX_SAMPLES)
  if (n <= 0 || t.palette || t.brush.kind === 'brighten' || t.width === 0 || t.height === 0) return
  let total = 0
  for (const p of paths) total += p.length >> 1
  if (total === 0) return
  ensureEdges(total)
  const m00 = m[0], m01 = m[1], m02 = m[2], m10 = m[3], m11 = m[4], m12 = m[5]
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity
  let ne = 0
  for (const p of paths) {
    const k = p.length >> 1
    if (k === 0) continue
    let fx = 0, fy = 0, px = 0, py = 0
    for (let i = 0; i < k; i++) {
      const x = p[2 * i], y = p[2 * i + 1]
      const X = f32(f32(f32(m00 * x) + f32(m01 * y)) + m02)
      const Y = f32(f32(f32(m10 * x) + f32(m11 * y)) + m12)
      if (!Number.isFinite(X) || !Number.isFinite(Y)) return
      if (X < minx) minx = X
      if (X > maxx) maxx = X
      if (Y < miny) miny = Y
      if (Y > maxy) maxy = Y
      if (i === 0) {
        fx = X; fy = Y
      } else addEdge(px, py, X, Y)
      px = X; py = Y
    }
    addEdge(px, py, fx, fy)
  }
  function addEdge(ax: number, ay: number, bx: number, by: number): void {
    if (ay === by) return // horizontal edges never cross a sample line
    if (ay < by) {
      ex0[ne] = ax; ey0[ne] = ay; ex1[ne] = bx; ey1[ne] = by
    } else {
      ex0[ne] = bx; ey0[ne] = by; ex1[ne] = ax; ey1[ne] = ay
    }
    ne++
  }
  // Clip box: [minx, ceil(maxx)) × [miny, ceil(maxy)) ∩ target, in single precision.
  const bx = minx, by = miny
  const bw = f32(Math.ceil(maxx) - minx), bh = f32(Math.ceil(maxy) - miny)
  const cl = Math.max(bx, 0), ct = Math.max(by, 0)
  const cr = Math.min(f32(bx + bw), t.width), cb = Math.min(f32(by + bh), t.height)
  const cw = f32(cr - cl), ch = f32(cb - ct)
  if (!(cw > 0) || !(ch > 0) || ne === 0) return
  const r0 = truncInt(ct), r1 = truncInt(f32(ct + ch))
  const iw = truncInt(cw)
  const jmax = truncInt(f32(cw * n))
  const pixels = Math.max(iw, (jmax + n - 1) / n | 0)
  ensureWidth(pixels + 1)
  let lut = LUTS.get(n)
  if (!lut) LUTS.set(n, (lut = coverageLut(n)))
  // Edges sorted by top y; an active window advances with the rows.
  for (let i = 0; i < ne; i++) order[i] = i
  const ord = order.subarray(0, ne).sort((a, b) => ey0[a] - ey0[b])
  const active: number[] = []
  let next = 0
  const step = f32(1 / (n + 1))
  const shift = n === 1 ? 0 : n === 2 ? 1 : n === 4 ? 2 : -1
  const x0 = truncInt(cl)
  for (let r = r0; r < r1; r++) {
    const lastSample = f32(r + f32(step * n))
    while (next < ne && ey0[ord[next]] <= lastSample) active.push(ord[next++])
    for (let a = active.length - 1; a >= 0; a--) if (ey1[active[a]] <= f32(r + step)) active.splice(a, 1)
    if (active.length === 0) {
      if (next >= ne) break
      continue
    }
    counts.fill(0, 0, pixels + 1)
    diff.fill(0, 0, pixels + 2)
    let any = false
    for (let k = 0; k < n; k++) {
      const ys = f32(r + f32(step * (k + 1)))
      let nx = 0
      for (let a = 0; a < active.length; a++) {
        const e = active[a]
        const ty = ey0[e]
        if (ty <= ys && ys < ey1[e]) {
          const tx = ex0[e]
          const slope = f32(f32(ex1[e] - tx) / f32(ey1[e] - ty))
          if (nx < xs.length) xs[nx++] = f32(tx + f32(f32(ys - ty) * slope))
        }
      }
      if (nx < 2) continue
      // insertion sort (few crossings)
      for (let i = 1; i < nx; i++) {
        const v = xs[i]
        let j = i - 1
        while (j >= 0 && xs[j] > v) {
          xs[j + 1] = xs[j]
          j--
        }
        xs[j + 1] = v
      }
      for (let i = 0; i + 1 < nx; i += 2) {
        let ja = roundHalfAway(f32(f32(xs[i] - cl) * n))
        let jb = roundHalfAway(f32(f32(xs[i + 1] - cl) * n))
        ja = ja < 0 ? 0 : ja > jmax ? jmax : ja
        jb = jb < 0 ? 0 : jb > jmax ? jmax : jb
        if (jb <= ja) continue
        any = true
        if (shift >= 0) addSpan(ja, jb, shift, n)
        else for (let j = ja; j < jb; j++) counts[(j / n) | 0]++
      }
    }
    if (!any) continue
    let run = 0
    for (let i = 0; i < iw; i++) {
      run += diff[i]
      cov[i] = lut[Math.min(counts[i] + run, n * n)]
    }
    paintRow(t.data, t.index(x0, r), t.brush, cov, 0, iw)
  }
}

/** Adds samples j ∈ [ja, jb) to pixel counts (pixel = j >> shift) in O(1) using a difference array. */
function addSpan(ja: number, jb: number, shift: number, n: number): void {
  const pa = ja >> shift, pb = (jb - 1) >> shift
  if (pa === pb) {
    counts[pa] += jb - ja
    return
  }
  counts[pa] += ((pa + 1) << shift) - ja
  counts[pb] += jb - (pb << shift)
  if (pb > pa + 1) {
    diff[pa + 1] += n
    diff[pb] -= n
  }
}
