import { describe, expect, it } from 'vitest'
import { boundsToSave, CASCADE_STEP, cascadeBounds, restoreBounds, WINDOW_SIZE } from '../../../src/main/electron/window-state'

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]

describe('restoreBounds', () => {
  it('restores saved bounds that are on a screen, with the maximized flag', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 800, maximized: true }, screen)).toEqual({
      x: 100, y: 50, width: 1200, height: 800, maximized: true,
    })
  })
  it('falls back to the default for malformed values', () => {
    for (const v of [undefined, null, 'x', {}, { x: 1, y: 2, width: 'big', height: 3 }, { x: NaN, y: 0, width: 1000, height: 700 }]) {
      expect(restoreBounds(v, screen)).toBeNull()
    }
  })
  it('falls back to the default when the window would be off every screen (a monitor unplugged)', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1000, height: 700 }, screen)).toBeNull()
    expect(restoreBounds({ x: 1870, y: 100, width: 1000, height: 700 }, screen)).toBeNull()
    expect(restoreBounds({ x: 2500, y: 100, width: 1000, height: 700 }, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).not.toBeNull()
  })
  it('raises sizes below the minimum', () => {
    const b = restoreBounds({ x: 0, y: 0, width: 10, height: 10 }, screen)!
    expect([b.width, b.height]).toEqual([WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight])
  })
  it('round-trips what boundsToSave gives', () => {
    const saved = boundsToSave({ x: 10, y: 20, width: 1000, height: 700 }, false)
    expect(restoreBounds(JSON.parse(JSON.stringify(saved)), screen)).toEqual(saved)
  })
})

describe('cascadeBounds', () => {
  it('moves each further window a step down and right; the first and unplaced ones stay', () => {
    const b = { x: 100, y: 50, width: 1400, height: 900, maximized: false }
    expect(cascadeBounds(b, 0)).toEqual(b)
    expect(cascadeBounds(b, 2)).toEqual({ ...b, x: 100 + 2 * CASCADE_STEP, y: 50 + 2 * CASCADE_STEP })
    expect(cascadeBounds(null, 3)).toBeNull()
  })
})
