/**
 * Never lose work, in Chromium against the real core: the close/quit question (Save all / Don't
 * save / Cancel) and its answer to main, the same question for a modified tab and for opening
 * another project, tree Delete through the OS trash (a permanent delete only as a second choice),
 * the session (tabs, cursor, scroll) restored on the next start, and unsaved text brought back
 * after a crash.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ideWithProject, startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

describe('never lose work', () => {
  let ide: E2EContext
  const project = tempProject('hello')
  const other = tempProject('hello')
  const main = path.join(project.dir, 'main.py')
  const long = Array.from({ length: 300 }, (_, i) => `x${i} = ${i}`).join('\n')

  beforeAll(async () => {
    writeFileSync(path.join(project.dir, 'long.py'), long)
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('[data-path="main.py"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
    other.cleanup()
  })

  async function edit(file: string, text: string): Promise<void> {
    const { page } = ide
    await page.locator(`.tree-row[data-path="${file}"]`).click()
    await page.locator(`.tab.active[data-path="${file}"]`).waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
    await page.locator(`.tab.dirty[data-path="${file}"]`).waitFor()
  }
  const dialog = () => ide.page.locator('[data-testid="unsaved-dialog"]')
  async function closeRequest(reason: 'close' | 'quit'): Promise<void> {
    ide.core.bus.emit('app:closeRequest', { reason })
    await dialog().waitFor()
  }
  async function answered(n: number): Promise<boolean> {
    await expect.poll(() => ide.shell.closeAnswers.length).toBe(n)
    return ide.shell.closeAnswers[n - 1]!
  }

  it('answers a close at once when nothing is unsaved', async () => {
    ide.core.bus.emit('app:closeRequest', { reason: 'close' })
    expect(await answered(1)).toBe(true)
    await expect(dialog().count()).resolves.toBe(0)
  })

  it('Cancel keeps the window: main hears no, nothing is written', async () => {
    await edit('main.py', '\nA = 1\n')
    await closeRequest('quit')
    await expect(dialog().innerText()).resolves.toContain('main.py')
    await ide.page.locator('[data-testid="unsaved-cancel"]').click()
    expect(await answered(2)).toBe(false)
    expect(readFileSync(main, 'utf8')).not.toContain('A = 1')
    await ide.page.locator('.tab.dirty[data-path="main.py"]').waitFor()
  })

  it("Don't save answers yes and leaves the file as it was", async () => {
    await closeRequest('close')
    await ide.page.locator('[data-testid="unsaved-discard"]').click()
    expect(await answered(3)).toBe(true)
    expect(readFileSync(main, 'utf8')).not.toContain('A = 1')
  })

  it('Save all writes every unsaved tab before answering yes', async () => {
    await edit('apps/hello/__init__.py', '\nB = 2\n')
    await closeRequest('quit')
    await expect(dialog().innerText()).resolves.toMatch(/2 files have unsaved changes/)
    await ide.page.locator('[data-testid="unsaved-save"]').click()
    expect(await answered(4)).toBe(true)
    expect(readFileSync(main, 'utf8')).toContain('A = 1')
    expect(readFileSync(path.join(project.dir, 'apps/hello/__init__.py'), 'utf8')).toContain('B = 2')
    await expect(ide.page.locator('.tab.dirty').count()).resolves.toBe(0)
  })

  it('closing a modified tab offers Save, which writes the file and closes the tab', async () => {
    await edit('main.py', 'C = 3\n')
    await ide.page.locator('.tab[data-path="main.py"] .close').click()
    await ide.page.locator('[data-testid="unsaved-save"]').click()
    await ide.page.locator('.tab[data-path="main.py"]').waitFor({ state: 'detached' })
    expect(readFileSync(main, 'utf8')).toContain('C = 3')
  })

  it('opening another project asks first; Cancel keeps the project and its unsaved tab', async () => {
    await edit('main.py', 'D = 4\n')
    ide.shell.nextFolder = other.dir
    await ide.page.locator('[data-testid="open-project"]').click()
    await dialog().waitFor()
    await expect(dialog().innerText()).resolves.toContain('Open another project')
    await ide.page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'detached' })
    expect(ide.core.project.root).toBe(project.dir)
    await ide.page.locator('.tab.dirty[data-path="main.py"]').waitFor()
    await ide.page.keyboard.press('Control+s')
    await ide.page.locator('.tab.dirty').waitFor({ state: 'detached' })
  })

  it('tree Delete moves the file to the OS trash', async () => {
    writeFileSync(path.join(project.dir, 'old.py'), 'gone = True\n')
    await ide.page.locator('.tree-row[data-path="old.py"]').waitFor()
    await ide.page.locator('.tree-row[data-path="old.py"]').click({ button: 'right' })
    await ide.page.getByRole('menuitem', { name: 'Delete' }).click()
    await ide.page.locator('.tree-row[data-path="old.py"]').waitFor({ state: 'detached' })
    expect(ide.shell.trashed).toEqual([path.join(project.dir, 'old.py')])
    expect(readFileSync(path.join(ide.userDataDir, 'trash', '1-old.py'), 'utf8')).toBe('gone = True\n')
  })

  it('restores the open tabs, the active one and its cursor and scroll after a restart', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="long.py"]').click()
    await page.locator('.tab.active[data-path="long.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.locator('.cm-activeLine', { hasText: 'x299' }).waitFor()
    const top = await page.locator('.cm-scroller').evaluate((e) => e.scrollTop)
    expect(top).toBeGreaterThan(1000)
    const tabs = await page.locator('.tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))
    // The close question saves the session before it answers (nothing is unsaved: it answers at once).
    const before = ide.shell.closeAnswers.length
    ide.core.bus.emit('app:closeRequest', { reason: 'quit' })
    await answered(before + 1)
    // A new start: the project is no longer open in main, so the renderer reopens it from the session.
    await ide.core.project.close()
    await page.reload()
    await page.locator('.tab.active[data-path="long.py"]').waitFor()
    await expect(page.locator('.tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).resolves.toEqual(tabs)
    expect(ide.core.project.root).toBe(project.dir)
    await page.locator('.cm-activeLine', { hasText: 'x299' }).waitFor()
    await expect.poll(() => page.locator('.cm-scroller').evaluate((e) => e.scrollTop)).toBeGreaterThan(1000)
  })
})

describe('never lose work: browser mode (no OS trash)', () => {
  const { ide: current, project } = ideWithProject({ browserMode: true })

  it('deletes permanently only after a second question, and keeps the file when it is refused', async () => {
    const { page } = current()
    await page.evaluate(() => {
      const w = window as unknown as { asked: string[]; answers: boolean[] }
      w.asked = []
      w.answers = [true, false, true, true]
      window.confirm = (m?: string) => (w.asked.push(String(m)), w.answers.shift() ?? false)
    })
    const asked = () => page.evaluate(() => (window as unknown as { asked: string[] }).asked)
    await page.locator('.tree-row[data-path="main.py"]').click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await expect.poll(asked).toHaveLength(2)
    expect((await asked())[0]).toMatch(/trash/)
    expect((await asked())[1]).toMatch(/permanently/)
    expect(existsSync(path.join(project.dir, 'main.py'))).toBe(true)
    await page.locator('.tree-row[data-path="main.py"]').click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Delete' }).click()
    await page.locator('.tree-row[data-path="main.py"]').waitFor({ state: 'detached' })
    expect(existsSync(path.join(project.dir, 'main.py'))).toBe(false)
  })
})

describe('never lose work: a crash', () => {
  const { ide: current, project } = ideWithProject()

  const kept = async () => {
    const r = (await current().core.dispatch('project:unsaved', {})) as { ok: true; value: Array<{ path: string; text: string }> }
    return Object.fromEntries(r.value.map((c) => [c.path, c.text]))
  }

  it('brings unsaved text back in modified tabs at the next start, also of a file deleted meanwhile', async () => {
    const { page } = current()
    for (const [file, text] of [['main.py', 'CRASH_A = 1'], ['apps/hello/__init__.py', 'CRASH_B = 2']]) {
      await page.locator(`.tree-row[data-path="${file}"]`).click()
      await page.locator(`.tab.active[data-path="${file}"]`).waitFor()
      await page.locator('.cm-content').click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(`\n${text}\n`)
    }
    // Kept about a second after typing stops.
    await expect.poll(async () => Object.keys(await kept()).sort(), { timeout: 10_000 }).toEqual(['apps/hello/__init__.py', 'main.py'])
    expect((await kept())['main.py']).toContain('CRASH_A = 1')
    // The crash: no close question (the browser's leave question is accepted); the next start
    // finds the project closed and a file gone.
    await current().core.project.close()
    rmSync(path.join(project.dir, 'apps/hello/__init__.py'))
    await page.reload()
    await page.locator('.tab.dirty[data-path="main.py"]').waitFor()
    await page.locator('.tab.dirty[data-path="apps/hello/__init__.py"]').waitFor()
    await page.locator('.notice', { hasText: 'Recovered unsaved changes in 2 files' }).waitFor()
    await page.locator('.tab[data-path="main.py"]').click()
    await page.locator('.cm-line', { hasText: 'CRASH_A = 1' }).waitFor()
    expect(readFileSync(path.join(project.dir, 'main.py'), 'utf8')).not.toContain('CRASH_A')
    // Saving the deleted file writes it again; its copy is then forgotten.
    await page.locator('.tab[data-path="apps/hello/__init__.py"]').click()
    await page.locator('.cm-line', { hasText: 'CRASH_B = 2' }).waitFor()
    await page.keyboard.press('Control+s')
    await page.locator('.tab.dirty[data-path="apps/hello/__init__.py"]').waitFor({ state: 'detached' })
    expect(readFileSync(path.join(project.dir, 'apps/hello/__init__.py'), 'utf8')).toContain('CRASH_B = 2')
    await expect.poll(async () => Object.keys(await kept()), { timeout: 10_000 }).toEqual(['main.py'])
  })

  it("answering the close question (Don't save) forgets the copies: the next start brings nothing back", async () => {
    const { page } = current()
    const before = current().shell.closeAnswers.length
    current().core.bus.emit('app:closeRequest', { reason: 'quit' })
    await page.locator('[data-testid="unsaved-discard"]').click()
    await expect.poll(() => current().shell.closeAnswers.length).toBe(before + 1)
    expect(await kept()).toEqual({})
    await current().core.project.close()
    await page.reload()
    await page.locator('.tab[data-path="main.py"]').waitFor()
    await expect(page.locator('.tab.dirty').count()).resolves.toBe(0)
    expect(readFileSync(path.join(project.dir, 'main.py'), 'utf8')).not.toContain('CRASH_A')
  })
})
