/**
 * Ports that come and go, in Chromium: a badge plugged in appears in the port list without
 * Refresh and disappears when unplugged; a lost link connects again on its own after a replug and
 * after a reset that kept the port listed; a second start of the IDE opens its project here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { FAKE_USB_PATH, fakeUsb, type FakeUsb } from '../helpers/fake-usb'
import { tempProject } from '../helpers/temp-project'

describe('ports hot-plug and reconnect', () => {
  let ide: E2EContext
  let usb: FakeUsb
  const flash = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-usb-'))
  const project = tempProject()
  const other = tempProject()

  beforeAll(async () => {
    mkdirSync(path.join(project.dir, 'apps/one'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/one/__init__.py'), 'def update():\n    pass\n')
    mkdirSync(path.join(other.dir, 'apps/two'), { recursive: true })
    writeFileSync(path.join(other.dir, 'apps/two/__init__.py'), 'def update():\n    pass\n')
    usb = fakeUsb(flash)
    ide = await startIde({ serialBinding: usb.binding })
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('.tree-row[data-path="apps/one"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
    other.cleanup()
    rmSync(flash, { recursive: true, force: true })
  })

  const option = () => ide.page.locator(`[data-testid="port-select"] option[value="${FAKE_USB_PATH}"]`)
  const connected = () => ide.page.locator('[data-testid="device-state"]', { hasText: `Connected: ${FAKE_USB_PATH}` })

  it('lists a badge when it is plugged in and drops it when unplugged, without Refresh', async () => {
    await expect(option().count()).resolves.toBe(0)
    usb.plug()
    await option().waitFor({ state: 'attached', timeout: 15_000 })
    // Just plugged in: it is the chosen port.
    await expect(ide.page.locator('[data-testid="port-select"]').inputValue()).resolves.toBe(FAKE_USB_PATH)
    usb.unplug()
    await option().waitFor({ state: 'detached', timeout: 15_000 })
    await expect(ide.page.locator('[data-testid="port-select"]').inputValue()).resolves.toBe('virtual')
  })

  it('connects again on its own after the badge is unplugged and plugged back', async () => {
    const { page } = ide
    usb.plug()
    await option().waitFor({ state: 'attached', timeout: 15_000 })
    await page.locator('[data-testid="port-select"]').selectOption(FAKE_USB_PATH)
    await page.locator('[data-testid="connect"]').click()
    await connected().waitFor({ timeout: 60_000 })
    const opens = usb.opens
    usb.unplug()
    await page.locator('[data-testid="device-state"]', { hasText: /Not connected|lost|closed/i }).waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="console-tab-output"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'Lost the badge' }).waitFor()
    await option().waitFor({ state: 'detached', timeout: 15_000 })
    usb.plug()
    await connected().waitFor({ timeout: 60_000 })
    expect(usb.opens).toBe(opens + 1)
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'The badge is back' }).waitFor()
  })

  it('connects again after a reset that kept the port listed', async () => {
    const opens = usb.opens
    usb.dropLink()
    await expect.poll(() => usb.opens, { timeout: 60_000 }).toBe(opens + 1)
    await connected().waitFor({ timeout: 60_000 })
  })

  it('does not reconnect after the user disconnected', async () => {
    const { page } = ide
    await page.locator('[data-testid="disconnect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Not connected' }).waitFor()
    const opens = usb.opens
    usb.unplug()
    await option().waitFor({ state: 'detached', timeout: 15_000 })
    usb.plug()
    await option().waitFor({ state: 'attached', timeout: 15_000 })
    // Two more listings pass (the list shows the port again), and the badge stays disconnected.
    usb.unplug()
    await option().waitFor({ state: 'detached', timeout: 15_000 })
    expect(usb.opens).toBe(opens)
    await expect(page.locator('[data-testid="device-state"]').innerText()).resolves.toContain('Not connected')
  })

  it('a second start of the IDE opens its project in this window', async () => {
    const { page } = ide
    ide.core.bus.emit('app:openProject', { root: other.dir })
    await page.locator('.tree-row[data-path="apps/two"]').waitFor()
    await expect(page.locator('.tree-row[data-path="apps/one"]').count()).resolves.toBe(0)
    expect(ide.core.project.root).toBe(other.dir)
  })
})
