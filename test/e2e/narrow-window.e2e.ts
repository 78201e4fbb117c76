/**
 * The window at its minimum size (900 × 600, see window-state.ts): the toolbar stays one row, the
 * console's tabs and the badge's buttons stay whole, because the side panes give way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { WINDOW_SIZE } from '../../src/main/electron/window-state'

describe('the smallest window', () => {
  let ide: E2EContext
  const project = tempProject('hello')
  beforeAll(async () => {
    ide = await startIde({ viewport: { width: WINDOW_SIZE.minWidth, height: WINDOW_SIZE.minHeight } })
    await ide.core.project.open(project.dir)
    await ide.page.reload()
    await ide.page.locator('[data-path="apps"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('keeps the toolbar on one row and every console tab and badge button inside its pane', async () => {
    const { page } = ide
    const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!
    // One row: no button wraps its label, nothing is pushed past the window's edge.
    const bar = await box('.toolbar')
    expect(bar.height).toBeLessThan(50)
    for (const b of await page.locator('.toolbar button:visible').all()) {
      const r = (await b.boundingBox())!
      expect(r.height, await b.innerText()).toBeLessThan(34)
      expect(r.x + r.width, await b.innerText()).toBeLessThanOrEqual(WINDOW_SIZE.minWidth)
    }
    const consoleBox = await box('.console-panel')
    const plotterTab = await box('[data-testid="console-tab-plotter"]')
    expect(plotterTab.x + plotterTab.width).toBeLessThanOrEqual(consoleBox.x + consoleBox.width)
    const emu = await box('.area-emulator')
    for (const b of await page.locator('.area-emulator .badge-buttons button').all()) {
      const r = (await b.boundingBox())!
      expect(r.x + r.width).toBeLessThanOrEqual(emu.x + emu.width)
    }
    await expect(page.locator('.area-emulator .badge-buttons button').count()).resolves.toBeGreaterThan(4)
  })
})
