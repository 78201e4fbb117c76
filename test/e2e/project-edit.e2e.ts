import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

describe('open a project, edit a file, save it', () => {
  let ide: E2EContext
  const project = tempProject('hello')

  beforeAll(async () => {
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('shows the tree after choosing the folder in the picker', async () => {
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('[data-testid="project-tree"] [data-path="apps/hello"]').waitFor()
    await expect(ide.page.locator('[data-testid="project-tree"] [data-path="main.py"]').count()).resolves.toBe(1)
  })

  it('opens a file, edits it and saves with Ctrl+S; the change is on disk', async () => {
    const { page } = ide
    await page.locator('[data-path="apps/hello/__init__.py"]').click()
    await page.locator('.cm-content').waitFor()
    await expect(page.locator('.cm-content').innerText()).resolves.toContain('def update():')
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('# edited in the IDE\n')
    await expect(page.locator('.tab.dirty').count()).resolves.toBe(1)
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty').waitFor({ state: 'detached' })
    const onDisk = readFileSync(path.join(project.dir, 'apps/hello/__init__.py'), 'utf8')
    expect(onDisk.startsWith('# edited in the IDE\n')).toBe(true)
    expect(onDisk).toContain('def update():')
  })

  it('shows a change made outside the IDE in the open tab, so the next save keeps it', async () => {
    const { page } = ide
    const file = path.join(project.dir, 'apps/hello/__init__.py')
    const { appendFileSync } = await import('node:fs')
    appendFileSync(file, 'EXTERNAL_LINE = 42\n')
    await page.locator('.cm-content', { hasText: 'EXTERNAL_LINE = 42' }).waitFor({ timeout: 10_000 })
    await expect(page.locator('.tab.dirty').count()).resolves.toBe(0)
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('# and again\n')
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty').waitFor({ state: 'detached' })
    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk.startsWith('# and again\n# edited in the IDE\n')).toBe(true)
    expect(onDisk).toContain('EXTERNAL_LINE = 42\n')
  })

  it('switching tabs leaves each tab its own text, unmodified', async () => {
    const { page } = ide
    for (const f of ['main.py', 'apps/hello/__init__.py', 'main.py', 'apps/hello/__init__.py']) {
      await page.locator(`.tree-row[data-path="${f}"]`).click()
      await page.locator(`.tab.active[data-path="${f}"]`).waitFor()
    }
    await expect(page.locator('.tab.dirty').count()).resolves.toBe(0)
    await expect(page.locator('.cm-content').innerText()).resolves.toContain('EXTERNAL_LINE = 42')
    await page.locator('.tab[data-path="main.py"]').click()
    await expect(page.locator('.cm-content').innerText()).resolves.not.toContain('EXTERNAL_LINE')
  })

  it('shows a file created outside the IDE without a manual refresh', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path.join(project.dir, 'apps/hello/extra.py'), 'X = 1\n')
    await ide.page.locator('[data-path="apps/hello/extra.py"]').waitFor({ timeout: 10_000 })
  })

  it('Ctrl+W closes the active tab, asking first when it has unsaved changes', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="main.py"]').click()
    await page.locator('.tab.active[data-path="main.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.type('# not saved\n')
    await page.keyboard.press('Control+w')
    await page.locator('[data-testid="unsaved-dialog"]').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="unsaved-dialog"]').waitFor({ state: 'detached' })
    await page.locator('.tab.active[data-path="main.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+w')
    await page.locator('[data-testid="unsaved-discard"]').click()
    await page.locator('.tab[data-path="main.py"]').waitFor({ state: 'detached' })
    expect(readFileSync(path.join(project.dir, 'main.py'), 'utf8')).not.toContain('# not saved')
    await page.locator('.tab.active[data-path="apps/hello/__init__.py"]').waitFor()
  })

  it('a folder renamed in the tree keeps the breakpoints of its files', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/hello/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/hello/__init__.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('F9')
    await page.locator('.cm-breakpoint-marker.bp').waitFor()
    await page.locator('.tree-row[data-path="apps/hello"]').focus()
    await page.keyboard.press('F2')
    await page.locator('[data-testid="name-input"]').fill('hi')
    await page.keyboard.press('Enter')
    await page.locator('.tab.active[data-path="apps/hi/__init__.py"]').waitFor()
    // The folder stays open, its open file shown in the tree.
    await page.locator('.tree-row[data-path="apps/hi"][aria-expanded="true"]').waitFor()
    await page.locator('.tree-row[data-path="apps/hi/__init__.py"]').waitFor()
    // After the tree's change events (which drop the old paths' breakpoints) have come in.
    await page.locator('.tree-row[data-path="apps/hello"]').waitFor({ state: 'detached' })
    await page.waitForTimeout(500)
    await expect(page.locator('.cm-breakpoint-marker.bp').count()).resolves.toBe(1)
  })
})
