/**
 * Project tree and editor in Chromium: recent projects, new app scaffold, rename and delete,
 * a 2,000-file tree, badgeware completion and hover docs, the dirty-tab guard, the saved layout
 * and theme, and a device error that says what to do.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { decode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

describe('workspace: tree management, editor intelligence, layout', () => {
  let ide: E2EContext
  const project = tempProject('hello')
  const big = tempProject()

  beforeAll(async () => {
    for (let i = 0; i < 2000; i++) {
      const dir = path.join(big.dir, 'apps', `app_${String(Math.floor(i / 20)).padStart(3, '0')}`)
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, `m${i}.py`), `X = ${i}\n`)
    }
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
    big.cleanup()
  })

  it('opens a project and remembers it in the recent list', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('[data-path="apps/hello"]').waitFor()
    await page.getByRole('button', { name: 'Recent projects' }).click()
    await page.getByRole('menuitem', { name: project.dir }).click()
    await page.locator('[data-path="apps/hello"]').waitFor()
    expect(await ide.core.settings.recent()).toContain(project.dir)
  })

  it('scaffolds a new app: __init__.py with init/update and a 24x24 icon.png on disk', async () => {
    const { page } = ide
    // The in-app name dialog (Electron has no window.prompt): focused, pre-selected, Enter confirms.
    await page.locator('[data-testid="new-app"]').click()
    const input = page.locator('[data-testid="name-input"]')
    await input.waitFor()
    await expect(input.evaluate((e) => e === document.activeElement)).resolves.toBe(true)
    await page.keyboard.type('9 lives')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="name-problem"]').waitFor()
    await input.fill('Space Race')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="name-dialog"]').waitFor({ state: 'detached' })
    await page.locator('[data-path="apps/space_race/icon.png"]').waitFor()
    const code = readFileSync(path.join(project.dir, 'apps/space_race/__init__.py'), 'utf8')
    expect(code).toMatch(/^def init\(\):/m)
    expect(code).toMatch(/^def update\(\):/m)
    const icon = decode(readFileSync(path.join(project.dir, 'apps/space_race/icon.png')))
    expect([icon.width, icon.height]).toEqual([24, 24])
    await expect(page.locator('.tab.active').innerText()).resolves.toContain('__init__.py')
  })

  it('completes badgeware names from the API and shows hover docs', async () => {
    const { page } = ide
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\nshapes.circ')
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'circle' }).waitFor()
    // CodeMirror ignores Enter for the first 75 ms of an open list (interactionDelay), so a fast
    // Enter would insert a newline instead; give the list that long before accepting.
    await page.waitForTimeout(150)
    await page.keyboard.press('Enter')
    await expect(page.locator('.cm-activeLine').innerText()).resolves.toContain('shapes.circle')
    await page.keyboard.press('Escape')
    const at = await page.evaluate(() => {
      const line = [...document.querySelectorAll('.cm-line')].find((l) => l.textContent?.includes('shapes.circle'))!
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf('circle')
        if (i < 0) continue
        const r = document.createRange()
        r.setStart(n, i + 2)
        r.setEnd(n, i + 3)
        const b = r.getBoundingClientRect()
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
      }
      return null
    })
    await page.mouse.move(at!.x, at!.y)
    await page.locator('.bw-hover', { hasText: 'shapes.circle(x, y, r)' }).waitFor()
  })

  it('asks before closing a tab with unsaved changes and keeps it when refused', async () => {
    const { page } = ide
    await page.locator('.tab.active .close').click()
    await expect(page.locator('[data-testid="unsaved-dialog"]').innerText()).resolves.toContain('unsaved changes')
    await page.locator('[data-testid="unsaved-cancel"]').click()
    await page.locator('[data-testid="unsaved-dialog"]').waitFor({ state: 'detached' })
    await expect(page.locator('.tab.dirty').count()).resolves.toBe(1)
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty').waitFor({ state: 'detached' })
  })

  it('creates a file through the name dialog: invalid names are refused, Escape cancels, Enter creates', async () => {
    const { page } = ide
    await page.getByRole('button', { name: 'New file' }).click()
    const input = page.locator('[data-testid="name-input"]')
    await input.waitFor()
    // "untitled" is pre-selected, so typing replaces it and keeps the extension.
    await page.keyboard.type('notes')
    await expect(input.inputValue()).resolves.toBe('notes.py')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="name-dialog"]').waitFor({ state: 'detached' })
    expect(existsSync(path.join(project.dir, 'notes.py'))).toBe(false)

    await page.getByRole('button', { name: 'New file' }).click()
    await input.fill('bad:name.py')
    await expect(page.locator('[data-testid="name-problem"]').innerText()).resolves.toMatch(/not a valid file name/)
    await input.fill('')
    await expect(page.locator('[data-testid="name-problem"]').innerText()).resolves.toMatch(/Enter a name/)
    await input.fill('notes.py')
    await page.keyboard.press('Enter')
    await page.locator('.tree-row[data-path="notes.py"]').waitFor()
    expect(existsSync(path.join(project.dir, 'notes.py'))).toBe(true)
    await page.locator('.tab.active[data-path="notes.py"]').waitFor()
  })

  it('renames and deletes through the context menu; the disk follows', async () => {
    const { page } = ide
    await page.locator('[data-path="main.py"]').click({ button: 'right' })
    await page.evaluate(() => {
      window.confirm = () => true
    })
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    await page.locator('[data-testid="name-input"]').fill('boot.py')
    await page.locator('[data-testid="name-ok"]').click()
    await page.locator('[data-path="boot.py"]').waitFor()
    expect(existsSync(path.join(project.dir, 'boot.py'))).toBe(true)
    await page.locator('[data-path="boot.py"]').click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await page.locator('[data-path="boot.py"]').waitFor({ state: 'detached' })
    expect(existsSync(path.join(project.dir, 'boot.py'))).toBe(false)
  })

  it('deleting a folder with an unsaved open file asks once, saying the changes go too', async () => {
    const { page } = ide
    const { mkdirSync, writeFileSync } = await import('node:fs')
    mkdirSync(path.join(project.dir, 'scratch'), { recursive: true })
    writeFileSync(path.join(project.dir, 'scratch/tmp.py'), 'x = 1\n')
    await page.locator('.tree-row[data-path="scratch"]').waitFor({ timeout: 10_000 })
    await page.locator('.tree-row[data-path="scratch"]').click()
    await page.locator('.tree-row[data-path="scratch/tmp.py"]').click()
    await page.locator('.tab.active[data-path="scratch/tmp.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.type('# edit ')
    await page.locator('.tab.dirty[data-path="scratch/tmp.py"]').waitFor()
    await page.evaluate(() => {
      ;(window as unknown as { asked: string[] }).asked = []
      window.confirm = (m?: string) => ((window as unknown as { asked: string[] }).asked.push(m ?? ''), true)
    })
    await page.locator('.tree-row[data-path="scratch"]').click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await page.locator('.tree-row[data-path="scratch"]').waitFor({ state: 'detached' })
    await page.locator('.tab[data-path="scratch/tmp.py"]').waitFor({ state: 'detached' })
    await expect(page.locator('[data-testid="unsaved-dialog"]').count()).resolves.toBe(0)
    const asked = await page.evaluate(() => (window as unknown as { asked: string[] }).asked)
    expect(asked).toEqual([expect.stringMatching(/^Move the folder scratch and everything in it to the trash\? An open tab has unsaved changes there; they are discarded too\.$/)])
    expect(existsSync(path.join(project.dir, 'scratch'))).toBe(false)
  })

  it('says what to do when a serial port does not exist', async () => {
    const { page } = ide
    await page.evaluate(() => {
      const sel = document.querySelector('[data-testid="port-select"]') as HTMLSelectElement
      const o = document.createElement('option')
      o.value = '/dev/ttyACM99'
      o.textContent = 'missing'
      sel.append(o)
      sel.value = '/dev/ttyACM99'
      sel.dispatchEvent(new Event('change'))
    })
    await page.locator('[data-testid="connect"]').click()
    const err = page.locator('.notice.error').last()
    await err.waitFor()
    expect(await err.innerText()).toMatch(/Plug the badge in|does not exist|could not be opened/)
  })

  it('keeps the dragged pane size and the theme across a reload', async () => {
    const { page } = ide
    const handle = page.locator('.splitter[data-size="treeW"]')
    const box = (await handle.boundingBox())!
    await page.mouse.move(box.x + 2, box.y + 200)
    await page.mouse.down()
    await page.mouse.move(box.x + 122, box.y + 200, { steps: 4 })
    await page.mouse.up()
    const width = await page.locator('.area-tree').evaluate((e) => e.getBoundingClientRect().width)
    await page.locator('[data-testid="theme"]').click()
    await page.waitForFunction(() => document.querySelector('.ide.theme-light'))
    await expect.poll(async () => (await ide.core.settings.get()).theme).toBe('light')
    await expect.poll(async () => Math.round(Number((await ide.core.settings.get()).layout['treeW']))).toBe(Math.round(width))
    await page.reload()
    await page.locator('.ide.theme-light').waitFor()
    const after = await page.locator('.area-tree').evaluate((e) => e.getBoundingClientRect().width)
    expect(Math.abs(after - width)).toBeLessThan(2)
    expect(width).toBeGreaterThan(box.x + 100)
    await page.locator('[data-testid="theme"]').click()
  })

  it('opens a 2,000-file project and renders only the rows in view', async () => {
    const { page } = ide
    ide.shell.nextFolder = big.dir
    await page.keyboard.press('Control+o')
    await page.locator('[data-path="apps/app_000/m0.py"]').waitFor()
    const rendered = await page.locator('.tree-row').count()
    expect(rendered).toBeLessThan(120)
    // Scrolling to the end shows the last file.
    await page.locator('.tree-scroll').evaluate((e) => e.scrollTo(0, e.scrollHeight))
    await page.locator('[data-path="apps/app_099/m1999.py"]').waitFor()
    await shot(page, 'large-tree')
  })
})
