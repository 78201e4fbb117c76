/**
 * The rough edges a new user hits, in Chromium: `io.` completion and hover docs with call snippets,
 * tab labels that tell same-named files apart, the active tab scrolled into view, long names
 * truncated with a tooltip, a Rename dialog wide enough for them, the tree driven from the keyboard,
 * a tab whose file was deleted outside the IDE, `.badge-ide/` explained and git-ignored, zoom, and
 * the watchdog naming the line a stuck app was on.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

const APP = `from badgeware import screen, brushes, shapes, io


def update():
    screen.brush = brushes.color(30, 60, 200)
    screen.clear()
`
// Stuck in update(): draws, but never returns to present a frame.
const STUCK = `from badgeware import screen


def update():
    n = 0
    while True:
        screen.clear()
        n += 1
`
const LONG_NAME = 'a_very_long_module_name_that_does_not_fit_in_a_tab_or_a_small_dialog.py'
const MANY = Array.from({ length: 14 }, (_, i) => `lib/module_number_${String(i).padStart(2, '0')}.py`)

/** Expands a tree folder unless it is open already. */
async function expand(page: Page, dir: string): Promise<void> {
  const row = page.locator(`.tree-row[data-path="${dir}"]`)
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click()
  await page.locator(`.tree-row[data-path="${dir}"][aria-expanded="true"]`).waitFor()
}

/** Opens a project file from the tree (expanding its folders). */
async function open(page: Page, rel: string): Promise<void> {
  const parts = rel.split('/')
  for (let i = 1; i < parts.length; i++) await expand(page, parts.slice(0, i).join('/'))
  await page.locator(`.tree-row[data-path="${rel}"]`).click()
  await page.locator(`.tab.active[data-path="${rel}"]`).waitFor()
}

/** The centre of the first occurrence of `word` in the editor's text. */
async function wordAt(page: Page, word: string): Promise<{ x: number; y: number }> {
  const at = await page.evaluate((w) => {
    for (const line of document.querySelectorAll('.cm-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(w)
        if (i < 0) continue
        const r = document.createRange()
        r.setStart(n, i + 1)
        r.setEnd(n, i + 2)
        const b = r.getBoundingClientRect()
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
      }
    }
    return null
  }, word)
  if (!at) throw new Error(`${word} is not in the editor`)
  return at
}

