/**
 * What a new user hit first, in the browser mode (`npm run browser-dev`, no native dialogs): Open
 * Project asks for a path in the page, screenshots download through the browser, every tab keeps
 * its own scroll, a reload while an app runs shows it running with Stop, the tree's context menu
 * stays in the window and closes on Escape, Rename works in the file's folder, and FPS, memory and
 * error marks do not outlive what they describe.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

const DEMO = `from badgeware import screen, brushes, shapes, io


def update():
    screen.brush = brushes.color(30, 60, 200)
    screen.clear()
`
// Raises on line 9, a few frames in.
const CRASHY = `from badgeware import screen, brushes
n = 0

def update():
    global n
    n += 1
    screen.brush = brushes.color(0, 0, 0)
    screen.clear()
    if n > 5: x = 1 / 0
`
const LONG = Array.from({ length: 300 }, (_, i) => `value_${i} = ${i}  # ${'a long comment '.repeat(12)}`).join('\n')

/** Expands a tree folder unless it is open already. */
async function expand(page: Page, dir: string): Promise<void> {
  const row = page.locator(`.tree-row[data-path="${dir}"]`)
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click()
  await page.locator(`.tree-row[data-path="${dir}"][aria-expanded="true"]`).waitFor()
}

describe('browser mode and the first rough edges', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    for (const [rel, text] of Object.entries({ 'apps/demo/__init__.py': DEMO, 'apps/demo/long.py': LONG, 'apps/crashy/__init__.py': CRASHY, 'apps/snake/x.py': 'X = 1\n' })) {
      mkdirSync(path.dirname(path.join(project.dir, rel)), { recursive: true })
      writeFileSync(path.join(project.dir, rel), text)
    }
    ide = await startIde({ browserMode: true })
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('Open Project asks for the folder path in the page when there is no native picker', async () => {
    const { page } = ide
    await page.getByRole('button', { name: 'Open Project…' }).click()
    const input = page.locator('[data-testid="name-input"]')
    await input.waitFor()
    await input.fill(project.dir)
    await page.keyboard.press('Enter')
    await page.locator('[data-path="apps/demo"]').waitFor()
    // Open… again offers the open folder's path, not the same folder silently.
    await page.locator('[data-testid="open-project"]').click()
    await expect(input.inputValue()).resolves.toBe(project.dir)
    await page.keyboard.press('Escape')
  })

  it('gives each tab its own scroll position and cursor', async () => {
    const { page } = ide
    await page.locator('[data-path="apps/demo/long.py"]').click()
    await page.locator('.tab.active[data-path="apps/demo/long.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('End')
    await page.waitForFunction(() => document.querySelector('.cm-scroller')!.scrollTop > 1000)
    const before = await page.locator('.cm-scroller').evaluate((e) => ({ top: e.scrollTop, left: e.scrollLeft }))
    await page.locator('[data-path="apps/demo/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/demo/__init__.py"]').waitFor()
    await expect(page.locator('.cm-scroller').evaluate((e) => ({ top: e.scrollTop, left: e.scrollLeft }))).resolves.toEqual({ top: 0, left: 0 })
    await page.locator('.tab[data-path="apps/demo/long.py"]').click()
    await page.waitForFunction((top) => Math.abs(document.querySelector('.cm-scroller')!.scrollTop - top) < 2, before.top)
    await expect(page.locator('.cm-activeLine').innerText()).resolves.toContain('value_299')
  })

  it('downloads the screenshot through the browser, and a reload while running shows it running with Stop', async () => {
    const { page } = ide
    await page.locator('.tab[data-path="apps/demo/__init__.py"]').click()
    await page.locator('[data-testid="run"]').click()
    await page.locator('[data-testid="emulator-status"]', { hasText: 'running' }).waitFor({ timeout: 30_000 })
    await page.waitForFunction(() => !document.querySelector('[data-testid="screenshot"]')!.hasAttribute('disabled'))
    const download = page.waitForEvent('download')
    await page.locator('[data-testid="screenshot"]').click()
    const file = await (await download).path()
    expect([...readFileSync(file).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])

    await page.reload()
    await page.locator('[data-testid="emulator-status"]', { hasText: 'running' }).waitFor()
    await page.locator('[data-testid="stop"]').waitFor()
    await page.locator('[data-testid="toolbar-stop"]').waitFor()
    await expect(page.locator('[data-testid="emulator-banner"]').count()).resolves.toBe(0)
    await page.locator('[data-testid="stop"]').click()
    await page.locator('[data-testid="emulator-status"]', { hasText: 'stopped' }).waitFor()
    // Nothing runs, so nothing is measured.
    await expect(page.locator('[data-testid="fps"]').innerText()).resolves.toBe('— FPS')
    await expect(page.locator('[data-testid="mem"]').innerText()).resolves.toBe('—')
  })

  it('keeps the context menu inside the window, closes it on Escape, renames in the file\'s folder', async () => {
    const { page } = ide
    const vp = page.viewportSize()!
    await expand(page, 'apps/snake')
    const row = page.locator('[data-path="apps/snake/x.py"]')
    await row.waitFor()
    const box = (await row.boundingBox())!
    // Ask for the menu at the window's bottom edge (as on the tree's last rows).
    await row.dispatchEvent('contextmenu', { clientX: box.x + 20, clientY: vp.height - 3, button: 2 })
    const menu = page.locator('[data-testid="tree-menu"]')
    await menu.waitFor()
    const m = (await menu.boundingBox())!
    expect(m.y + m.height).toBeLessThanOrEqual(vp.height)
    await expect(page.getByRole('menuitem', { name: 'Delete' }).isVisible()).resolves.toBe(true)
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })

    await row.click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    const input = page.locator('[data-testid="name-input"]')
    await expect(input.inputValue()).resolves.toBe('x.py')
    await input.fill('helper.py')
    await page.keyboard.press('Enter')
    await page.locator('[data-path="apps/snake/helper.py"]').waitFor()
    expect(existsSync(path.join(project.dir, 'apps/snake/helper.py'))).toBe(true)
    expect(existsSync(path.join(project.dir, 'helper.py'))).toBe(false)
  })

  it('a crash shows no live figures, and saving the fix clears the red row and the Go to line', async () => {
    const { page } = ide
    await expand(page, 'apps/crashy')
    await page.locator('[data-path="apps/crashy/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/crashy/__init__.py"]').waitFor()
    await page.locator('[data-testid="run"]').click()
    await page.locator('[data-testid="emulator-banner"]', { hasText: 'crashed' }).waitFor({ timeout: 30_000 })
    await page.locator('.tree-row.error[data-path="apps/crashy/__init__.py"]').waitFor()
    await page.getByRole('button', { name: 'Go to line 9' }).waitFor()
    await expect(page.locator('[data-testid="fps"]').innerText()).resolves.toBe('— FPS')
    await expect(page.locator('[data-testid="mem"]').innerText()).resolves.toBe('—')

    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('# fixed')
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty').waitFor({ state: 'detached' })
    await page.locator('.tree-row.error').waitFor({ state: 'detached' })
    await page.locator('[data-testid="emulator-banner"]', { hasText: 'Fix saved' }).waitFor()
    await expect(page.getByRole('button', { name: /Go to line/ }).count()).resolves.toBe(0)
    await expect(page.locator('.cm-traceback-line').count()).resolves.toBe(0)
  })
})
