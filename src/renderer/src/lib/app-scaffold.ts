/**
 * The "New app" scaffold: `apps/<slug>/__init__.py` with a working init/update template and a
 * 24×24 `icon.png` drawn from the slug (so every new app gets its own colour).
 */
import { encode } from 'fast-png'

/** Valid app folder names: lower-case letter first, then letters, digits, underscores. */
export const SLUG_RE = /^[a-z][a-z0-9_]{0,31}$/

/** Turns a display name into a slug (`"My Game!"` → `my_game`); may still be invalid (empty, digit first). */
export function slugify(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32)
}

/** The `__init__.py` of a new app: draws a moving square, A resets it, UP/DOWN move it. */
export function appTemplate(title: string): string {
  return `# ${title}: a Badge IDE app. init() runs once, update() runs every frame.
from badgeware import screen, brushes, shapes, io

BG = brushes.color(13, 17, 23)
FG = brushes.color(88, 166, 255)
x = 0
y = 50


def init():
    global x, y
    x = 0
    y = 50


def update():
    global x, y
    if io.BUTTON_A in io.pressed:
        x = 0
    if io.BUTTON_UP in io.held:
        y = max(0, y - 2)
    if io.BUTTON_DOWN in io.held:
        y = min(100, y + 2)
    x = (x + 1) % 160
    screen.brush = BG
    screen.clear()
    screen.brush = FG
    screen.draw(shapes.rectangle(x, y, 20, 20))
`
}

function hue(slug: string): number {
  let h = 0
  for (const ch of slug) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return h % 360
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number): number => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number): number => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)]
}

/** RGBA pixels of the 24×24 icon: a rounded tile in the slug's colour with a light inner square. */
export function iconPixels(slug: string): Uint8Array {
  const size = 24
  const px = new Uint8Array(size * size * 4)
  const [r, g, b] = hsl(hue(slug), 0.65, 0.5)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4
      const corner = (x < 2 || x > 21) && (y < 2 || y > 21) && !((x === 1 || x === 22) && (y === 1 || y === 22))
      if (corner) continue
      const inner = x >= 7 && x <= 16 && y >= 7 && y <= 16
      px[i] = inner ? 255 : r
      px[i + 1] = inner ? 255 : g
      px[i + 2] = inner ? 255 : b
      px[i + 3] = 255
    }
  }
  return px
}

/** The icon as PNG bytes. */
export function iconPng(slug: string): Uint8Array {
  return encode({ width: 24, height: 24, data: iconPixels(slug), channels: 4, depth: 8 })
}
