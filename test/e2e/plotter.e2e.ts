/**
 * The Plotter tab in Chromium against the real emulator: the numbers an app prints become series
 * named by its header line, other output is left out, the chart draws them, Clear forgets them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

// 60 samples of two series, with text around them that is not a sample.
const APP = `from badgeware import screen, brushes
print("wave, ramp")
for i in range(60):
    print(i % 12 - 6, i)
    if i % 20 == 0:
        print("checkpoint", i)
print("done")


def update():
    screen.brush = brushes.color(0, 0, 0)
    screen.clear()
`

describe('the Plotter tab', () => {
  let ide: E2EContext
  const project = tempProject()
  beforeAll(async () => {
    mkdirSync(path.join(project.dir, 'apps', 'plot'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps', 'plot', '__init__.py'), APP)
    ide = await startIde()
    await ide.core.project.open(project.dir)
    await ide.page.reload()
    await ide.page.locator('[data-path="apps"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('plots what a running app prints, one line per sample, named by its header line', async () => {
    const { page } = ide
    await page.locator('[data-testid="console-tab-plotter"]').click()
    await page.locator('[data-testid="plotter"]', { hasText: 'Print numbers to plot them' }).waitFor()
    await page.locator('.tree-row[data-path="apps/plot/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/plot/__init__.py"]').waitFor()
    await page.keyboard.press('F5')
    const plot = page.locator('[data-testid="plotter"]')
    await expect.poll(() => plot.getAttribute('data-samples'), { timeout: 30_000 }).toBe('60')
    expect(await plot.getAttribute('data-series')).toBe('wave,ramp')
    await expect(page.locator('.u-legend').innerText()).resolves.toMatch(/wave[\s\S]*ramp/)
    // The chart drew lines: the canvas holds pixels of both series' colours.
    const colours = await page.locator('.plotter canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let blue = 0
      let orange = 0
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 2]! > 200 && d[i]! < 120) blue++
        if (d[i]! > 200 && d[i + 1]! > 100 && d[i + 1]! < 160 && d[i + 2]! < 100) orange++
      }
      return { blue, orange }
    })
    expect(colours.blue).toBeGreaterThan(50)
    expect(colours.orange).toBeGreaterThan(50)
    await expect(page.locator('[data-testid="console-source"]').innerText()).resolves.toContain('(60)')
    await shot(page, 'plotter')
    // The output itself is still in Output.
    await page.locator('[data-testid="console-tab-output"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'done' }).waitFor()
  })

  it('Clear forgets the samples and the series names', async () => {
    const { page } = ide
    await page.locator('[data-testid="console-tab-plotter"]').click()
    await page.getByRole('button', { name: 'Clear console' }).click()
    const plot = page.locator('[data-testid="plotter"]')
    await expect.poll(() => plot.getAttribute('data-samples')).toBe('0')
    expect(await plot.getAttribute('data-series')).toBe('')
    await plot.locator('.hint').waitFor()
  })

  it('starts afresh with each run, and takes a header printed with spaces (print("sin", "cos"))', async () => {
    const { page } = ide
    await page.locator('[data-testid="console-tab-plotter"]').click()
    await page.keyboard.press('F5')
    const plot = page.locator('[data-testid="plotter"]')
    await expect.poll(() => plot.getAttribute('data-samples'), { timeout: 30_000 }).toBe('60')
    writeFileSync(path.join(project.dir, 'apps', 'plot', '__init__.py'), APP.replace('print("wave, ramp")', 'print("sin", "cos")').replace('range(60)', 'range(30)'))
    await page.locator('.cm-content', { hasText: 'print("sin", "cos")' }).waitFor({ timeout: 10_000 })
    await page.keyboard.press('F5')
    await expect.poll(() => plot.getAttribute('data-series'), { timeout: 30_000 }).toBe('sin,cos')
    await expect.poll(() => plot.getAttribute('data-samples'), { timeout: 30_000 }).toBe('30')
  })
})
