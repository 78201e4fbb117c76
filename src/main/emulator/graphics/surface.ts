/**
 * Pixel storage shared by images and their windows (API spec §4.1, §5.6).
 */
import { WHITE, type Brush } from './brush'

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

/** Largest accepted image side and area (the device heap is far smaller; this only guards the host). */
export const MAX_SIDE = 32767
/** Largest accepted pixel count of one image. */
export const MAX_PIXELS = 16 * 1024 * 1024

/**
 * An image or a window onto one. `data` holds 4 bytes per pixel (R, G, B, A) for true colour or
 * 1 palette index per pixel for paletted images; windows share `data` with their parent and
 * address it through `offset` (pixel index of their (0, 0)) and `stride` (pixels per row).
 */
export class Surface {
  /** Global opacity when this surface is a blit source (0–255). */
  alpha = 255
  /** Antialias level: 1, 2 or 4 (other ints accepted, see the rasteriser). */
  antialias = 1
  /** Effective brush (white until assigned). */
  brush: Brush = WHITE
  /** 32-bit view of `data` for fast opaque runs (true colour, little-endian hosts only). */
  readonly data32: Uint32Array | null

  constructor(
    /** Shared pixel bytes. */
    readonly data: Uint8Array,
    /** Pixels per row of `data`. */
    readonly stride: number,
    /** Pixel index of this surface's top-left in `data`. */
    readonly offset: number,
    /** Width in pixels. */
    readonly width: number,
    /** Height in pixels. */
    readonly height: number,
    /** 256 RGBA entries (1024 bytes) for paletted surfaces, else null. */
    public palette: Uint8Array | null = null,
  ) {
    this.data32 = !palette && LITTLE_ENDIAN && data.byteOffset % 4 === 0 && data.length % 4 === 0
      ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null
  }

  /** True for paletted surfaces (blit sources only). */
  get hasPalette(): boolean {
    return this.palette !== null
  }

  /** Byte index of pixel (x, y) of a true-colour surface. */
  index(x: number, y: number): number {
    return (this.offset + y * this.stride + x) * 4
  }

  /** Estimated device bytes held by this surface's buffer (§17: 4 B/px, or 1 B/px + 1 KB). */
  get deviceBytes(): number {
    return this.palette ? this.data.length + 1024 : this.data.length
  }
}

/** A fresh all-zero true-colour surface of `w × h` pixels (caller validated the size). */
export function createSurface(w: number, h: number): Surface {
  return new Surface(new Uint8Array(w * h * 4), w, 0, w, h)
}

/**
 * A window (§5.6): the rectangle is normalised (negative sizes extend left/up), clipped to the
 * parent, and copies the parent's alpha, antialias, palette (a copy) and effective brush.
 */
export function createWindow(p: Surface, x: number, y: number, w: number, h: number): Surface {
  if (w < 0) {
    x += w
    w = -w
  }
  if (h < 0) {
    y += h
    h = -h
  }
  const l = Math.max(x, 0)
  const t = Math.max(y, 0)
  const r = Math.min(x + w, p.width)
  const b = Math.min(y + h, p.height)
  const ok = r > l && b > t
  const win = new Surface(
    p.data,
    p.stride,
    ok ? p.offset + t * p.stride + l : p.offset,
    ok ? r - l : 0,
    ok ? b - t : 0,
    p.palette ? p.palette.slice() : null,
  )
  win.alpha = p.alpha
  win.antialias = p.antialias
  win.brush = p.brush
  return win
}
