/**
 * Disk mode in the window: with no serial port connected, a mounted BADGER drive makes Deploy
 * available, the deploy writes there, and the result and the plan say which way it went.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

describe('disk mode', () => {
  let ide: E2EContext
  const project = tempProject()
  const drive = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-BADGER-'))
  let mounted = false

  beforeAll(async () => {
    mkdirSync(path.join(project.dir, 'apps/disky'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/disky/__init__.py'), 'def update():\n    pass\n')
    ide = await startIde({ badgerDrive: () => (mounted ? drive : null) })
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('.tree-row[data-path="apps/disky/__init__.py"]').click()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
    rmSync(drive, { recursive: true, force: true })
  })

  it('offers Deploy once the drive is mounted, with no serial port connected', async () => {
    const { page } = ide
    await expect(page.locator('[data-testid="deploy"]').isDisabled()).resolves.toBe(true)
    mounted = true
    // The panel looks for the drive every few seconds.
    await page.locator('[data-testid="deploy-disk"]', { hasText: drive }).waitFor({ timeout: 15_000 })
    await expect(page.locator('[data-testid="deploy"]').isEnabled()).resolves.toBe(true)
  })

  it('previews and deploys to the drive, and says so', async () => {
    const { page } = ide
    await page.locator('[data-testid="deploy-preview"]').click()
    await expect(page.locator('[data-testid="deploy-plan"] h2').innerText()).resolves.toMatch(/BADGER drive at .*\(disk mode\)/)
    await page.locator('[data-testid="plan-deploy"]').click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /to the BADGER drive \(disk mode\)/ }).waitFor({ timeout: 30_000 })
    expect(readFileSync(path.join(drive, 'apps/disky/__init__.py'), 'utf8')).toContain('def update')
  })

  it('sends the current file with its app in disk mode (only what changed)', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/disky/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/disky/__init__.py"]').waitFor()
    // An unsaved edit: Deploy saves it first.
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\nX = 2\n')
    await page.locator('[data-testid="deploy-scope"]').selectOption('file')
    await expect(page.locator('[data-testid="deploy-scope"] option[value="file"]').innerText()).resolves.toContain('with its app in disk mode')
    await page.locator('[data-testid="deploy"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'Disk mode: apps/disky/__init__.py goes with the app disky' }).waitFor()
    await expect.poll(() => readFileSync(path.join(drive, 'apps/disky/__init__.py'), 'utf8'), { timeout: 30_000 }).toContain('X = 2')
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed 1 file .* to the BADGER drive \(disk mode\)/ }).waitFor({ timeout: 30_000 })
  })

  it('stops offering it when the drive goes away', async () => {
    const { page } = ide
    mounted = false
    await page.locator('[data-testid="deploy-disk"]').waitFor({ state: 'detached', timeout: 15_000 })
    await expect(page.locator('[data-testid="deploy"]').isDisabled()).resolves.toBe(true)
    expect(existsSync(drive)).toBe(true)
  })
})
