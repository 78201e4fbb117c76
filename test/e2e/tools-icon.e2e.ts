import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../src/main/emulator/graphics/png'
import { readPngChunks } from '../../src/main/services/tools/png-writer'
import { encode } from 'fast-png'
import { createBitmap, DEFAULT_PALETTE, floodFill, setPixel, type Rgba } from '../../src/shared/tools/icon'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

const ZOOM = 16

describe('icon editor: draw, fill, undo, pick, save; the PNG decodes to the same pixels', () => {
  let ide: E2EContext
  const project = tempProject('hello')

  beforeAll(async () => {
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.locator('[data-testid="open-project"]').click()
    await ide.page.locator('[data-path="apps/hello"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('draws an icon and saves a single-IDAT PNG the emulator decodes to those pixels', async () => {
    const { page } = ide
    await page.locator('[data-testid="tools-menu"]').click()
    await page.locator('[data-testid="tools-icon"]').click()
    const canvas = page.locator('[data-testid="icon-canvas"]')
    await canvas.waitFor()
    const at = (x: number, y: number) => ({ position: { x: x * ZOOM + ZOOM / 2, y: y * ZOOM + ZOOM / 2 } })

    // pencil in red: two dots and a dragged line along the top row
    await page.locator('[data-testid="icon-swatch-5"]').click()
    await page.locator('[data-testid="icon-tool-pencil"]').click()
    await canvas.click(at(2, 3))
    await canvas.click(at(4, 3))
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + ZOOM / 2, box.y + ZOOM / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + 5 * ZOOM + ZOOM / 2, box.y + ZOOM / 2, { steps: 25 })
    await page.mouse.up()

    // a wrong fill, undone and redone with the keyboard and buttons
    await page.locator('[data-testid="icon-swatch-8"]').click()
    await page.locator('[data-testid="icon-tool-fill"]').click()
    await canvas.click(at(12, 12))
    await page.locator('[data-testid="icon-undo"]').click()
    await page.locator('[data-testid="icon-redo"]').click()
    await page.keyboard.press('Control+z')
    // the real fill in blue
    await page.locator('[data-testid="icon-swatch-10"]').click()
    await page.locator('[data-testid="icon-tool-fill"]').click()
    await canvas.click(at(12, 12))
    // the picker takes red from a dot, and the pencil uses it at the bottom-right corner
    await page.locator('[data-testid="icon-tool-picker"]').click()
    await canvas.click(at(4, 3))
    await page.locator('[data-testid="icon-tool-pencil"]').click()
    await canvas.click(at(23, 23))
    // the eraser makes one transparent hole
    await page.locator('[data-testid="icon-tool-eraser"]').click()
    await canvas.click(at(20, 20))

    await page.locator('[data-testid="icon-path"]').fill('apps/hello/icon.png')
    await page.locator('[data-testid="icon-save"]').click()
    await page.locator('.notice', { hasText: 'Saved apps/hello/icon.png' }).or(page.getByText('Saved apps/hello/icon.png')).first().waitFor()

    const red = DEFAULT_PALETTE[5] as Rgba
    const blue = DEFAULT_PALETTE[10] as Rgba
    const expected = createBitmap()
    for (const [x, y] of [[2, 3], [4, 3], [0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0]] as const) setPixel(expected, x, y, red)
    floodFill(expected, 12, 12, blue)
    setPixel(expected, 23, 23, red)
    setPixel(expected, 20, 20, [0, 0, 0, 0])

    const png = readFileSync(path.join(project.dir, 'apps/hello/icon.png'))
    const chunks = readPngChunks(png)
    expect(chunks.filter((c) => c.type === 'IDAT')).toHaveLength(1)
    expect(chunks[0]!.data[8]).toBe(8) // 8-bit
    expect([3, 6]).toContain(chunks[0]!.data[9]) // indexed or RGBA
    const img = decodePngFile(png)
    expect(img.deviceUnsupported).toBeNull()
    const rgba = new Uint8Array(24 * 24 * 4)
    if (img.palette) img.data.forEach((ix, p) => rgba.set(img.palette!.subarray(ix * 4, ix * 4 + 4), p * 4))
    else rgba.set(img.data)
    expect(Array.from(rgba)).toEqual(Array.from(expected.data))
  })

  it('loads the saved icon back into the editor', async () => {
    const { page } = ide
    await page.locator('[data-testid="icon-clear"]').click()
    await page.locator('[data-testid="icon-load"]').click()
    await page.locator('[data-testid="icon-editor"] [data-loaded="apps/hello/icon.png"]').waitFor()
    // after loading, undo history is empty and the picker reads blue from the background
    await expect.poll(() => page.locator('[data-testid="icon-undo"]').isDisabled()).toBe(true)
    await page.locator('[data-testid="icon-tool-picker"]').click()
    await page.locator('[data-testid="icon-canvas"]').click({ position: { x: 10 * ZOOM, y: 10 * ZOOM } })
    await expect.poll(() => page.locator('[data-testid="icon-color"]').inputValue()).toBe('#58a6ff')
  })

  /** Saves the editor's picture to `rel` and returns its RGBA pixels as the emulator decodes them. */
  async function saveAndDecode(rel: string): Promise<Uint8Array> {
    const { page } = ide
    await page.locator('[data-testid="icon-path"]').fill(rel)
    await page.locator('[data-testid="icon-save"]').click()
    await page.getByText(`Saved ${rel}`).first().waitFor()
    const img = decodePngFile(readFileSync(path.join(project.dir, rel)))
    const rgba = new Uint8Array(24 * 24 * 4)
    if (img.palette) img.data.forEach((ix, p) => rgba.set(img.palette!.subarray(ix * 4, ix * 4 + 4), p * 4))
    else rgba.set(img.data)
    return rgba
  }

  it('starts from an image file, scaled down to 24x24', async () => {
    const { page } = ide
    // 48x48: left half red, right half blue, a 2x2 white block at (10..11, 20..21) → one white icon pixel (5, 10)
    const data = new Uint8Array(48 * 48 * 4)
    for (let y = 0; y < 48; y++) {
      for (let x = 0; x < 48; x++) {
        const white = x >= 10 && x < 12 && y >= 20 && y < 22
        data.set(white ? [255, 255, 255, 255] : x < 24 ? [200, 30, 40, 255] : [20, 60, 220, 255], (y * 48 + x) * 4)
      }
    }
    await page.locator('[data-testid="icon-from-image"]').setInputFiles({ name: 'pic.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: 48, height: 48, data })) })
    await expect.poll(() => page.locator('[data-testid="icon-undo"]').isEnabled()).toBe(true)
    const px = await saveAndDecode('apps/hello/from-image.png')
    const at = (x: number, y: number) => Array.from(px.subarray((y * 24 + x) * 4, (y * 24 + x) * 4 + 4))
    expect(at(0, 0)).toEqual([200, 30, 40, 255])
    expect(at(23, 23)).toEqual([20, 60, 220, 255])
    expect(at(5, 10)).toEqual([255, 255, 255, 255])
    expect(at(11, 5)).toEqual([200, 30, 40, 255])
    expect(at(12, 5)).toEqual([20, 60, 220, 255])
  })

  it('starts from an emoji (drawn with the system font)', async () => {
    const { page } = ide
    await page.locator('[data-testid="icon-clear"]').click()
    await page.locator('[data-testid="icon-emoji"]').fill('★')
    await page.locator('[data-testid="icon-from-emoji"]').click()
    const px = await saveAndDecode('apps/hello/from-emoji.png')
    let opaque = 0
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) opaque++
    // something was drawn, and not the whole square
    expect(opaque).toBeGreaterThan(20)
    expect(opaque).toBeLessThan(24 * 24)
  })
})
