import { decode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { appTemplate, iconPng, slugify, SLUG_RE } from '../../src/renderer/src/lib/app-scaffold'
import { buttonForKey } from '../../src/renderer/src/lib/emulator-keys'
import { integerScale, opaqueFrame } from '../../src/renderer/src/lib/framebuffer'

describe('emulator keyboard mapping', () => {
  it('maps A/Z, B/X, C/Space, arrows and H/Escape; ignores chords and other keys', () => {
    expect(['a', 'Z', 'b', 'x', 'c', ' ', 'ArrowUp', 'ArrowDown', 'h', 'Escape'].map((k) => buttonForKey(k))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'UP', 'DOWN', 'HOME', 'HOME'])
    expect(buttonForKey('s', {})).toBeNull()
    expect(buttonForKey('a', { ctrl: true })).toBeNull()
  })
})

describe('framebuffer', () => {
  it('paints a frame without copying it: opaque in place, viewed as canvas pixels', () => {
    const rgba = new Uint8Array(160 * 120 * 4)
    rgba.set([9, 8, 7, 0, 1, 2, 3, 128])
    const px = opaqueFrame(rgba)!
    expect([...px.subarray(0, 8)]).toEqual([9, 8, 7, 255, 1, 2, 3, 255])
    expect(px.buffer).toBe(rgba.buffer) // the same memory
    expect(opaqueFrame(new Uint8Array(5))).toBeNull()
  })

  it('picks the largest integer scale that fits', () => {
    expect(integerScale(400, 400)).toBe(2)
    expect(integerScale(480, 360)).toBe(3)
    expect(integerScale(100, 100)).toBe(1)
  })
})

describe('new app scaffold', () => {
  it('slugifies names and validates slugs', () => {
    expect(slugify('My Game!')).toBe('my_game')
    expect(SLUG_RE.test(slugify('3d demo'))).toBe(false)
    expect(SLUG_RE.test('snake_2')).toBe(true)
  })

  it('writes a template with init() and update() and a 24x24 PNG icon', () => {
    const t = appTemplate('Snake')
    expect(t).toMatch(/^def init\(\):/m)
    expect(t).toMatch(/^def update\(\):/m)
    const png = decode(iconPng('snake'))
    expect([png.width, png.height, png.channels]).toEqual([24, 24, 4])
    expect(png.data[(12 * 24 + 12) * 4]).toBe(255)
  })
})
