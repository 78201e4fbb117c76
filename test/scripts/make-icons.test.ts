import { readFileSync } from 'node:fs'
import path from 'node:path'
import { decode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { downscale, ICON_SIZES, iconFiles, MASTER_SIZE } from '../../scripts/make-icons.mjs'

const px = (...rgba: number[][]) => new Uint8Array(rgba.flat())

describe('downscale', () => {
  it('averages each output pixel over the source pixels it covers', () => {
    const src = px([0, 0, 0, 255], [200, 100, 50, 255], [100, 100, 100, 255], [100, 0, 50, 255])
    expect([...downscale(src, 2, 1)]).toEqual([100, 50, 50, 255])
  })
  it('weights pixels by alpha, so a transparent neighbour fades the edge without darkening it', () => {
    const src = px([200, 100, 0, 255], [0, 0, 0, 0], [200, 100, 0, 255], [0, 0, 0, 0])
    expect([...downscale(src, 2, 1)]).toEqual([200, 100, 0, 128])
  })
  it('takes fractional overlaps when the sizes do not divide', () => {
    // 3 -> 2: the middle source column counts half for each output column.
    const row = [[0, 0, 0, 255], [90, 90, 90, 255], [180, 180, 180, 255]]
    const src = px(...row, ...row, ...row)
    const out = downscale(src, 3, 2)
    expect([out[0], out[4]]).toEqual([30, 150])
  })
})

describe('the icons in build/', () => {
  it('are what the script makes from the one source image, at every size electron-builder takes', () => {
    const files = iconFiles()
    expect(files.map((f) => f.file)).toEqual(['icon.png', ...ICON_SIZES.map((s) => `icons/${s}x${s}.png`)])
    for (const { file, bytes } of files) {
      const onDisk = readFileSync(path.resolve(__dirname, '../../build', file))
      expect(Buffer.compare(onDisk, Buffer.from(bytes)), `${file} is stale: run npm run icons`).toBe(0)
      const img = decode(onDisk)
      const size = file === 'icon.png' ? MASTER_SIZE : Number(file.match(/(\d+)x/)![1])
      expect([img.width, img.height]).toEqual([size, size])
    }
  })
})
