/**
 * The icon editor's state: the 24×24 bitmap, the tool and colour, the palette and undo history.
 * Pixel work is the pure code in `@shared/tools/icon`; this module adds Vue reactivity, the
 * browser-only sources (an emoji drawn with the system font, an image file) and the API calls.
 */
import { reactive } from 'vue'
import {
  cloneBitmap, createBitmap, DEFAULT_PALETTE, floodFill, getPixel, ICON_SIZE, resampleToIcon, setPixel, TRANSPARENT, UndoStack,
  type Bitmap, type Rgba,
} from '@shared/tools/icon'
import { api, call } from '../api'

/** Editor tools. */
export type IconTool = 'pencil' | 'eraser' | 'fill' | 'picker'

const history = new UndoStack()

/** Reactive editor state. `version` bumps on every pixel change so the canvas redraws. */
export const icon = reactive({
  bitmap: createBitmap() as Bitmap,
  tool: 'pencil' as IconTool,
  color: [...DEFAULT_PALETTE[10]!] as number[],
  palette: DEFAULT_PALETTE.map((c) => [...c]) as number[][],
  version: 0,
  canUndo: false,
  canRedo: false,
  /** A warning about the loaded file (a PNG type the badge cannot decode). */
  warning: null as string | null,
})

function changed(): void {
  icon.version++
  icon.canUndo = history.canUndo
  icon.canRedo = history.canRedo
}

/** Starts an edit (one undo step), e.g. on pointer down. */
export function beginEdit(): void {
  history.push(icon.bitmap)
  changed()
}

/** Applies the current tool at (x, y). Pencil/eraser may be called repeatedly within one edit. */
export function applyTool(x: number, y: number): void {
  const c = icon.color as unknown as Rgba
  if (icon.tool === 'picker') {
    const p = getPixel(icon.bitmap, x, y)
    if (p) {
      icon.color = [...p]
      if (p[3] === 0) icon.tool = 'eraser'
    }
    return
  }
  const did =
    icon.tool === 'fill' ? floodFill(icon.bitmap, x, y, c) > 0
      : setPixel(icon.bitmap, x, y, icon.tool === 'eraser' ? TRANSPARENT : c)
  if (did) changed()
}

/** Undo one edit. */
export function undo(): void {
  const prev = history.undo(icon.bitmap)
  if (prev) icon.bitmap = prev
  changed()
}

/** Redo one edit. */
export function redo(): void {
  const next = history.redo(icon.bitmap)
  if (next) icon.bitmap = next
  changed()
}

/** Replaces the picture (an undoable step). */
export function replaceBitmap(b: Bitmap): void {
  history.push(icon.bitmap)
  icon.bitmap = cloneBitmap(b)
  changed()
}

/** Clears to transparent (undoable). */
export function clearIcon(): void {
  replaceBitmap(createBitmap())
}

/** Draws `emoji` with the system's emoji font at 4× size and scales it down to the icon. */
export function fromEmoji(emoji: string): void {
  const size = ICON_SIZE * 4
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = size
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!
  // Monochrome glyphs (no colour-emoji font installed) take the selected colour.
  const [r, g, b] = icon.color
  ctx.fillStyle = `rgb(${r ?? 0}, ${g ?? 0}, ${b ?? 0})`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.font = `${Math.round(size * 0.8)}px "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif`
  ctx.fillText(emoji, size / 2, size / 2 + size * 0.05)
  const data = new Uint8Array(ctx.getImageData(0, 0, size, size).data.buffer)
  replaceBitmap(resampleToIcon({ width: size, height: size, data }))
}

/** Decodes an image file in the browser and scales it to the icon (aspect kept, centred). */
export async function fromImageFile(file: Blob): Promise<void> {
  const bmp = await createImageBitmap(file)
  const scale = Math.min(1, 1024 / Math.max(bmp.width, bmp.height))
  const w = Math.max(1, Math.round(bmp.width * scale)), h = Math.max(1, Math.round(bmp.height * scale))
  const canvas = document.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!
  ctx.drawImage(bmp, 0, 0, w, h)
  bmp.close()
  const data = new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer)
  replaceBitmap(resampleToIcon({ width: w, height: h, data }))
}

/** Loads a project PNG through main (the emulator's decoder). Other sizes are scaled to 24×24. */
export async function loadIconFile(path: string): Promise<void> {
  const r = await call(api.tools.loadIcon({ path }))
  const b: Bitmap = { width: r.width, height: r.height, data: r.rgba }
  history.clear()
  icon.bitmap = b.width === ICON_SIZE && b.height === ICON_SIZE ? b : resampleToIcon(b)
  icon.warning = r.deviceWarning
  changed()
}

/** Saves the icon as a badge-compatible PNG; returns the format used. */
export async function saveIconFile(path: string): Promise<'rgba' | 'indexed'> {
  const b = icon.bitmap
  const r = await call(api.tools.saveIcon({ path, width: b.width, height: b.height, rgba: b.data }))
  icon.warning = null
  return r.format
}

/** Starts over with an empty picture and no history. */
export function resetIcon(): void {
  history.clear()
  icon.bitmap = createBitmap()
  icon.warning = null
  changed()
}
