/**
 * Emulator → Network settings in Chromium: a project that proposes hosts is asked about once; the
 * switch and the allowlist are the user's and reach a running app (a local HTTP server stands in
 * for the internet); the error an app sees names the setting; offline mocks are listed and a new
 * one opens in the editor.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { shot } from './shots'
import { tempProject } from '../helpers/temp-project'

const netApp = (port: number): string => `from urllib.urequest import urlopen

try:
    r = urlopen("http://127.0.0.1:${port}/hello")
    print("BODY", r.read().decode())
except OSError as e:
    print("NETERR", e)


def update():
    pass
`

describe('emulator network settings', () => {
  let ide: E2EContext
  let server: http.Server
  const project = tempProject()

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('hello from the allowed host'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    mkdirSync(path.join(project.dir, 'apps/net'), { recursive: true })
    writeFileSync(path.join(project.dir, 'apps/net/__init__.py'), netApp(port))
    mkdirSync(path.join(project.dir, '.badge-ide/mocks'), { recursive: true })
    writeFileSync(path.join(project.dir, '.badge-ide/network.json'), JSON.stringify({ allow: ['127.0.0.1', 'cdn.example.test'] }))
    writeFileSync(path.join(project.dir, '.badge-ide/mocks/weather.json'), JSON.stringify({ url: 'https://api.weather.test/*', json: { t: 21 } }))
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    server?.close()
    project.cleanup()
  })

  const getNetwork = async () => {
    const r = await ide.core.dispatch('emulator:getNetwork', {})
    if (!r.ok) throw new Error(r.message)
    return r.value as { enabled: boolean; allow: string[]; proposed: string[] }
  }
  const runNet = async (expected: string) => {
    const { page } = ide
    await page.locator('[data-testid="toolbar-run"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: expected }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="toolbar-stop"]').click()
    await page.locator('[data-testid="toolbar-run"]').waitFor()
  }

  it('asks once when the project proposes hosts; nothing is allowed until the user says so', async () => {
    const { page } = ide
    ide.shell.nextFolder = project.dir
    await page.getByRole('button', { name: 'Open Project…' }).click()
    const dialog = page.locator('[data-testid="network-settings"]')
    await dialog.locator('[data-testid="network-asked"]').waitFor()
    await expect(dialog.locator('[data-testid="network-proposed"] li').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('127.0.0.1'),
      expect.stringContaining('cdn.example.test'),
    ])
    expect(await getNetwork()).toMatchObject({ enabled: false, allow: [] })
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'detached' })
    // The question is remembered for this project.
    expect((await ide.core.settings.get())['networkProposalsAsked']).toEqual([ide.core.project.root])
  })

  it('an app sees the network off, then a host not allowed, each error naming what to change', async () => {
    const { page } = ide
    await page.locator('.tree-row[data-path="apps/net/__init__.py"]').click()
    await page.locator('.cm-content').waitFor()
    await runNet('network is off')
    await page.locator('[data-testid="emulator-network"]').click()
    const dialog = page.locator('[data-testid="network-settings"]')
    await expect(dialog.locator('[data-testid="network-asked"]').count()).resolves.toBe(0)
    await dialog.locator('[data-testid="network-enabled"]').check()
    await dialog.locator('[data-testid="network-empty-hint"]').waitFor()
    await expect.poll(async () => (await getNetwork()).enabled).toBe(true)
    await dialog.getByRole('button', { name: 'Done' }).click()
    // Proposed is not allowed: the app's error names the setting.
    await runNet('Network settings')
  })

  it('Allow on a proposed host lets the app reach it; typed hosts are checked; Remove takes one off', async () => {
    const { page } = ide
    await page.locator('[data-testid="emulator-network"]').click()
    const dialog = page.locator('[data-testid="network-settings"]')
    await dialog.getByRole('button', { name: 'Allow 127.0.0.1' }).click()
    await dialog.locator('[data-testid="network-allow"] li[data-host="127.0.0.1"]').waitFor()
    await dialog.locator('[data-testid="network-proposed"] li[data-host="127.0.0.1"]', { hasText: 'allowed' }).waitFor()
    // A path is not a host; the error says what to type and nothing is saved.
    await dialog.locator('[data-testid="network-host"]').fill('example.com/api')
    await dialog.locator('[data-testid="network-add"]').click()
    await dialog.locator('[data-testid="network-error"]', { hasText: 'not a host name' }).waitFor()
    // A pasted URL gives its host (typed with letters the badge's keys use: they stay in the field).
    await dialog.locator('[data-testid="network-host"]').fill('')
    await dialog.locator('[data-testid="network-host"]').pressSequentially('https://Badge.Zone.example/x?b=c')
    await dialog.locator('[data-testid="network-host"]').press('Enter')
    await dialog.locator('[data-testid="network-allow"] li[data-host="badge.zone.example"]').waitFor()
    await expect(dialog.locator('[data-testid="network-error"]').count()).resolves.toBe(0)
    await expect.poll(async () => (await getNetwork()).allow).toEqual(['127.0.0.1', 'badge.zone.example'])
    await dialog.getByRole('button', { name: 'Remove badge.zone.example' }).click()
    await expect.poll(async () => (await getNetwork()).allow).toEqual(['127.0.0.1'])
    await shot(page, 'network-settings')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await runNet('hello from the allowed host')
    // The project's own file still only proposes: the decision is the user's.
    expect(await getNetwork()).toMatchObject({ enabled: true, proposed: ['127.0.0.1', 'cdn.example.test'] })
  })

  it('is not asked again after a reload; lists the mocks and opens a new one in the editor', async () => {
    const { page } = ide
    await page.reload()
    await page.locator('.tree-row[data-path="apps/net/__init__.py"]').waitFor()
    await page.locator('[data-testid="emulator-network"]').click()
    const dialog = page.locator('[data-testid="network-settings"]')
    await expect(dialog.locator('[data-testid="network-asked"]').count()).resolves.toBe(0)
    await expect(dialog.locator('[data-testid="network-mocks"] li').allInnerTexts()).resolves.toEqual([expect.stringContaining('weather.json')])
    await dialog.locator('[data-testid="network-new-mock"]').click()
    await page.locator('.tab.active[data-path=".badge-ide/mocks/127.0.0.1.json"]').waitFor()
    await page.locator('.cm-content', { hasText: 'https://127.0.0.1/*' }).waitFor()
  })
})
