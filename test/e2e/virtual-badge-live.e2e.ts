/**
 * The virtual badge shown live: an app run on it draws into the emulator pane, labelled "virtual
 * badge"; running in the emulator takes the pane back.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startIde, type E2EContext } from '../helpers/e2e'
import { shot } from './shots'
import { tempProject } from '../helpers/temp-project'

// A red that keeps changing on the virtual badge (every frame is new, none is skipped as a repeat).
// Green while A is held (the pane's buttons press the virtual badge's).
const PAINT = `from badgeware import screen, brushes, io

n = 0


def update():
    global n
    n += 1
    if io.BUTTON_A in io.held:
        screen.brush = brushes.color(30, 200 + n % 40, 30)
    else:
        screen.brush = brushes.color(200 + n % 40, 30, 30)
    screen.clear()
`
const BLUE = `from badgeware import screen, brushes


def update():
    screen.brush = brushes.color(30, 60, 200)
    screen.clear()
`

/** Waits until the canvas pixel at (x, y) is mostly `channel` (0 = red, 1 = green, 2 = blue). */
async function waitForColour(page: Page, channel: 0 | 1 | 2): Promise<void> {
  await page.waitForFunction(
    (ch) => {
      const c = document.querySelector('[data-testid="screen"]') as HTMLCanvasElement | null
      const d = c?.getContext('2d')?.getImageData(80, 60, 1, 1).data
      return !!d && d[ch]! > 150 && [0, 1, 2].every((o) => o === ch || d[o]! < 100)
    },
    channel,
    { timeout: 120_000 },
  )
}

describe('the virtual badge in the emulator pane', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    mkdirSync(path.join(project.dir, 'apps/paint'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/paint/__init__.py'), PAINT)
    mkdirSync(path.join(project.dir, 'apps/blue'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/blue/__init__.py'), BLUE)
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('shows the frames of an app run on the virtual badge, labelled; the pane\'s buttons press its buttons', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('.tree-row[data-path="apps/paint/__init__.py"]').click()
    await page.locator('.cm-content').waitFor()
    await expect(page.locator('[data-testid="emulator-source"]').count()).resolves.toBe(0)
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="run-target-badge"]').click()
    await page.keyboard.press('F5')
    await page.locator('[data-testid="run-status"]', { hasText: /paint: running/i }).waitFor({ timeout: 120_000 })
    await waitForColour(page, 0)
    await page.locator('[data-testid="emulator-source"]', { hasText: 'virtual badge' }).waitFor()
    // Its FPS is measured from its own frame numbers.
    await expect.poll(() => page.locator('[data-testid="fps"]').innerText(), { timeout: 10_000 }).toMatch(/[1-9]\d* FPS/)
    await shot(page, 'virtual-badge-live')
    // Holding A on screen holds the virtual badge's A: the app paints green until it is let go.
    const a = page.locator('.badge-btn[data-button="A"]')
    await a.dispatchEvent('pointerdown', { pointerId: 1 })
    await waitForColour(page, 1)
    await a.dispatchEvent('pointerup', { pointerId: 1 })
    await waitForColour(page, 0)
  })

  it('gives the pane to the emulator while an app runs there, even with the virtual badge still drawing', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/blue/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/blue/__init__.py"]').waitFor()
    await page.locator('[data-testid="run-target-emulator"]').click()
    await page.keyboard.press('F5')
    await waitForColour(page, 2)
    await page.locator('[data-testid="emulator-status"]', { hasText: /running/i }).waitFor()
    await expect(page.locator('[data-testid="emulator-source"]').count()).resolves.toBe(0)
    await expect(page.locator('.badge-btn[data-button="A"]').isDisabled()).resolves.toBe(false)
    // The virtual badge's app still draws red: over 30 painted frames the screen stays the emulator's blue.
    const colours = await page.evaluate(async () => {
      const c = document.querySelector('[data-testid="screen"]') as HTMLCanvasElement
      const seen: number[] = []
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 34))
        seen.push(c.getContext('2d')!.getImageData(80, 60, 1, 1).data[0]!)
      }
      return seen
    })
    expect(colours.every((red) => red < 100)).toBe(true)
    await expect(page.locator('[data-testid="emulator-source"]').count()).resolves.toBe(0)
  })
})
