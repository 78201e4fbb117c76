/**
 * The command registry in the window: every menu command has a renderer handler (or is one of
 * main's own), the palette (Ctrl+Shift+P) runs commands by name, and Deploy to Badge from the menu
 * deploys (and says what is missing when no badge is connected).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS, type CommandSpec } from '../../src/shared/commands'
import { menuCommandIds, menuTemplate } from '../../src/main/electron/menu-template'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

describe('commands: menu, shortcuts, palette', () => {
  let ide: E2EContext
  const project = tempProject('hello')

  beforeAll(async () => {
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('[data-path="main.py"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('every command the menu names is handled by the renderer or by main', async () => {
    const handled = (await ide.page.locator('[data-testid="ide"]').getAttribute('data-commands'))!.split(' ')
    const mainOwn = (COMMANDS as readonly CommandSpec[]).filter((c) => c.main).map((c) => c.id)
    for (const platform of ['linux', 'darwin', 'win32']) {
      for (const id of menuCommandIds(menuTemplate({ platform, packaged: true }))) {
        expect(handled.includes(id) || mainOwn.includes(id), `menu command ${id}`).toBe(true)
      }
    }
  })

  it('Ctrl+Shift+P opens the palette; typing narrows it and Enter runs the command', async () => {
    const { page } = ide
    const before = await page.locator('[data-testid="ide"]').getAttribute('class')
    await page.keyboard.press('Control+Shift+P')
    await page.locator('[data-testid="palette-input"]').waitFor()
    await page.keyboard.type('theme')
    await expect(page.locator('[data-testid="palette-list"] li').count()).resolves.toBe(1)
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="palette-input"]').waitFor({ state: 'detached' })
    await expect.poll(() => page.locator('[data-testid="ide"]').getAttribute('class')).not.toBe(before)
  })

  it('Help → Save Diagnostics writes one file with versions, settings and the badge, secrets removed', async () => {
    await ide.core.settings.set({ wifiPassword: 'hunter2' })
    ide.core.bus.emit('app:menu', { command: 'saveDiagnostics' })
    await expect.poll(() => ide.shell.saved.length).toBe(1)
    const { name, bytes } = ide.shell.saved[0]!
    expect(name).toMatch(/^badge-ide-diagnostics-.*\.txt$/)
    const text = new TextDecoder().decode(bytes)
    for (const h of ['## Versions', '## Settings', '## Badge', '## Log']) expect(text).toContain(h)
    expect(text).toContain('MicroPython WebAssembly: 1.27.0')
    expect(text).not.toContain('hunter2')
  })

  it('Help → Serial Transcript switches the transcript setting', async () => {
    ide.core.bus.emit('app:menu', { command: 'toggleTranscript' })
    await expect.poll(async () => (await ide.core.settings.get())['serialTranscript']).toBe(true)
    ide.core.bus.emit('app:menu', { command: 'toggleTranscript' })
    await expect.poll(async () => (await ide.core.settings.get())['serialTranscript']).toBe(false)
  })

  it('Deploy to Badge from the menu says what is missing when no badge is connected', async () => {
    ide.core.bus.emit('app:menu', { command: 'deploy' })
    await ide.page.locator('.notice', { hasText: 'No badge is connected' }).waitFor()
  })

  it('Deploy to Badge from the menu deploys to the connected badge', async () => {
    const { page } = ide
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    ide.core.bus.emit('app:menu', { command: 'deploy' })
    // The summary is in the Badge panel, which may be behind the Console tab: attached is enough.
    await page.locator('[data-testid="deploy-summary"]', { hasText: /Deployed|up to date/ }).waitFor({ state: 'attached', timeout: 120_000 })
  }, 180_000)
})
