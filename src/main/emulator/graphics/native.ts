/**
 * The `_pvnative` JS module behind `wasm/python/picovector.py`. Every function takes and returns
 * only numbers, strings, booleans, null and opaque handles (JS objects Python keeps in proxies),
 * and never throws: failures come back as strings `"!<PythonException>:<errno>:<message>"` that
 * the Python side turns into exceptions (JS exceptions are uncatchable in Python, API spec §17).
 */
import { WHITE, type Brush } from './brush'
import { blit, scaleBlit } from './blit'
import { f32, truncInt, wrapByte } from './f32'
import { FontFormatError, parsePpf, type PixelFontData } from './fonts/ppf'
import { parseAf, type VectorFontData } from './fonts/af'
import { defaultFont } from './fonts/default-font'
import * as M from './matrix'
import { decodePngFile, PngError, type DecodedImage } from './png'
import { fillPaths } from './raster/scanline'
import * as S from './shapes'
import { stroke } from './stroke'
import { createSurface, createWindow, MAX_PIXELS, MAX_SIDE, Surface } from './surface'
import { drawPixelText, drawVectorText, measurePixelText, measureVectorText, messageBytes } from './text'

/** Screen size in pixels. */
export const SCREEN_WIDTH = 160
/** Screen height in pixels. */
export const SCREEN_HEIGHT = 120

/** Host services the graphics module needs. */
export interface GraphicsHost {
  /** Bytes of an absolute VFS path, or null when it does not exist (or is a directory). */
  readFile(absPath: string): Uint8Array | null
  /** Optional sink for portability warnings (§17 diagnostics). */
  warn?(message: string): void
  /**
   * The graphics objects Python still holds (the sandbox's live handles). Without it, the
   * interpreter's reference table is read directly (plain, unsandboxed use in tests).
   */
  liveObjects?(): Iterable<unknown>
  /**
   * Device bytes images and fonts may hold at once (the badge's heap). An image that would go
   * past it fails with MemoryError when it is created, so a frame cannot pile up host memory.
   */
  memoryBudget?: number
}

/** Error string returned to Python: `!Type:errno:message`. */
export type NativeError = string
/** A shape handle. */
export type ShapeHandle = S.Shape
/** A matrix handle. */
export type MatrixHandle = M.Mat
/** A bitmap-font handle. */
export type PixelFontHandle = { kind: 'ppf'; font: PixelFontData }
/** A vector-font handle. */
export type VectorFontHandle = { kind: 'af'; font: VectorFontData }

const err = (type: string, message: string, errno = ''): NativeError => `!${type}:${errno}:${message}`
const ENOENT = 2

/** Runs `f`, converting any JS exception into an error string so Python can raise it. */
function guard<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R | NativeError {
  if (guarded.has(f)) return f
  const g = (...a: A) => {
    try {
      return f(...a)
    } catch (e) {
      if (e instanceof S.TooManyPointsError) return err('ValueError', e.message)
      if (e instanceof RangeError) return err('MemoryError', e.message)
      return err('RuntimeError', `internal graphics error: ${(e as Error)?.message ?? String(e)}`)
    }
  }
  guarded.add(g)
  return g
}
// Functions already wrapped by guard (wrapping twice only costs time: these run per draw call).
const guarded = new WeakSet<object>()

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? +v : NaN)
const bytesOf = (msg: string, hex: boolean): Uint8Array => {
  if (!hex) return messageBytes(msg)
  const out = new Uint8Array(msg.length >> 1)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(msg.substr(2 * i, 2), 16)
  return out
}

/** The full native interface; see `createGraphicsNative`. */
export type GraphicsNative = ReturnType<typeof createGraphicsNative>

/**
 * Builds the `_pvnative` module object. `host.readFile` reads the emulator's VFS (absolute
 * paths; Python resolves relative ones against `os.getcwd()`).
 */
