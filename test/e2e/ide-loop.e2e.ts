/**
 * The whole loop in Chromium: open a project, edit and save, run it in the emulator, press a badge
 * button and see the canvas change, crash it and jump to the line, connect the virtual badge,
 * deploy, see the badge's files and stats. Saves the README screenshots on the way.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

// The screen is blue, red while A is held; B raises ZeroDivisionError on line 14.
const DEMO = `from badgeware import screen, brushes, shapes, io

BLUE = brushes.color(30, 60, 200)
RED = brushes.color(220, 30, 30)
WHITE = brushes.color(255, 255, 255)
print("demo app started")


def update():
    held = io.BUTTON_A in io.held
    screen.brush = RED if held else BLUE
    screen.clear()
    if io.BUTTON_B in io.pressed:
        oops = 1 / 0
    screen.brush = WHITE
    screen.draw(shapes.rectangle(10, 10, 20, 20))
`

/** RGBA of the canvas pixel at badge coordinates (x, y). */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([px, py]) => {
      const c = document.querySelector('[data-testid="screen"]') as HTMLCanvasElement
      return [...c.getContext('2d')!.getImageData(px!, py!, 1, 1).data]
    },
    [x, y],
  )
}

/** Waits until the canvas pixel at (x, y) is mostly `channel` (0 = red, 2 = blue). */
async function waitForColour(page: Page, x: number, y: number, channel: 0 | 2): Promise<void> {
  await page.waitForFunction(
    ([px, py, ch]) => {
      const c = document.querySelector('[data-testid="screen"]') as HTMLCanvasElement | null
      const d = c?.getContext('2d')?.getImageData(px!, py!, 1, 1).data
      return !!d && d[ch!]! > 150 && d[ch === 0 ? 2 : 0]! < 100
    },
    [x, y, channel],
    { timeout: 30_000 },
  )
}

describe('the IDE loop: edit, run, press, crash, connect, deploy, stats', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    mkdirSync(path.join(project.dir, 'apps/demo'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/demo/__init__.py'), DEMO)
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('opens the project and edits and saves the app', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('[data-path="apps/demo/__init__.py"]').click()
    await page.locator('.cm-content').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('# saved from the IDE')
    await page.locator('.tab.dirty').waitFor()
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty').waitFor({ state: 'detached' })
    expect(readFileSync(path.join(project.dir, 'apps/demo/__init__.py'), 'utf8')).toContain('# saved from the IDE')
  })

  it('runs the app with F5: frames reach the canvas and output reaches the console', async () => {
    const { page } = ide
    await page.keyboard.press('F5')
    await page.locator('[data-testid="emulator-status"]', { hasText: 'running' }).waitFor({ timeout: 30_000 })
    await waitForColour(page, 80, 60, 2)
    expect(await pixel(page, 15, 15)).toEqual([255, 255, 255, 255])
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'demo app started' }).waitFor({ timeout: 10_000 })
    await expect(page.locator('[data-testid="screen"]').evaluate((c) => getComputedStyle(c).imageRendering)).resolves.toBe('pixelated')
  })

  it('holds A from the keyboard while the emulator has focus, and the screen turns red', async () => {
    const { page } = ide
    await page.locator('[data-testid="emulator"]').focus()
    await page.keyboard.down('z')
    await waitForColour(page, 80, 60, 0)
    await shot(page, 'emulator-running')
    await page.keyboard.up('z')
    await waitForColour(page, 80, 60, 2)
  })

  it('typing A in the editor does not press the button', async () => {
    const { page } = ide
    await page.locator('.cm-content').click()
    await page.keyboard.down('a')
    await page.keyboard.up('a')
    await page.keyboard.press('Backspace')
    expect((await pixel(page, 80, 60))[2]).toBeGreaterThan(150)
  })

  it('pressing B on screen crashes the app: banner, console traceback, editor marks the line', async () => {
    const { page } = ide
    await page.locator('[data-button="B"]').dispatchEvent('pointerdown')
    await page.locator('[data-testid="emulator-banner"]', { hasText: 'crashed' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-button="B"]').dispatchEvent('pointerup')
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'ZeroDivisionError' }).waitFor()
    await page.locator('.cm-traceback-line').waitFor()
    const marked = await page.locator('.cm-traceback-line').innerText()
    expect(marked).toContain('oops = 1 / 0')
    await shot(page, 'emulator-crash')
  })

  it('clicking the traceback frame in the console opens the file at that line', async () => {
    const { page } = ide
    // Move the cursor away, then follow the link in the terminal.
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+Home')
    const row = page.locator('[data-testid="console"] .xterm-rows > div', { hasText: 'line 14' }).last()
    const box = (await row.boundingBox())!
    const text = await row.innerText()
    const cell = await page.evaluate(() => {
      const m = document.querySelector('[data-testid="console"] .xterm-char-measure-element') as HTMLElement | null
      return m ? m.getBoundingClientRect().width / Math.max(1, m.textContent?.length ?? 1) : 0
    })
    const col = text.indexOf('File "') + 3
    const x = box.x + (cell > 0 ? cell * col + cell / 2 : 40)
    const y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.move(x + 2, y)
    await page.mouse.click(x + 2, y)
    await page.waitForFunction(() => document.querySelector('.cm-activeLine')?.textContent?.includes('oops = 1 / 0'), undefined, { timeout: 10_000 })
  })

  it('connects to the virtual badge, deploys with a summary and lists the badge files and stats', async () => {
    const { page } = ide
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="deploy"]').click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed|up to date/ }).waitFor({ timeout: 120_000 })
    const summary = await page.locator('[data-testid="deploy-summary"]').innerText()
    expect(summary).toMatch(/Deployed \d+ files?/)
    await page.locator('[data-device-path]').first().waitFor()
    // The deployed app is on the badge: walk into its folder.
    const names = await page.locator('[data-device-path]').evaluateAll((els) => els.map((e) => e.getAttribute('data-device-path')))
    expect(names.length).toBeGreaterThan(0)
    await shot(page, 'device-files')
    await page.locator('[data-testid="tab-stats"]').click()
    await page.locator('[data-testid="stat-mem"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-testid="stat-mem"]').innerText()).toMatch(/KB used/)
    expect(await page.locator('[data-testid="stat-fs"]').innerText()).toMatch(/of/)
    await shot(page, 'device-stats')
  })
})
