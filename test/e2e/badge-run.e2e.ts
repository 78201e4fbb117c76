/**
 * Run on the badge in Chromium, against the virtual badge: Run needs a connected badge, the Run
 * target is remembered, an app's output reaches the console and Stop ends it, a traceback marks its
 * line in the editor; while a deploy runs its button is Cancel and the summary says cancelled.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

const SPIN = 'n = 0\n\n\ndef update():\n    global n\n    n += 1\n    if n == 10:\n        print("hello from the badge")\n'
const BOOM = 'def update():\n    items = []\n    return items[2]\n'

describe('run on the badge', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    for (const [app, code] of [['spin', SPIN], ['boom', BOOM]] as const) {
      mkdirSync(path.join(project.dir, 'apps', app), { recursive: true })
      writeFileSync(path.join(project.dir, 'apps', app, '__init__.py'), code)
    }
    // Enough data that a deploy is still copying when Cancel is pressed.
    mkdirSync(path.join(project.dir, 'apps/big/assets'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/big/__init__.py'), 'def update():\n    pass\n')
    for (let i = 0; i < 12; i++) {
      const bytes = Buffer.alloc(48 * 1024)
      for (let j = 0; j < bytes.length; j++) bytes[j] = (j * 31 + i * 7) & 0xff
      writeFileSync(path.join(project.dir, `apps/big/assets/blob${i}.bin`), bytes)
    }
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('says to connect a badge first when Badge is chosen and none is connected', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('.tree-row[data-path="apps/spin/__init__.py"]').click()
    await page.locator('.cm-content').waitFor()
    await page.locator('[data-testid="run-target-badge"]').click()
    await expect.poll(async () => (await ide.core.settings.get())['runTarget']).toBe('badge')
    await page.keyboard.press('F5')
    await page.locator('.notice.error', { hasText: 'Connect a badge first' }).waitFor()
    await expect(page.locator('[data-testid="emulator-status"]').innerText()).resolves.not.toMatch(/running/i)
  })

  it('runs the open app on the virtual badge: output in the console, then Stop', async () => {
    const { page } = ide
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="toolbar-run"]').click()
    // The deploy before the start shows its progress and then its summary in the Deploy control.
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed \d+ file|up to date/ }).waitFor({ timeout: 120_000 })
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'hello from the badge' }).waitFor({ timeout: 120_000 })
    await page.locator('[data-testid="run-status"]', { hasText: /spin: running/i }).waitFor()
    // The badge's file browser says why it waits while the app has the badge.
    await page.locator('[data-testid="device-files-busy"]', { hasText: 'spin is running on the badge' }).waitFor()
    await page.locator('[data-testid="toolbar-stop"]').click()
    await page.locator('[data-testid="run-status"]', { hasText: /spin: stopped/i }).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="device-files-busy"]').waitFor({ state: 'detached' })
    await page.locator('[data-testid="toolbar-run"]').waitFor()
  })

  it('marks the line of a traceback from the badge in the editor', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/boom/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/boom/__init__.py"]').waitFor()
    await page.keyboard.press('F5')
    await page.locator('[data-testid="run-status"]', { hasText: /boom: error/i }).waitFor({ timeout: 120_000 })
    await page.locator('.cm-traceback-line').waitFor()
    expect(await page.locator('.cm-traceback-line').innerText()).toContain('return items[2]')
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'IndexError' }).waitFor()
  })

  it('turns Deploy into Cancel while a deploy runs; the summary says cancelled', async () => {
    const { page } = ide
    // The whole project: the open app alone went with Run already.
    await page.locator('[data-testid="deploy-scope"]').selectOption('project')
    await page.locator('[data-testid="deploy"]').click()
    await page.locator('[data-testid="deploy-cancel"]').click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Cancelled/ }).waitFor({ timeout: 120_000 })
    expect(await page.locator('[data-testid="deploy-summary"]').innerText()).toMatch(/Cancelled: \d+ sent, [1-9]\d* not sent/)
    await page.locator('[data-testid="deploy"]').waitFor()
  })

  it('remembers the Run target across a reload', async () => {
    const { page } = ide
    await page.reload()
    await page.locator('[data-testid="run-target-badge"][aria-checked="true"]').waitFor()
    await page.locator('[data-testid="run-target-emulator"]').click()
    await expect.poll(async () => (await ide.core.settings.get())['runTarget']).toBe('emulator')
  })
})