export function createGraphicsNative(host: GraphicsHost) {
  const screen = createSurface(SCREEN_WIDTH, SCREEN_HEIGHT)
  // Memory estimate (§17). Objects Python still holds are exactly those in MicroPython's JS
  // reference table (`globalThis.proxy_js_ref`; entries are cleared when Python collects the
  // proxy), so that table is scanned. Without it (plain JS use) a FinalizationRegistry keeps
  // a running total. WeakRef.deref is avoided: it would keep targets alive for the rest of a
  // synchronous job, and the interpreter's worker runs as one long job.
  const fonts = new WeakSet<object>()
  let fallbackTotal = 0
  const registry = new FinalizationRegistry<number>((bytes) => (fallbackTotal -= bytes))
  const track = (owner: object, bytes: number): void => {
    fallbackTotal += bytes
    registry.register(owner, bytes, owner)
  }
  const liveFrom = (refs: Iterable<unknown>): number => {
    const seen = new Set<unknown>()
    let total = 0
    for (const o of refs) {
      if (o instanceof Surface) {
        if (o !== screen && !seen.has(o.data)) {
          seen.add(o.data)
          total += o.deviceBytes
        }
      } else if (typeof o === 'object' && o !== null && fonts.has(o) && !seen.has(o)) {
        seen.add(o)
        total += (o as PixelFontHandle | VectorFontHandle).font.deviceBytes
      }
    }
    return total
  }
  // Each distinct warning reaches the host once (apps draw the same text every frame).
  const warned = new Set<string>()
  const warn = (m: string): void => {
    if (warned.has(m) || warned.size > 1000) return
    warned.add(m)
    host.warn?.(m)
  }
  // Decoded-PNG cache keyed by path, validated by the file's bytes (loads decode again on device).
  const pngCache = new Map<string, { bytes: Uint8Array; img: DecodedImage }>()
  const decodeCached = (path: string): DecodedImage | NativeError => {
    const bytes = host.readFile(path)
    if (bytes === null) return err('OSError', `[Errno 2] ENOENT: ${path}`, String(ENOENT))
    const hit = pngCache.get(path)
    if (hit && hit.bytes.length === bytes.length && hit.bytes.every((v, i) => v === bytes[i])) return hit.img
    let img: DecodedImage
    try {
      img = decodePngFile(bytes)
    } catch (e) {
      if (e instanceof PngError) return err('OSError', `${e.message}: ${path}`)
      throw e
    }
    if (img.deviceUnsupported) warn(`${path}: ${img.deviceUnsupported} cannot be decoded by the badge`)
    pngCache.delete(path)
    pngCache.set(path, { bytes: bytes.slice(), img })
    if (pngCache.size > 32) pngCache.delete(pngCache.keys().next().value as string)
    return img
  }
  const live = (): number => {
    if (host.liveObjects) return liveFrom(host.liveObjects())
    const refs = (globalThis as { proxy_js_ref?: unknown }).proxy_js_ref
    return Array.isArray(refs) ? liveFrom(refs) : fallbackTotal
  }
  /** A MemoryError when `bytes` more would not fit the budget, else null. */
  const noRoom = (bytes: number): NativeError | null =>
    host.memoryBudget !== undefined && live() + bytes > host.memoryBudget
      ? err('MemoryError', `memory allocation failed, allocating ${bytes} bytes`)
      : null
  const readFont = (path: string): Uint8Array | NativeError =>
    host.readFile(path) ?? err('OSError', `[Errno 2] ENOENT: ${path}`, String(ENOENT))

  const native = {
    // ---- screen and memory ----
    /** The screen surface handle (one per native instance). */
    screen: (): Surface => screen,
    /** The live 160×120 RGBA framebuffer of `screen` (not a copy). */
    screenRGBA: (): Uint8Array => screen.data,
    /** Sets every screen byte to zero (transparent black). */
    resetScreen: (): null => {
      screen.data.fill(0)
      return null
    },
    /**
     * Estimated device bytes held by images and fonts Python still references (§17): 4 B/px
     * true colour, 1 B/px + 1 KB paletted (windows share their parent's pixels), font file size
     * + 64; the screen and the built-in font are not counted.
     */
    liveBytes: (): number => {
      return live()
    },

    /** Forwards a portability warning from Python to the host (each distinct text once). */
    warn: (message: string): null => {
      warn(String(message))
      return null
    },

    // ---- images ----
    /** New w×h true-colour image, all zero; sizes validated here too. */
    imageNew: guard((w: number, h: number): Surface | NativeError => {
      if (!Number.isInteger(w) || !Number.isInteger(h) || w < 0 || h < 0)
        return err('ValueError', `invalid image size ${w}x${h}`)
      if (w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS)
        return err('MemoryError', `memory allocation failed, allocating ${w * h * 4} bytes`)
      const full = noRoom(w * h * 4)
      if (full) return full
      const s = createSurface(w, h)
      track(s, s.deviceBytes)
      return s
    }),
    /** Decodes a PNG into a new image (paletted for indexed PNGs). */
    imageLoad: guard((path: string): Surface | NativeError => {
      const img = decodeCached(String(path))
      if (typeof img === 'string') return img
      const full = noRoom(img.data.length)
      if (full) return full
      const s = new Surface(img.data.slice(), img.width, 0, img.width, img.height, img.palette ? img.palette.slice() : null)
      track(s, s.deviceBytes)
      return s
    }),
    /** Decodes a PNG into `img` at its top-left, overwriting pixels (no blending), clipped. */
    imageLoadInto: guard((t: Surface, path: string): null | NativeError => {
      const img = decodeCached(String(path))
      if (typeof img === 'string') return img
      if (t.palette) {
        warn('load_into on a paletted image is unsupported on the badge; ignored')
        return null
      }
      const w = Math.min(img.width, t.width), h = Math.min(img.height, t.height)
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const di = t.index(x, y)
          const si = img.palette ? img.data[y * img.width + x] * 4 : (y * img.width + x) * 4
          const src = img.palette ?? img.data
          t.data[di] = src[si]; t.data[di + 1] = src[si + 1]; t.data[di + 2] = src[si + 2]; t.data[di + 3] = src[si + 3]
        }
      }
      return null
    }),
    /** A window (§5.6) sharing pixels with `p`; arguments are ints. */
    imageWindow: guard((p: Surface, x: number, y: number, w: number, h: number): Surface =>
      createWindow(p, truncInt(x), truncInt(y), truncInt(w), truncInt(h))),
    /** Width in pixels. */
    imageWidth: (s: Surface): number => s.width,
    /** Height in pixels. */
    imageHeight: (s: Surface): number => s.height,
    /** True for paletted images and their windows. */
    imageHasPalette: (s: Surface): boolean => s.hasPalette,
    /** Sets the source opacity (stored as a byte, wraps). */
    imageSetAlpha: (s: Surface, a: number): null => {
      s.alpha = wrapByte(num(a))
      return null
    },
    /** Sets the antialias level (any int; ≤ 0 draws nothing). */
    imageSetAntialias: (s: Surface, n: number): null => {
      s.antialias = truncInt(num(n))
      return null
    },
    /** Sets the effective brush. */
    imageSetBrush: (s: Surface, b: Brush): null => {
      s.brush = b ?? WHITE
      return null
    },
    /** `clear()`: colour → rule Q on every pixel; xor → XOR, alpha 255; brighten → ±k clamped. */
    imageClear: guard((s: Surface): null => {
      if (s.palette) {
        warn('drawing onto a paletted image is unsupported on the badge; ignored')
        return null
      }
      clearSurface(s)
      return null
    }),
    /** `draw(shape)` with transform `m` (null = identity). */
    imageDraw: guard((s: Surface, shape: S.Shape, m: M.Mat | null): null => {
      if (s.palette) {
        warn('drawing onto a paletted image is unsupported on the badge; ignored')
        return null
      }
      fillPaths(s, shape.paths, m ?? IDENTITY)
      return null
    }),
    /** `blit(src, x, y)`. */
    imageBlit: guard((d: Surface, src: Surface, x: number, y: number): null => {
      blit(d, src, num(x), num(y))
      return null
    }),
    /** `scale_blit(src, x, y, w, h)`. */
    imageScaleBlit: guard((d: Surface, src: Surface, x: number, y: number, w: number, h: number): null => {
      scaleBlit(d, src, num(x), num(y), num(w), num(h))
      return null
    }),

    // ---- text ----
    /** Bitmap text; `hex` = message is the hex of raw bytes instead of a str. */
    textPixel: guard((s: Surface, f: PixelFontHandle, msg: string, hex: boolean, x: number, y: number): null => {
      const bytes = bytesOf(String(msg), !!hex)
      for (const b of bytes)
        if (b !== 32 && f.font.byByte[b] < 0) {
          warn(`font "${f.font.name}" has no glyph for byte 0x${b.toString(16).padStart(2, '0')}; skipped`)
          break
        }
      drawPixelText(s, f.font, bytes, num(x), num(y))
      return null
    }),
    /** Bitmap text width (float). */
    measurePixel: guard((f: PixelFontHandle, msg: string, hex: boolean): number =>
      measurePixelText(f.font, bytesOf(String(msg), !!hex))),
    /** Vector text at float position and size. */
    textVector: guard((s: Surface, f: VectorFontHandle, msg: string, hex: boolean, x: number, y: number, size: number): null => {
      if (!s.palette) drawVectorText(s, f.font, bytesOf(String(msg), !!hex), f32(num(x)), f32(num(y)), f32(num(size)))
      return null
    }),
    /** Vector text width: (advances + 1) · size/128. */
    measureVector: guard((f: VectorFontHandle, msg: string, hex: boolean, size: number): number =>
      measureVectorText(f.font, bytesOf(String(msg), !!hex), num(size))),

    // ---- fonts ----
    /** Loads a `.ppf` font. */
    pixelFontLoad: guard((path: string): PixelFontHandle | NativeError => {
      const b = readFont(String(path))
      if (typeof b === 'string') return b
      try {
        const h: PixelFontHandle = { kind: 'ppf', font: parsePpf(b) }
        fonts.add(h)
        track(h, h.font.deviceBytes)
        return h
      } catch (e) {
        if (e instanceof FontFormatError) return err('OSError', e.message)
        throw e
      }
    }),
    /** Marks a loaded font as the platform's (badgeware's default font): not counted by liveBytes. */
    platformFont: (f: PixelFontHandle | VectorFontHandle): null => {
      if (fonts.delete(f) && registry.unregister(f)) fallbackTotal -= f.font.deviceBytes
      return null
    },
    /** The built-in default bitmap font (shared handle). */
    pixelFontDefault: (): PixelFontHandle => defaultHandle,
    /** Bitmap font name. */
    pixelFontName: (f: PixelFontHandle): string => f.font.name,
    /** Bitmap font cell height. */
    pixelFontHeight: (f: PixelFontHandle): number => f.font.cellHeight,
    /** Loads an `.af` vector font. */
    vectorFontLoad: guard((path: string): VectorFontHandle | NativeError => {
      const b = readFont(String(path))
      if (typeof b === 'string') return b
      try {
        const h: VectorFontHandle = { kind: 'af', font: parseAf(b) }
        fonts.add(h)
        track(h, h.font.deviceBytes)
        return h
      } catch (e) {
        if (e instanceof FontFormatError) return err('OSError', e.message)
        throw e
      }
    }),

    // ---- brushes ----
    /** Solid colour brush; components truncated and wrapped modulo 256. */
    brushColor: (r: number, g: number, b: number, a: number): Brush =>
      Object.freeze({ kind: 'color', r: wrapByte(num(r)), g: wrapByte(num(g)), b: wrapByte(num(b)), a: wrapByte(num(a)) }),
    /** XOR brush. */
    brushXor: (r: number, g: number, b: number): Brush =>
      Object.freeze({ kind: 'xor', r: wrapByte(num(r)), g: wrapByte(num(g)), b: wrapByte(num(b)) }),
    /** Brighten brush (amount truncated, not wrapped). */
    brushBrighten: (amount: number): Brush => Object.freeze({ kind: 'brighten', amount: truncInt(num(amount)) }),

    // ---- shapes ----
    /** `shapes.rectangle`. */
    shapeRectangle: guard((x: number, y: number, w: number, h: number) => S.rectangle(f32(x), f32(y), f32(w), f32(h))),
    /** `shapes.circle`. */
    shapeCircle: guard((x: number, y: number, r: number) => S.circle(f32(x), f32(y), f32(r))),
    /** `shapes.regular_polygon`. */
    shapeRegularPolygon: guard((x: number, y: number, r: number, sides: number) => S.regularPolygon(f32(x), f32(y), f32(r), num(sides))),
    /** `shapes.rounded_rectangle` (all four radii given). */
    shapeRoundedRectangle: guard((x: number, y: number, w: number, h: number, r1: number, r2: number, r3: number, r4: number) =>
      S.roundedRectangle(f32(x), f32(y), f32(w), f32(h), f32(r1), f32(r2), f32(r3), f32(r4))),
    /** `shapes.squircle`. */
    shapeSquircle: guard((x: number, y: number, size: number, n: number) => S.squircle(f32(x), f32(y), f32(size), f32(n))),
    /** `shapes.line`. */
    shapeLine: guard((x1: number, y1: number, x2: number, y2: number, w: number) => S.line(f32(x1), f32(y1), f32(x2), f32(y2), f32(w))),
    /** `shapes.arc`. */
    shapeArc: guard((x: number, y: number, r: number, a: number, b: number) => S.arc(f32(x), f32(y), f32(r), f32(a), f32(b))),
    /** `shapes.pie`. */
    shapePie: guard((x: number, y: number, r: number, a: number, b: number) => S.pie(f32(x), f32(y), f32(r), f32(a), f32(b))),
    /** `shape.stroke(w)` in place; returns null. */
    shapeStroke: guard((s: S.Shape, w: number): null => {
      stroke(s, num(w))
      return null
    }),
    /** Number of paths of a shape. */
    shapePathCount: (s: S.Shape): number => s.paths.length,

    // ---- matrices ----
    /** Identity matrix. */
    matNew: (): M.Mat => M.identity(),
    /** Independent copy. */
    matCopy: (m: M.Mat): M.Mat => m.slice(),
    /** Element i of [m00, m01, m02, m10, m11, m12]. */
    matGet: (m: M.Mat, i: number): number => m[i],
    /** In-place `m · translate`. */
    matTranslate: (m: M.Mat, x: number, y: number): null => (M.translate(m, num(x), num(y)), null),
    /** In-place `m · scale`. */
    matScale: (m: M.Mat, x: number, y: number): null => (M.scale(m, num(x), num(y)), null),
    /** In-place `m · rotate(degrees)`. */
    matRotate: (m: M.Mat, deg: number): null => (M.rotateDegrees(m, num(deg)), null),
    /** In-place `m · rotate(radians)`. */
    matRotateRadians: (m: M.Mat, rad: number): null => (M.rotateRadians(m, num(rad)), null),
    /** In-place `m · o`. */
    matMultiply: (m: M.Mat, o: M.Mat): null => (M.multiplyInPlace(m, o), null),
  }
  const defaultHandle: PixelFontHandle = { kind: 'ppf', font: defaultFont() }
  // Belt and braces: no function may ever throw into Python, whatever it is passed.
  const safe = native as unknown as Record<string, (...a: unknown[]) => unknown>
  for (const k of Object.keys(safe)) safe[k] = guard(safe[k])
  return native
}

