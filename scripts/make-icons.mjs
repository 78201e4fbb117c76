#!/usr/bin/env node
// @ts-check
/**
 * `npm run icons`: the application icons in build/ from one source image. The source is the
 * toolbar's badge logo (a 20×20 drawing: the badge, its screen and three buttons) rendered once at
 * 1024×1024 into build/icon.png; every other size is that image scaled down (build/icons/NxN.png,
 * the set electron-builder takes for Linux; it makes the macOS .icns and Windows .ico from
 * build/icon.png). PNG encoding is fast-png's.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { encode } from 'fast-png'

/** The master image's size. */
export const MASTER_SIZE = 1024

/** The sizes written to build/icons. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]

const ACCENT = [0x2f, 0x81, 0xf7]
const SCREEN = [0x0d, 0x11, 0x17]

/** Coverage of the logo's shapes at a point of the 20×20 drawing: [r, g, b, alpha] (0–255). */
function logoAt(/** @type {number} */ x, /** @type {number} */ y) {
  const inRound = (/** @type {number} */ x0, /** @type {number} */ y0, /** @type {number} */ w, /** @type {number} */ h, /** @type {number} */ r) => {
    if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false
    const cx = Math.min(Math.max(x, x0 + r), x0 + w - r)
    const cy = Math.min(Math.max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  }
  const dot = [7, 10, 13].some((cx) => (x - cx) ** 2 + (y - 15) ** 2 <= 0.9 * 0.9)
  if (inRound(5, 6, 10, 7, 1) || dot) return [...SCREEN, 255]
  if (inRound(2, 3, 16, 14, 3)) return [...ACCENT, 255]
  return [0, 0, 0, 0]
}

/** The logo at `size`×`size` RGBA, 4×4 samples a pixel (the source image at MASTER_SIZE). */
export function drawLogo(/** @type {number} */ size) {
  const out = new Uint8Array(size * size * 4)
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = logoAt(((px + (sx + 0.5) / n) / size) * 20, ((py + (sy + 0.5) / n) / size) * 20)
          // Premultiplied, so transparent samples do not darken the edges.
          for (let k = 0; k < 3; k++) acc[k] += (c[k] * c[3]) / 255
          acc[3] += c[3]
        }
      }
      const i = (py * size + px) * 4
      const a = acc[3] / (n * n)
      for (let k = 0; k < 3; k++) out[i + k] = a ? Math.round((acc[k] / (n * n)) * (255 / a)) : 0
      out[i + 3] = Math.round(a)
    }
  }
  return out
}

/**
 * `src` (`from`×`from` RGBA) scaled down to `to`×`to`: each output pixel is the area-weighted mean
 * of the source pixels it covers (premultiplied by alpha, so edges do not darken).
 */
export function downscale(/** @type {Uint8Array} */ src, /** @type {number} */ from, /** @type {number} */ to) {
  if (to > from) throw new Error(`cannot scale ${from} up to ${to}`)
  const f = from / to
  /** Source indices and overlap weights of output column/row `o`. */
  const spans = Array.from({ length: to }, (_, o) => {
    const lo = o * f
    const hi = lo + f
    const out = []
    for (let i = Math.floor(lo); i < Math.min(from, Math.ceil(hi)); i++) out.push([i, Math.min(hi, i + 1) - Math.max(lo, i)])
    return out
  })
  const out = new Uint8Array(to * to * 4)
  for (let y = 0; y < to; y++) {
    for (let x = 0; x < to; x++) {
      let r = 0, g = 0, b = 0, a = 0
      for (const [sy, wy] of spans[y] ?? []) {
        for (const [sx, wx] of spans[x] ?? []) {
          const i = ((sy ?? 0) * from + (sx ?? 0)) * 4
          const w = (wx ?? 0) * (wy ?? 0) * (src[i + 3] ?? 0)
          r += (src[i] ?? 0) * w; g += (src[i + 1] ?? 0) * w; b += (src[i + 2] ?? 0) * w; a += w
        }
      }
      const o = (y * to + x) * 4
      if (a) {
        out[o] = Math.round(r / a); out[o + 1] = Math.round(g / a); out[o + 2] = Math.round(b / a)
      }
      out[o + 3] = Math.round(a / (f * f))
    }
  }
  return out
}

/** Every icon file: its path under build/ and its PNG bytes. */
export function iconFiles() {
  const master = drawLogo(MASTER_SIZE)
  const png = (/** @type {Uint8Array} */ data, /** @type {number} */ size) => encode({ width: size, height: size, data, channels: 4, depth: 8 })
  return [
    { file: 'icon.png', bytes: png(master, MASTER_SIZE) },
    ...ICON_SIZES.map((s) => ({ file: `icons/${s}x${s}.png`, bytes: png(downscale(master, MASTER_SIZE, s), s) })),
  ]
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const build = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build')
  mkdirSync(path.join(build, 'icons'), { recursive: true })
  for (const { file, bytes } of iconFiles()) writeFileSync(path.join(build, file), bytes)
  console.log(`wrote build/icon.png and build/icons/{${ICON_SIZES.join(',')}}`)
}
