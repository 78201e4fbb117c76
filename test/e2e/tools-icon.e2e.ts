import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../src/main/emulator/graphics/png'
import { readPngChunks } from '../../src/main/services/tools/png-writer'
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
    // after loading, undo history is empty and the picker reads blue from the background
    await expect(page.locator('[data-testid="icon-undo"]').isDisabled()).resolves.toBe(true)
    await page.locator('[data-testid="icon-tool-picker"]').click()
    await page.locator('[data-testid="icon-canvas"]').click({ position: { x: 10 * ZOOM, y: 10 * ZOOM } })
    await expect(page.locator('[data-testid="icon-color"]').inputValue()).resolves.toBe('#58a6ff')
  })
})
