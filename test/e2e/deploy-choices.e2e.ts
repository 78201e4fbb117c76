/**
 * Deploy choices in the window, on the virtual badge: this app, the whole project or the current
 * file; the plan previewed before acting; secrets.py only when asked; deleting files the project
 * no longer has only after the user saw the list and agreed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

const APP = 'def update():\n    pass\n'

describe('deploy choices', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    const files: Record<string, string> = {
      'apps/alpha/__init__.py': APP,
      'apps/alpha/extra.py': 'E = 1\n',
      'apps/beta/__init__.py': APP,
      'secrets.py': 'WIFI_SSID = "home"\nWIFI_PASSWORD = "hunter2"\n',
    }
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(project.dir, rel)), { recursive: true })
      writeFileSync(path.join(project.dir, rel), text)
    }
    ide = await startIde()
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    await page.locator('.tree-row[data-path="apps/alpha/__init__.py"]').click()
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  /** The app files in a badge folder (none when it does not exist). */
  async function badgeFiles(dir: string): Promise<string[]> {
    const r = (await ide.core.dispatch('device:listFiles', { path: dir })) as { ok: boolean; value: Array<{ name: string; kind: string }> }
    // Without the deploy's own record (.bide-deploy).
    return r.ok ? r.value.filter((e) => e.kind === 'file' && !e.name.startsWith('.')).map((e) => e.name) : []
  }

  it('previews this app: its files are sent, the other app is not, nothing is written', async () => {
    const { page } = ide
    await expect(page.locator('[data-testid="deploy-scope"] option:checked').innerText()).resolves.toBe('This app (alpha)')
    await page.locator('[data-testid="deploy-preview"]').click()
    const plan = page.locator('[data-testid="deploy-plan"]')
    await plan.waitFor({ timeout: 60_000 })
    await expect(plan.locator('h2').innerText()).resolves.toMatch(/app alpha/)
    await plan.locator('[data-testid="plan-send"] li[data-rel="apps/alpha/__init__.py"]').waitFor()
    await expect(plan.locator('[data-testid="plan-send"] li[data-rel="apps/beta/__init__.py"]').count()).resolves.toBe(0)
    await page.locator('[data-testid="plan-cancel"]').click()
    await plan.waitFor({ state: 'detached' })
    expect(await badgeFiles('/system/apps/alpha')).toEqual([])
  })

  it('deploys this app only', async () => {
    const { page } = ide
    await page.locator('[data-testid="deploy"]').click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed 2 files/ }).waitFor({ timeout: 60_000 })
    expect((await badgeFiles('/system/apps/alpha')).sort()).toEqual(['__init__.py', 'extra.py'])
    expect(await badgeFiles('/system/apps/beta')).toEqual([])
  })

  it('the whole project with secrets.py, started from the preview', async () => {
    const { page } = ide
    await page.locator('[data-testid="deploy-scope"]').selectOption('project')
    await page.locator('[data-testid="deploy-preview"]').click()
    const plan = page.locator('[data-testid="deploy-plan"]')
    await expect(plan.locator('[data-testid="plan-protected"]').innerText()).resolves.toContain('secrets.py')
    await expect(plan.locator('[data-testid="plan-send"] li[data-rel="secrets.py"]').count()).resolves.toBe(0)
    await page.keyboard.press('Escape')
    await plan.waitFor({ state: 'detached' })
    await page.locator('[data-testid="deploy-secrets"]').check()
    await page.locator('[data-testid="deploy-preview"]').click()
    const secrets = plan.locator('[data-testid="plan-send"] li[data-rel="secrets.py"]')
    await secrets.waitFor({ timeout: 60_000 })
    const secretsOnBadge = /→ (\S+)/.exec(await secrets.innerText())![1]!
    await plan.locator('[data-testid="plan-send"] li[data-rel="apps/beta/__init__.py"]').waitFor()
    await shot(page, 'deploy-plan')
    await page.locator('[data-testid="plan-deploy"]').click()
    // The summary of the last deploy stays until this one starts (after its syntax check): wait for the file itself.
    const read = async () => (await ide.core.dispatch('device:readFile', { path: secretsOnBadge })) as { ok: boolean; value?: { text?: string } }
    await expect.poll(async () => (await read()).value?.text ?? '', { timeout: 60_000 }).toContain('hunter2')
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed 2 files/ }).waitFor({ timeout: 60_000 })
    expect(await badgeFiles('/system/apps/beta')).toEqual(['__init__.py'])
  })

  it('deletes a file the project no longer has only after showing it and asking', async () => {
    const { page } = ide
    rmSync(path.join(project.dir, 'apps/alpha/extra.py'))
    await page.locator('.tree-row[data-path="apps/alpha/extra.py"]').waitFor({ state: 'detached' })
    await page.locator('[data-testid="deploy-scope"]').selectOption('app')
    await page.locator('[data-testid="deploy-secrets"]').uncheck()
    await page.locator('[data-testid="deploy-delete"]').check()
    await page.locator('[data-testid="deploy"]').click()
    const plan = page.locator('[data-testid="deploy-plan"]')
    const gone = plan.locator('[data-testid="plan-delete"] li', { hasText: 'extra.py' })
    await gone.waitFor({ timeout: 60_000 })
    // Nothing was deleted yet: the plan only shows it.
    expect(await badgeFiles('/system/apps/alpha')).toContain('extra.py')
    await page.getByRole('button', { name: 'Deploy and delete 1 file' }).click()
    await page.locator('[data-testid="deploy-summary"]', { hasText: /1 deleted|Deployed 0/ }).waitFor({ timeout: 60_000 })
    expect(await badgeFiles('/system/apps/alpha')).toEqual(['__init__.py'])
    await page.locator('[data-testid="deploy-delete"]').uncheck()
  })

  it('sends the current file alone', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/beta/__init__.py"]').click()
    await page.locator('.tab.active[data-path="apps/beta/__init__.py"]').waitFor()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('# only this file')
    await page.locator('[data-testid="deploy-scope"]').selectOption('file')
    await page.locator('[data-testid="deploy"]').click()
    const summary = page.locator('[data-testid="deploy-summary"]', { hasText: /^Sent apps\/beta\/__init__.py to / })
    await summary.waitFor({ timeout: 60_000 })
    const device = /to (\S+) \(/.exec(await summary.innerText())![1]!
    const r = (await ide.core.dispatch('device:readFile', { path: device })) as { ok: boolean; value: { text?: string } }
    expect(r.value.text).toContain('# only this file')
  })
})
