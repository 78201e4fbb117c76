import { describe, expect, it } from 'vitest'
import { slugify, slugProblem, titleOf } from '../../../src/shared/tools/slug'
import {
  createBitmap, floodFill, fromHex, getPixel, resampleToIcon, samePixels, setPixel, toHex, toIndexed, UndoStack, type Rgba,
} from '../../../src/shared/tools/icon'

const RED: Rgba = [255, 0, 0, 255]
const BLUE: Rgba = [0, 0, 255, 255]

describe('slug rules', () => {
  it.each([
    ['my_game', null], ['a', null], ['Game', 'lower-case'], ['1game', 'start with'], ['_x', 'start with'],
    ['a-b', 'lower-case'], ['', 'empty'], ['menu', 'system'], ['x'.repeat(33), 'longer'],
  ])('%s', (slug, problem) => {
    const p = slugProblem(slug)
    if (problem === null) expect(p).toBeNull()
    else expect(p).toContain(problem)
  })
  it('slugifies and titles', () => {
    expect(slugify('  My Gämé! 2 ')).toBe('my_game_2')
    expect(slugify('3D demo')).toBe('app_3d_demo')
    expect(titleOf('my_game_2')).toBe('My Game 2')
  })
})

describe('icon pixel ops', () => {
  it('sets and picks pixels, ignoring out-of-range', () => {
    const b = createBitmap()
    expect(setPixel(b, 3, 4, RED)).toBe(true)
    expect(setPixel(b, 3, 4, RED)).toBe(false)
    expect(setPixel(b, 24, 0, RED)).toBe(false)
    expect(getPixel(b, 3, 4)).toEqual(RED)
    expect(getPixel(b, -1, 0)).toBeNull()
  })

  it('flood fills a 4-connected region only', () => {
    const b = createBitmap(5, 5)
    // a wall in column 2 with a diagonal gap that 4-connectivity must not cross
    for (let y = 0; y < 5; y++) setPixel(b, 2, y, BLUE)
    expect(floodFill(b, 0, 0, RED)).toBe(10)
    expect(getPixel(b, 4, 4)).toEqual([0, 0, 0, 0])
    expect(getPixel(b, 1, 4)).toEqual(RED)
    expect(floodFill(b, 0, 0, RED)).toBe(0)
    expect(floodFill(b, 2, 2, RED)).toBe(5)
  })

  it('undoes and redoes snapshots', () => {
    let b = createBitmap(2, 2)
    const u = new UndoStack()
    u.push(b); setPixel(b, 0, 0, RED)
    u.push(b); setPixel(b, 1, 1, BLUE)
    b = u.undo(b)!
    expect(getPixel(b, 1, 1)).toEqual([0, 0, 0, 0])
    expect(getPixel(b, 0, 0)).toEqual(RED)
    b = u.undo(b)!
    expect(getPixel(b, 0, 0)).toEqual([0, 0, 0, 0])
    expect(u.undo(b)).toBeNull()
    b = u.redo(b)!
    b = u.redo(b)!
    expect(getPixel(b, 1, 1)).toEqual(BLUE)
    expect(u.canRedo).toBe(false)
    u.push(b)
    expect(u.canRedo).toBe(false)
  })

  it('converts hex colours', () => {
    expect(fromHex('#f80')).toEqual([255, 136, 0, 255])
    expect(fromHex('12345680')).toEqual([0x12, 0x34, 0x56, 0x80])
    expect(fromHex('nope')).toBeNull()
    expect(toHex([1, 2, 255, 9])).toBe('#0102ff')
  })

  it('resamples big images down by area averaging, centred', () => {
    const src = createBitmap(48, 24, RED)
    for (let y = 0; y < 24; y++) for (let x = 24; x < 48; x++) setPixel(src, x, y, BLUE)
    const icon = resampleToIcon(src)
    expect(icon.width).toBe(24)
    expect(getPixel(icon, 0, 0)).toEqual([0, 0, 0, 0]) // letterbox (12 px tall image centred)
    expect(getPixel(icon, 0, 6)).toEqual(RED)
    expect(getPixel(icon, 23, 17)).toEqual(BLUE)
    expect(getPixel(icon, 0, 18)).toEqual([0, 0, 0, 0])
  })

  it('indexes up to 256 colours and refuses more', () => {
    const b = createBitmap(4, 4)
    setPixel(b, 0, 0, RED)
    const ix = toIndexed(b)!
    expect(ix.palette).toEqual([RED, [0, 0, 0, 0]])
    expect(Array.from(ix.indices.slice(0, 2))).toEqual([0, 1])
    const many = createBitmap(17, 17)
    for (let i = 0; i < 289; i++) setPixel(many, i % 17, Math.floor(i / 17), [i & 255, i >> 8, 0, 255])
    expect(toIndexed(many)).toBeNull()
  })

  it('compares pixels treating all transparent pixels as equal', () => {
    const a = createBitmap(2, 1)
    const b = createBitmap(2, 1, [9, 9, 9, 0])
    expect(samePixels(a, b)).toBe(true)
    setPixel(b, 0, 0, RED)
    expect(samePixels(a, b)).toBe(false)
  })
})
