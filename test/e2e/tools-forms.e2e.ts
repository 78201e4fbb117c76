import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { makePpf } from '../main/services/tools/make-font'

const PASSWORD = 'pa55 wörd "quoted"'
const SECRETS = `# venue wifi
WIFI_SSID = 'Old'
WIFI_PASSWORD = r'${PASSWORD}'
CUSTOM = (1, 2)  # kept
`

describe('new-app wizard and secrets form', () => {
  let ide: E2EContext
  const project = tempProject('launcher-list')

  beforeAll(async () => {
    writeFileSync(path.join(project.dir, 'secrets.py'), SECRETS)
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.locator('[data-testid="open-project"]').click()
    await ide.page.locator('[data-path="apps/hello"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('creates an app from a template, adds it to the fixed-list launcher and opens it', async () => {
    const { page } = ide
    await page.locator('[data-testid="tools-menu"]').click()
    await page.locator('[data-testid="tools-new-app"]').click()
    await page.locator('[data-testid="new-app-launcher"]', { hasText: 'fixed list' }).waitFor()
    await page.locator('[data-testid="new-app-name"]').fill('Hello')
    await expect(page.locator('[data-testid="new-app-problem"]').count()).resolves.toBe(0)
    await page.locator('[data-testid="new-app-create"]').click()
    await page.locator('.notice.error[data-code="APP_EXISTS"]').waitFor()
    await page.locator('[data-testid="new-app-name"]').fill('9 Lives')
    await expect(page.locator('[data-testid="new-app-slug"]').inputValue()).resolves.toBe('app_9_lives')
    await page.locator('[data-testid="new-app-slug"]').fill('Bad Name')
    await page.locator('[data-testid="new-app-problem"]').waitFor()
    await expect(page.locator('[data-testid="new-app-create"]').isDisabled()).resolves.toBe(true)
    await page.locator('[data-testid="new-app-slug"]').fill('bouncer')
    await page.locator('[data-testid="new-app-template-animation"]').check()
    await page.locator('[data-testid="new-app-edit-icon"]').check()
    await page.locator('[data-testid="new-app-create"]').click()
    await page.locator('[data-testid="new-app-wizard"]').waitFor({ state: 'detached' })
    // the icon editor opens on the new app's generated icon
    await page.locator('[data-testid="icon-editor"]').waitFor()
    await page.locator('[data-testid="icon-editor"] [data-loaded="apps/bouncer/icon.png"]').waitFor()
    await page.locator('[data-testid="icon-tool-picker"]').click()
    await page.locator('[data-testid="icon-canvas"]').click({ position: { x: 12 * 16 + 8, y: 12 * 16 + 8 } })
    await expect.poll(() => page.locator('[data-testid="icon-color"]').inputValue()).toBe('#ffffff')
    await page.locator('[data-testid="tool-close"]').click()
    await page.locator('[data-path="apps/bouncer/icon.png"]').waitFor()
    await page.locator('.cm-content', { hasText: '# 9 Lives: an animation' }).waitFor()
    expect(readFileSync(path.join(project.dir, 'apps/menu/__init__.py'), 'utf8')).toContain('    ("9 Lives", "bouncer"),\n')
    expect(existsSync(path.join(project.dir, 'apps/bouncer/__init__.py'))).toBe(true)
  })

  it('shows secrets with the password masked and saves edits without losing it', async () => {
    const { page } = ide
    await page.locator('[data-testid="tools-menu"]').click()
    await page.locator('[data-testid="tools-secrets"]').click()
    const ssid = page.locator('[data-testid="secret-WIFI_SSID"]')
    await page.waitForFunction(() => (document.querySelector('[data-testid="secret-WIFI_SSID"]') as HTMLInputElement | null)?.value === 'Old')
    const pw = page.locator('[data-testid="secret-WIFI_PASSWORD"]')
    await expect(pw.inputValue()).resolves.toBe('')
    await expect(pw.getAttribute('type')).resolves.toBe('password')
    // the password is nowhere in the page
    expect(await page.content()).not.toContain('pa55')
    await ssid.fill('Conference Wi-Fi ✓')
    await page.locator('[data-testid="secret-GITHUB_USERNAME"]').fill('octocat')
    await page.locator('[data-testid="secret-new-key"]').fill('WLED_IP')
    await page.locator('[data-testid="secret-add"]').click()
    await page.locator('[data-testid="secret-WLED_IP"]').fill('192.168.1.50')
    await page.locator('[data-testid="secrets-save"]').click()
    await page.locator('.notice', { hasText: 'Saved secrets.py' }).waitFor()
    expect(await page.content()).not.toContain('pa55')
    expect(readFileSync(path.join(project.dir, 'secrets.py'), 'utf8')).toBe(`# venue wifi
WIFI_SSID = 'Conference Wi-Fi ✓'
WIFI_PASSWORD = r'${PASSWORD}'
CUSTOM = (1, 2)  # kept
GITHUB_USERNAME = "octocat"
WLED_IP = "192.168.1.50"
`)
    // Reveal shows it on request only
    await page.locator('[data-testid="secrets-reveal"]').click()
    await page.waitForFunction((v) => (document.querySelector('[data-testid="secret-WIFI_PASSWORD"]') as HTMLInputElement | null)?.value === v, PASSWORD)
    await expect(pw.getAttribute('type')).resolves.toBe('text')
    await page.locator('[data-testid="tool-close"]').click()
    await page.locator('[data-testid="secrets-form"]').waitFor({ state: 'detached' })
  })

  it('imports system fonts from a BADGER folder into the project', async () => {
    const { page } = ide
    const drive = tempProject()
    try {
      mkdirSync(path.join(drive.dir, 'assets/fonts'), { recursive: true })
      mkdirSync(path.join(drive.dir, 'apps/menu'), { recursive: true })
      writeFileSync(path.join(drive.dir, 'assets/fonts/test.ppf'), makePpf('test'))
      writeFileSync(path.join(drive.dir, 'apps/menu/__init__.py'), '# their launcher\n')
      await page.locator('[data-testid="tools-menu"]').click()
      await page.locator('[data-testid="tools-assets"]').click()
      await page.locator('[data-testid="assets-folder"]').fill(drive.dir)
      await page.locator('[data-testid="assets-import"]').click()
      await page.locator('[data-testid="assets-report"]', { hasText: 'Copied 1' }).waitFor()
      expect(readFileSync(path.join(project.dir, 'assets/fonts/test.ppf'))).toEqual(Buffer.from(makePpf('test')))
      // the launcher was not selected, so the project's own launcher is untouched
      expect(readFileSync(path.join(project.dir, 'apps/menu/__init__.py'), 'utf8')).toContain('APPS = [')
      await page.locator('[data-path="assets"]').waitFor()
    } finally {
      drive.cleanup()
    }
  })
})