describe('rough edges', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    const files: Record<string, string> = {
      'apps/snake/__init__.py': APP,
      'apps/flappy/__init__.py': APP,
      'apps/stuck/__init__.py': STUCK,
      [LONG_NAME]: 'X = 1\n',
      'gone.py': 'Y = 2\n',
    }
    for (const m of MANY) files[m] = `# ${m}\n`
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(project.dir, rel)), { recursive: true })
      writeFileSync(path.join(project.dir, rel), text)
    }
    mkdirSync(path.join(project.dir, '.git'))
    ide = await startIde({ viewport: { width: 1200, height: 800 } })
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('[data-path="apps"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('completes io. members with hover docs, and callables as snippets with their arguments', async () => {
    const { page } = ide
    await open(page, 'apps/snake/__init__.py')
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\nif io.pre')
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'pressed' }).waitFor()
    // CodeMirror ignores Enter for the first 75 ms of an open list (interactionDelay).
    await page.waitForTimeout(150)
    await page.keyboard.press('Enter')
    await expect(page.locator('.cm-activeLine').innerText()).resolves.toBe('if io.pressed')
    await page.keyboard.type(':\n    shapes.circ')
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'circle' }).waitFor()
    await page.waitForTimeout(150)
    await page.keyboard.press('Enter')
    // The first argument is selected: typing replaces it, Tab goes to the next.
    await page.keyboard.type('80')
    await page.keyboard.press('Tab')
    await page.keyboard.type('60')
    await expect(page.locator('.cm-activeLine').innerText()).resolves.toContain('shapes.circle(80, 60, r)')
    await page.keyboard.press('Escape')
    const at = await wordAt(page, 'pressed')
    await page.mouse.move(at.x, at.y)
    const hover = page.locator('.bw-hover', { hasText: 'io.pressed' })
    await hover.waitFor()
    expect(await hover.innerText()).toMatch(/went down since the previous poll/)
    await shot(page, 'editor-completion')
  })

  it('labels same-named tabs with their folder and truncates long names with a tooltip', async () => {
    const { page } = ide
    await open(page, 'apps/flappy/__init__.py')
    await expect(page.locator('.tab[data-path="apps/snake/__init__.py"] .name').innerText()).resolves.toBe('snake/__init__.py')
    await expect(page.locator('.tab[data-path="apps/flappy/__init__.py"] .name').innerText()).resolves.toBe('flappy/__init__.py')
    await open(page, LONG_NAME)
    const tab = page.locator(`.tab[data-path="${LONG_NAME}"]`)
    await expect(tab.getAttribute('title')).resolves.toBe(LONG_NAME)
    expect(await tab.locator('.name').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true)
  })

  it('scrolls the active tab into view when it is opened again from the tree', async () => {
    const { page } = ide
    for (const m of MANY) await open(page, m)
    const strip = page.locator('.tabs')
    expect(await strip.evaluate((e) => e.scrollWidth > e.clientWidth && e.scrollLeft > 0)).toBe(true)
    await open(page, 'apps/snake/__init__.py')
    await page.waitForFunction(() => {
      const s = document.querySelector('.tabs')!.getBoundingClientRect()
      const t = document.querySelector('.tab.active')!.getBoundingClientRect()
      return t.left >= s.left - 1 && t.right <= s.right + 1
    })
  })

  it('fits a long name in the Rename dialog', async () => {
    const { page } = ide
    await page.locator(`.tree-row[data-path="${LONG_NAME}"]`).click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    const input = page.locator('[data-testid="name-input"]')
    await expect(input.inputValue()).resolves.toBe(LONG_NAME)
    expect(await input.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true)
    await page.keyboard.press('Escape')
  })

  it('drives the tree from the keyboard: arrows, Right/Left, Enter, F2, Delete', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps"]').click()
    await page.locator('.tree-row[data-path="apps"][aria-expanded="false"]').waitFor()
    await page.keyboard.press('ArrowRight')
    await page.locator('.tree-row[data-path="apps"][aria-expanded="true"]').waitFor()
    await page.keyboard.press('ArrowDown')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('apps/flappy')
    await page.keyboard.press('ArrowLeft')
    await page.locator('.tree-row[data-path="apps/flappy"][aria-expanded="false"]').waitFor()
    await page.keyboard.press('ArrowLeft')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('apps')
    await page.locator('.tree-row[data-path="gone.py"]').focus()
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.locator('.tab.active[data-path="gone.py"]').waitFor()
    await page.locator('.tree-row[data-path="gone.py"]').focus()
    await page.keyboard.press('F2')
    await expect(page.locator('[data-testid="name-input"]').inputValue()).resolves.toBe('gone.py')
    await page.keyboard.press('Escape')
    await page.locator('.tree-row[data-path="lib/module_number_00.py"]').focus()
    await page.keyboard.press('Delete')
    await page.locator('.tree-row[data-path="lib/module_number_00.py"]').waitFor({ state: 'detached' })
    expect(existsSync(path.join(project.dir, 'lib/module_number_00.py'))).toBe(false)
  })

  it('marks the tab of a file deleted outside the IDE, and saving writes it again', async () => {
    const { page } = ide
    await page.locator('.tab[data-path="gone.py"]').click()
    rmSync(path.join(project.dir, 'gone.py'))
    const tab = page.locator('.tab.deleted[data-path="gone.py"]')
    await tab.waitFor()
    await expect(tab.getAttribute('title')).resolves.toMatch(/deleted on disk/)
    await page.locator('.cm-content').click()
    await page.keyboard.type('# kept ')
    await page.keyboard.press('Control+s')
    await page.locator('.tab.deleted').waitFor({ state: 'detached' })
    expect(readFileSync(path.join(project.dir, 'gone.py'), 'utf8')).toContain('# kept')
  })

  it('explains .badge-ide/ in the project and git-ignores it; zooms the screen 1x-4x and back to fit', async () => {
    const { page } = ide
    await open(page, 'apps/flappy/__init__.py')
    await page.locator('[data-testid="run"]').click()
    await page.locator('[data-testid="emulator-status"]', { hasText: 'running' }).waitFor({ timeout: 30_000 })
    expect(readFileSync(path.join(project.dir, '.badge-ide/README.md'), 'utf8')).toMatch(/emulator/)
    expect(readFileSync(path.join(project.dir, '.gitignore'), 'utf8')).toMatch(/^\.badge-ide\/$/m)
    const width = (): Promise<number> => page.locator('[data-testid="screen"]').evaluate((c) => c.getBoundingClientRect().width)
    await page.locator('[data-testid="zoom"]').selectOption({ label: '4×' })
    await expect.poll(width).toBe(640)
    await page.locator('[data-testid="zoom"]').selectOption({ label: '1×' })
    await expect.poll(width).toBe(160)
    await page.locator('[data-testid="zoom"]').selectOption({ index: 0 })
    const fit = Number(/\((\d)×\)/.exec(await page.locator('[data-testid="zoom"] option').first().innerText())![1])
    await expect.poll(width).toBe(160 * fit)
    await page.locator('[data-testid="stop"]').click()
  })

  it('says which line a stuck app was running when the watchdog stops it, and goes there', async () => {
    const { page } = ide
    await open(page, 'apps/stuck/__init__.py')
    await page.locator('[data-testid="run"]').click()
    const banner = page.locator('[data-testid="emulator-banner"]', { hasText: 'The app stopped responding' })
    await banner.waitFor({ timeout: 60_000 })
    await expect(banner.innerText()).resolves.toMatch(/It was running apps\/stuck\/__init__\.py line [678] \(in update\)/)
    await banner.getByRole('button', { name: /Go to line [678]/ }).click()
    await expect(page.locator('.cm-activeLine').innerText()).resolves.toMatch(/while True:|screen\.clear\(\)|n \+= 1/)
  })
})
