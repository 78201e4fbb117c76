/**
 * The shape filler of API spec §7.3: even-odd scanline fill in single precision with n×n
 * supersampling (n = the target's antialias level), crossings rounded half away from zero,
 * and the coverage look-up tables of the device.
 */
import { truncInt } from '../f32'
import type { Mat } from '../matrix'
import type { Path } from '../shapes'
import type { Surface } from '../surface'
import { paintRow } from '../brush'

// A local alias: calls through an imported binding can defeat inlining in CommonJS builds (tsx).
const f32 = Math.fround

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
let eslope = new Float32Array(256)
let order = new Int32Array(256), active = new Int32Array(256)
let counts = new Int32Array(512)
let diff = new Int32Array(512)
let cov = new Uint8Array(512)
// Crossings of one sample line (at most one per edge).
let xs = new Float32Array(256)

function ensureEdges(n: number): void {
  if (ex0.length >= n) return
  const m = Math.max(n, ex0.length * 2)
  ex0 = new Float32Array(m); ey0 = new Float32Array(m); ex1 = new Float32Array(m); ey1 = new Float32Array(m)
  eslope = new Float32Array(m)
  xs = new Float32Array(m + 1)
  order = new Int32Array(m)
  active = new Int32Array(m)
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
  const X0 = ex0, Y0 = ey0, X1 = ex1, Y1 = ey1, SL = eslope
  for (const p of paths) {
    const k = p.length >> 1
    if (k === 0) continue
    let fx = 0, fy = 0, px = 0, py = 0
    for (let i = 0; i <= k; i++) {
      let X: number, Y: number
      if (i < k) {
        const x = p[2 * i], y = p[2 * i + 1]
        X = f32(f32(f32(m00 * x) + f32(m01 * y)) + m02)
        Y = f32(f32(f32(m10 * x) + f32(m11 * y)) + m12)
        if (!Number.isFinite(X) || !Number.isFinite(Y)) return
        if (X < minx) minx = X
        if (X > maxx) maxx = X
        if (Y < miny) miny = Y
        if (Y > maxy) maxy = Y
        if (i === 0) {
          fx = X
          fy = Y
          px = X
          py = Y
          continue
        }
      } else {
        X = fx
        Y = fy
      }
      // Edge (px, py) → (X, Y), stored top to bottom; horizontal edges never cross a sample line.
      if (py < Y) {
        X0[ne] = px; Y0[ne] = py; X1[ne] = X; Y1[ne] = Y
        SL[ne] = f32(f32(X - px) / f32(Y - py))
        ne++
      } else if (py > Y) {
        X0[ne] = X; Y0[ne] = Y; X1[ne] = px; Y1[ne] = py
        SL[ne] = f32(f32(px - X) / f32(py - Y))
        ne++
      }
      px = X
      py = Y
    }
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
  const cnt = counts, dif = diff, cv = cov, L = lut, nn = n * n
  // Edges sorted by top y (insertion sort: shapes have few edges); an active list advances
  // with the rows.
  const ord = order, act = active
  for (let i = 0; i < ne; i++) ord[i] = i
  if (ne > 64) ord.subarray(0, ne).sort((a, b) => Y0[a] - Y0[b])
  else
    for (let i = 1; i < ne; i++) {
      const v = ord[i], key = Y0[v]
      let j = i - 1
      while (j >= 0 && Y0[ord[j]] > key) {
        ord[j + 1] = ord[j]
        j--
      }
      ord[j + 1] = v
    }
  let na = 0
  let next = 0
  const step = f32(1 / (n + 1))
  const shift = n === 1 ? 0 : n === 2 ? 1 : n === 4 ? 2 : -1
  const x0 = truncInt(cl)
  const data = t.data, brush = t.brush, paint = paintRow
  // cnt/dif stay zero between rows except for the touched range [lo, hi].
  for (let r = r0; r < r1; r++) {
    const lastSample = f32(r + f32(step * n))
    while (next < ne && Y0[ord[next]] <= lastSample) act[na++] = ord[next++]
    const firstSample = f32(r + step)
    let keep = 0
    for (let a = 0; a < na; a++) if (Y1[act[a]] > firstSample) act[keep++] = act[a]
    na = keep
    if (na === 0) {
      if (next >= ne) break
      continue
    }
    let lo = pixels + 1, hi = -1
    for (let k = 0; k < n; k++) {
      const ys = f32(r + f32(step * (k + 1)))
      let nx = 0
      for (let a = 0; a < na; a++) {
        const e = act[a]
        const ty = Y0[e]
        if (ty <= ys && ys < Y1[e]) {
          const v = f32(X0[e] + f32(f32(ys - ty) * SL[e]))
          // insertion into the sorted crossing list
          let j = nx - 1
          while (j >= 0 && xs[j] > v) {
            xs[j + 1] = xs[j]
            j--
          }
          xs[j + 1] = v
          nx++
        }
      }
      for (let i = 0; i + 1 < nx; i += 2) {
        const fa = f32(f32(xs[i] - cl) * n), fb = f32(f32(xs[i + 1] - cl) * n)
        let ja = fa < 0 ? -Math.floor(-fa + 0.5) : Math.floor(fa + 0.5)
        let jb = fb < 0 ? -Math.floor(-fb + 0.5) : Math.floor(fb + 0.5)
        ja = ja < 0 ? 0 : ja > jmax ? jmax : ja
        jb = jb < 0 ? 0 : jb > jmax ? jmax : jb
        if (jb <= ja) continue
        if (shift >= 0) {
          // samples j ∈ [ja, jb) → pixel j >> shift, O(1) via a difference array
          const pa = ja >> shift, pb = (jb - 1) >> shift
          if (pa < lo) lo = pa
          if (pb > hi) hi = pb
          if (pa === pb) cnt[pa] += jb - ja
          else {
            cnt[pa] += ((pa + 1) << shift) - ja
            cnt[pb] += jb - (pb << shift)
            if (pb > pa + 1) {
              dif[pa + 1] += n
              dif[pb] -= n
            }
          }
        } else {
          const pa = (ja / n) | 0, pb = ((jb - 1) / n) | 0
          if (pa < lo) lo = pa
          if (pb > hi) hi = pb
          for (let j = ja; j < jb; j++) cnt[(j / n) | 0]++
        }
      }
    }
    if (hi < lo) continue
    let run = 0
    const end = hi < iw ? hi + 1 : iw
    for (let i = lo; i < end; i++) {
      run += dif[i]
      const c = cnt[i] + run
      cv[i] = L[c < nn ? c : nn]
      cnt[i] = 0
      dif[i] = 0
    }
    for (let i = end; i <= hi + 1; i++) {
      cnt[i] = 0
      dif[i] = 0
    }
    if (end > lo) paint(t, data, t.index(x0 + lo, r), brush, cv, lo, end - lo)
  }
}
