/**
 * The window's bounds remembered between runs (settings key `windowBounds`), as pure functions
 * (no electron import, unit-tested): what to save, and where to open so the window is on a screen.
 */

/** A rectangle in screen pixels. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** What is saved. */
export interface SavedBounds extends Rect {
  maximized: boolean
}

/** The window's default and smallest sizes. */
export const WINDOW_SIZE = { width: 1400, height: 900, minWidth: 900, minHeight: 600 }

/** The least of a restored window that must lie on a screen, in pixels each way, to be reachable. */
const MIN_VISIBLE = 100

/**
 * Where to open the window from saved `value` (settings may hold anything): null (default size,
 * centred) when it is malformed or would lie off every screen in `workAreas` (a monitor unplugged);
 * sizes below the minimum are raised to it.
 */
export function restoreBounds(value: unknown, workAreas: Rect[]): SavedBounds | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  const n = (k: string): number | null => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? Math.round(v[k] as number) : null)
  const x = n('x')
  const y = n('y')
  const w = n('width')
  const h = n('height')
  if (x === null || y === null || w === null || h === null) return null
  const b = { x, y, width: Math.max(w, WINDOW_SIZE.minWidth), height: Math.max(h, WINDOW_SIZE.minHeight) }
  const onScreen = workAreas.some((a) => {
    const ix = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x)
    const iy = Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y)
    return ix >= MIN_VISIBLE && iy >= MIN_VISIBLE
  })
  return onScreen ? { ...b, maximized: v['maximized'] === true } : null
}

/** What to save for a window with `normalBounds` (its size when not maximized). */
export function boundsToSave(normalBounds: Rect, maximized: boolean): SavedBounds {
  return { ...normalBounds, maximized }
}

/** How far each further window is moved from the one before, in pixels each way. */
export const CASCADE_STEP = 32

/**
 * Where the window opened while `open` others are open goes: the restored bounds moved down and
 * right a step per open window, so a new window never hides the first exactly (null stays null:
 * the system places it).
 */
export function cascadeBounds(b: SavedBounds | null, open: number): SavedBounds | null {
  return b && open > 0 ? { ...b, x: b.x + CASCADE_STEP * open, y: b.y + CASCADE_STEP * open } : b
}
