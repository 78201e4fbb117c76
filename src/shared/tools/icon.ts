/**
 * Pixel operations of the icon editor on RGBA bitmaps (row-major, 4 bytes per pixel): set, pick,
 * flood fill, an undo/redo stack of snapshots, a default palette, resampling an image down to icon
 * size, and the check/conversion the PNG writer uses to choose indexed or RGBA output.
 */

/** Launcher icons are 24 × 24 (API spec §2.1). */
export const ICON_SIZE = 24

/** An RGBA colour, each component 0–255. */
export type Rgba = readonly [number, number, number, number]

/** An RGBA bitmap. `data.length === width * height * 4`. */
export interface Bitmap {
  width: number
  height: number
  data: Uint8Array
}

/** A new bitmap filled with `fill` (transparent by default). */
export function createBitmap(width = ICON_SIZE, height = ICON_SIZE, fill: Rgba = [0, 0, 0, 0]): Bitmap {
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < data.length; i += 4) data.set(fill, i)
  return { width, height, data }
}

/** A deep copy. */
export function cloneBitmap(b: Bitmap): Bitmap {
  return { width: b.width, height: b.height, data: b.data.slice() }
}

/** The colour at (x, y), or null outside the bitmap. */
export function getPixel(b: Bitmap, x: number, y: number): Rgba | null {
  if (!inside(b, x, y)) return null
  const i = (y * b.width + x) * 4
  return [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!, b.data[i + 3]!]
}

/** Sets (x, y) to `c` (pencil); returns false (and changes nothing) outside the bitmap or when equal. */
export function setPixel(b: Bitmap, x: number, y: number, c: Rgba): boolean {
  if (!inside(b, x, y)) return false
  const i = (y * b.width + x) * 4
  if (b.data[i] === c[0] && b.data[i + 1] === c[1] && b.data[i + 2] === c[2] && b.data[i + 3] === c[3]) return false
  b.data.set(c, i)
  return true
}

function inside(b: Bitmap, x: number, y: number): boolean {
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < b.width && y < b.height
}

/**
 * Flood fill (bucket): replaces the 4-connected region of pixels exactly equal to the colour at
 * (x, y) with `c`. Returns the number of pixels changed (0 outside or when already that colour).
 */
export function floodFill(b: Bitmap, x: number, y: number, c: Rgba): number {
  const target = getPixel(b, x, y)
  if (!target || target.every((v, k) => v === c[k])) return 0
  const w = b.width
  const match = (p: number): boolean =>
    b.data[p * 4] === target[0] && b.data[p * 4 + 1] === target[1] && b.data[p * 4 + 2] === target[2] && b.data[p * 4 + 3] === target[3]
  const stack = [y * w + x]
  let n = 0
  while (stack.length) {
    const p = stack.pop()!
    if (!match(p)) continue
    b.data.set(c, p * 4)
    n++
    const px = p % w
    if (px > 0) stack.push(p - 1)
    if (px < w - 1) stack.push(p + 1)
    if (p >= w) stack.push(p - w)
    if (p + w < w * b.height) stack.push(p + w)
  }
  return n
}

/**
 * Undo/redo of whole-bitmap snapshots (an icon is 2,304 bytes, so snapshots are cheap and exact).
 * Call {@link UndoStack.push} with the state *before* each edit.
 */
export class UndoStack {
  private undos: Bitmap[] = []
  private redos: Bitmap[] = []
  /** Keeps at most `limit` undo steps (default 200). */
  constructor(private readonly limit = 200) {}

  /** Records the state before an edit; clears the redo history. */
  push(before: Bitmap): void {
    this.undos.push(cloneBitmap(before))
    if (this.undos.length > this.limit) this.undos.shift()
    this.redos = []
  }

  /** The state to show after undoing, given the current one; null when there is nothing to undo. */
  undo(current: Bitmap): Bitmap | null {
    const prev = this.undos.pop()
    if (!prev) return null
    this.redos.push(cloneBitmap(current))
    return prev
  }

  /** The state to show after redoing; null when there is nothing to redo. */
  redo(current: Bitmap): Bitmap | null {
    const next = this.redos.pop()
    if (!next) return null
    this.undos.push(cloneBitmap(current))
    return next
  }

  /** True when there is an edit to undo. */
  get canUndo(): boolean {
    return this.undos.length > 0
  }

  /** True when there is an undone edit to redo. */
  get canRedo(): boolean {
    return this.redos.length > 0
  }

  /** Forgets all history. */
  clear(): void {
    this.undos = []
    this.redos = []
  }
}

/** The editor's default 16-colour palette (plus transparent as the eraser). */
export const DEFAULT_PALETTE: readonly Rgba[] = [
  [0, 0, 0, 255], [255, 255, 255, 255], [13, 17, 23, 255], [110, 118, 129, 255],
  [201, 209, 217, 255], [248, 81, 73, 255], [255, 166, 87, 255], [227, 179, 65, 255],
  [63, 185, 80, 255], [46, 160, 67, 255], [88, 166, 255, 255], [31, 111, 235, 255],
  [188, 140, 255, 255], [137, 87, 229, 255], [247, 120, 186, 255], [121, 85, 72, 255],
]