const IDENTITY = M.identity()

/** `clear()` for a true-colour surface with its current brush. */
function clearSurface(s: Surface): void {
  const br = s.brush
  const d = s.data
  if (br.kind === 'color' && br.a === 255) {
    const v = br.r | (br.g << 8) | (br.b << 16) | (255 << 24)
    const u32 = new Uint32Array(d.buffer, d.byteOffset, d.byteLength >> 2)
    for (let y = 0; y < s.height; y++) {
      const o = s.offset + y * s.stride
      u32.fill(v, o, o + s.width)
    }
    return
  }
  for (let y = 0; y < s.height; y++) {
    let i = s.index(0, y)
    for (let x = 0; x < s.width; x++, i += 4) {
      if (br.kind === 'color') {
        const a = br.a
        if (a === 0) return
        const na = 255 - a
        d[i] = (br.r * a + d[i] * na) >> 8
        d[i + 1] = (br.g * a + d[i + 1] * na) >> 8
        d[i + 2] = (br.b * a + d[i + 2] * na) >> 8
        d[i + 3] = 255
      } else if (br.kind === 'xor') {
        d[i] ^= br.r
        d[i + 1] ^= br.g
        d[i + 2] ^= br.b
        d[i + 3] = 255
      } else {
        const k = Math.floor((d[i + 3] * br.amount) / 256)
        d[i] = clamp255(d[i] + k)
        d[i + 1] = clamp255(d[i + 1] + k)
        d[i + 2] = clamp255(d[i + 2] + k)
      }
    }
  }
}
const clamp255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v)
