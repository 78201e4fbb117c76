/**
 * Live diagnostics in Chromium: a problem saved in another app is in the Problems list when the
 * project opens; typing an unknown badgeware name and a syntax error underlines them with the
 * badge's messages and lists them; a click on an entry opens its file at the line; Deploy asks before
 * sending a file the badge's compiler refuses. Saves the README screenshot of the Problems list.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Dialog } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

const DEMO = `from badgeware import screen, brushes, shapes

INK = brushes.color(255, 255, 255)


def update():
    screen.brush = INK
    screen.clear()
`

const OTHER = `from badgeware import screen, brushes

PAPER = brushes.colour(240, 230, 200)


def update():
    screen.brush = PAPER
    screen.clear()
`

describe('live diagnostics and the Problems list', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    for (const [rel, text] of [['apps/demo/__init__.py', DEMO], ['apps/other/__init__.py', OTHER]] as const) {
      mkdirSync(path.dirname(path.join(project.dir, rel)), { recursive: true })
      writeFileSync(path.join(project.dir, rel), text)
    }
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('lists what the saved files have when the project opens', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('[data-testid="problems-count"]', { hasText: '1' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="console-tab-problems"]').click()
    const entry = page.locator('[data-testid="problem"]')
    await expect.poll(() => entry.allInnerTexts()).toEqual([expect.stringContaining("AttributeError: type object 'brushes' has no attribute 'colour' (did you mean 'color'?)")])
    expect(await entry.innerText()).toContain('apps/other/__init__.py:3:17')
  })

  it('underlines an unknown badgeware name and a syntax error while typing, with the badge’s messages', async () => {
    const { page } = ide
    await page.locator('[data-path="apps/demo/__init__.py"]').click()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('    screen.drwa(shapes.circle(80, 60))\n')
    await page.locator('.cm-lintRange-error', { hasText: 'drwa' }).waitFor({ timeout: 10_000 })
    // Enter kept the function's indentation: the new line is inside update().
    await page.keyboard.press('Control+End')
    await page.keyboard.type('if screen\n')
    // The compiler's verdict arrives from main; the badgeware checks ran in the window.
    await page.locator('[data-testid="problem"]', { hasText: 'SyntaxError: invalid syntax' }).waitFor({ timeout: 10_000 })
    const texts = await page.locator('[data-testid="problem"]').allInnerTexts()
    expect(texts.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      "✖ AttributeError: 'Image' object has no attribute 'drwa' (did you mean 'draw'?) apps/demo/__init__.py:9:12 badgeware",
      '✖ TypeError: shapes.circle() takes 3 positional arguments but 2 were given apps/demo/__init__.py:9:30 badgeware',
      '✖ SyntaxError: invalid syntax apps/demo/__init__.py:10:5 MicroPython',
      "✖ AttributeError: type object 'brushes' has no attribute 'colour' (did you mean 'color'?) apps/other/__init__.py:3:17 badgeware",
    ])
    // The syntax error is underlined too (the whole line: MicroPython names no column).
    await page.locator('.cm-lintRange-error', { hasText: 'if screen' }).waitFor()
    expect(await page.locator('[data-testid="problems-count"]').innerText()).toBe('4')
    await shot(page, 'problems-list')
  })

  it('opens the file of a Problems entry at its line, in a new tab or an open one', async () => {
    const { page } = ide
    const activeLine = () => page.evaluate(() => document.querySelector('.cm-activeLine')?.textContent ?? '')
    await page.locator('[data-testid="problem"]', { hasText: 'colour' }).click()
    await page.locator('.tab.active', { hasText: 'other' }).waitFor()
    await expect.poll(activeLine).toBe('PAPER = brushes.colour(240, 230, 200)')
    await page.locator('[data-testid="problem"]', { hasText: 'SyntaxError' }).click()
    await page.locator('.tab.active', { hasText: 'demo' }).waitFor()
    await expect.poll(activeLine).toBe('    if screen')
  })

  it('asks before deploying a file with a syntax error, naming the file and line', async () => {
    const { page } = ide
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    // Deploy the app with the syntax error (this app = the active tab's).
    await page.locator('.tree-row[data-path="apps/demo/__init__.py"]').click()
    await page.locator('.tab.active', { hasText: 'demo' }).waitFor()
    const asked: string[] = []
    // Answer "no" this time (the harness accepts every dialog otherwise).
    page.removeAllListeners('dialog')
    const decline = (d: Dialog): void => {
      asked.push(d.message())
      void d.dismiss()
    }
    page.on('dialog', decline)
    await page.locator('[data-testid="deploy"]').click()
    await expect.poll(() => asked.length, { timeout: 20_000 }).toBe(1)
    expect(asked[0]).toContain('apps/demo/__init__.py, line 10: SyntaxError: invalid syntax')
    expect(asked[0]).toContain('Deploy anyway?')
    // Nothing was sent.
    expect(await page.locator('[data-testid="deploy-status"]').count()).toBe(0)
    page.off('dialog', decline)
    page.on('dialog', (d) => void d.accept())
    await page.locator('[data-testid="deploy"]').click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed/ }).waitFor({ timeout: 120_000 })
  })
})
