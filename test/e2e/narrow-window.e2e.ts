/**
 * The window at its minimum size (900 × 600, see window-state.ts): the toolbar stays one row, the
 * console's tabs and the badge's buttons stay whole, because the side panes give way.
 */
import { describe, expect, it } from 'vitest'
import { ideWithProject } from '../helpers/e2e'
import { WINDOW_SIZE } from '../../src/main/electron/window-state'

describe('the smallest window', () => {
  const { ide: current } = ideWithProject({ viewport: { width: WINDOW_SIZE.minWidth, height: WINDOW_SIZE.minHeight } })

  it('keeps the toolbar on one row and every console tab and badge button inside its pane', async () => {
    const { page } = current()
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