/** Transparent (the eraser colour). */
export const TRANSPARENT: Rgba = [0, 0, 0, 0]

/** `#rrggbb` (alpha ignored) for a colour. */
export function toHex(c: Rgba): string {
  return '#' + [c[0], c[1], c[2]].map((v) => v.toString(16).padStart(2, '0')).join('')
}

/** Parses `#rgb` / `#rrggbb` / `#rrggbbaa`; null when invalid. */
export function fromHex(hex: string): Rgba | null {
  let h = hex.trim().replace(/^#/, '')
  if (/^[0-9a-f]{3}$/i.test(h)) h = h.replace(/./g, '$&$&')
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) return null
  const v = (k: number): number => parseInt(h.slice(k, k + 2), 16)
  return [v(0), v(2), v(4), h.length === 8 ? v(6) : 255]
}

/**
 * Resamples an RGBA image to `size × size` (default 24) keeping the aspect ratio, centred on a
 * transparent background. Downscaling averages each target pixel's source area (alpha-weighted, so
 * transparent edges do not darken); upscaling uses nearest neighbour (crisp pixel art).
 */
export function resampleToIcon(src: Bitmap, size = ICON_SIZE): Bitmap {
  const out = createBitmap(size, size)
  const scale = Math.min(size / src.width, size / src.height)
  const w = Math.max(1, Math.round(src.width * scale))
  const h = Math.max(1, Math.round(src.height * scale))
  const ox = Math.floor((size - w) / 2)
  const oy = Math.floor((size - h) / 2)
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      const x0 = Math.floor((tx * src.width) / w), x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * src.width) / w))
      const y0 = Math.floor((ty * src.height) / h), y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * src.height) / h))
      let r = 0, g = 0, bl = 0, a = 0, n = 0
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * src.width + x) * 4
          const al = src.data[i + 3]!
          r += src.data[i]! * al
          g += src.data[i + 1]! * al
          bl += src.data[i + 2]! * al
          a += al
          n++
        }
      }
      const o = ((oy + ty) * size + ox + tx) * 4
      if (a > 0) out.data.set([Math.round(r / a), Math.round(g / a), Math.round(bl / a), Math.round(a / n)], o)
    }
  }
  return out
}

/** An indexed version of a bitmap: one palette index per pixel and an RGBA palette (≤ 256 entries). */
export interface Indexed {
  indices: Uint8Array
  palette: Rgba[]
}

/**
 * Converts to indexed colour when the bitmap has at most 256 distinct RGBA colours (fully
 * transparent pixels all share one entry); null otherwise. Palette order is first appearance.
 */
export function toIndexed(b: Bitmap): Indexed | null {
  const map = new Map<number, number>()
  const palette: Rgba[] = []
  const indices = new Uint8Array(b.width * b.height)
  for (let p = 0; p < indices.length; p++) {
    const i = p * 4
    const a = b.data[i + 3]!
    const c: Rgba = a === 0 ? [0, 0, 0, 0] : [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!, a]
    const key = ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | c[3]) >>> 0
    let k = map.get(key)
    if (k === undefined) {
      if (palette.length === 256) return null
      k = palette.length
      map.set(key, k)
      palette.push(c)
    }
    indices[p] = k
  }
  return { indices, palette }
}

/** True when both bitmaps have the same size and the same pixels (all transparent pixels count as equal). */
export function samePixels(a: Bitmap, b: Bitmap): boolean {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return false
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i + 3] === 0 && b.data[i + 3] === 0) continue
    for (let k = 0; k < 4; k++) if (a.data[i + k] !== b.data[i + k]) return false
  }
  return true
}

function hsl(h: number, s: number, l: number): Rgba {
  const k = (n: number): number => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number): number => Math.round((l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))) * 255)
  return [f(0), f(8), f(4), 255]
}

/**
 * The icon a new app gets until the user draws one: a rounded tile in a colour derived from the
 * slug (so apps are told apart in the launcher) with a light "window" inside.
 */
export function defaultIcon(slug: string): Bitmap {
  let h = 0
  for (const ch of slug) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  const tile = hsl(h % 360, 0.65, 0.5)
  const dark = hsl(h % 360, 0.65, 0.3)
  const b = createBitmap()
  for (let y = 0; y < ICON_SIZE; y++) {
    for (let x = 0; x < ICON_SIZE; x++) {
      const cx = Math.min(x, 23 - x), cy = Math.min(y, 23 - y)
      if (cx + cy < 3 && cx < 2 && cy < 2) continue // rounded corners
      const inner = x >= 6 && x <= 17 && y >= 7 && y <= 16
      const bar = x >= 6 && x <= 17 && y >= 5 && y <= 6
      setPixel(b, x, y, inner ? [255, 255, 255, 255] : bar ? dark : tile)
    }
  }
  return b
}
