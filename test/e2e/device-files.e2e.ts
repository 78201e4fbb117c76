/**
 * The badge's REPL in its console tab and the badge's files panel on the virtual badge, in browser
 * mode: new folder, upload with the
 * button and by dropping files, rename, download through the browser, soft reset.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'

describe('device files panel', () => {
  let ide: E2EContext

  beforeAll(async () => {
    ide = await startIde({ browserMode: true })
  })
  afterAll(async () => {
    await ide?.close()
  })

  it('offers a Python prompt on the virtual badge in the Badge REPL tab while no badge is connected', async () => {
    const { page } = ide
    await page.locator('[data-testid="console-tab-repl"]').click()
    await page.locator('[data-testid="repl-virtual"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="repl-offer"]').waitFor({ state: 'detached' })
  })

  /** A badge file's bytes, read through the core (not the panel). */
  async function badgeBytes(path: string): Promise<Buffer> {
    const r = (await ide.core.dispatch('device:readFile', { path })) as { ok: boolean; value: { text?: string; bytes?: Uint8Array } }
    expect(r.ok).toBe(true)
    return r.value.text !== undefined ? Buffer.from(r.value.text) : Buffer.from(r.value.bytes ?? new Uint8Array())
  }

  it("shows the badge's REPL in its own console tab, the IDE's messages in Output", async () => {
    const { page } = ide
    const rows = page.locator('[data-testid="console"] .xterm-rows')
    await page.locator('[data-testid="console-tab-repl"][aria-selected="true"]').waitFor()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: '>>>' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="console"] .xterm-helper-textarea').focus()
    await page.keyboard.type('print(6 * 7)')
    await page.keyboard.press('Enter')
    await rows.filter({ hasText: '42' }).waitFor({ timeout: 30_000 })
    expect(await rows.innerText()).not.toContain('Connected to the virtual badge')
    await page.locator('[data-testid="console-tab-output"]').click()
    await rows.filter({ hasText: 'Connected to the virtual badge' }).waitFor()
    expect(await rows.innerText()).not.toContain('42')
    await page.locator('[data-testid="console-tab-repl"]').click()
    await rows.filter({ hasText: '42' }).waitFor()
  })

  it('makes a folder and uploads into it with the button and by drag and drop', async () => {
    const { page } = ide
    await page.locator('[data-testid="device-mkdir"]').click()
    await page.locator('[data-testid="name-input"]').fill('uploads')
    await page.keyboard.press('Enter')
    await page.locator('[data-device-path="/uploads"] .name').click()
    await page.locator('.muted-note', { hasText: 'Empty folder' }).waitFor()

    await page.locator('[data-testid="device-upload-input"]').setInputFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from('hello badge\n') })
    await page.locator('[data-device-path="/uploads/hello.txt"]').waitFor({ timeout: 30_000 })
    expect((await badgeBytes('/uploads/hello.txt')).toString()).toBe('hello badge\n')

    const bytes = Array.from({ length: 256 }, (_, i) => i)
    const dt = await page.evaluateHandle((b) => {
      const d = new DataTransfer()
      d.items.add(new File([new Uint8Array(b)], 'dropped.bin'))
      return d
    }, bytes)
    await page.locator('[data-testid="device-files"]').dispatchEvent('drop', { dataTransfer: dt })
    await page.locator('[data-device-path="/uploads/dropped.bin"]').waitFor({ timeout: 30_000 })
    expect([...(await badgeBytes('/uploads/dropped.bin'))]).toEqual(bytes)
  })

  it('shows the progress of an upload and cancels it: the badge is left as it was', async () => {
    const { page } = ide
    const big = Buffer.alloc(10 * 1024 * 1024, 0x5a)
    await page.locator('[data-testid="device-upload-input"]').setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: big })
    const note = page.locator('[data-testid="device-uploading"]')
    await note.filter({ hasText: /Uploading big\.bin… \d+% of 10\.0 MB/ }).waitFor({ timeout: 30_000 })
    // Cancel shows once the first bytes are on the badge.
    await page.locator('[data-testid="device-upload-cancel"]').click({ timeout: 30_000 })
    await page.locator('.notice', { hasText: 'Upload of big.bin cancelled: /uploads/big.bin on the badge is as it was.' }).waitFor({ timeout: 30_000 })
    await note.waitFor({ state: 'detached' })
    await page.locator('[data-device-path="/uploads/hello.txt"]').waitFor()
    expect(await page.locator('[data-device-path^="/uploads/"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-device-path')))).not.toContain('/uploads/big.bin')
  })

  it('renames a badge file and downloads it through the browser', async () => {
    const { page } = ide
    await page.getByRole('button', { name: 'Rename hello.txt' }).click()
    const input = page.locator('[data-testid="name-input"]')
    await input.fill('dropped.bin')
    await expect(page.locator('[data-testid="name-problem"]').innerText()).resolves.toMatch(/already exists/)
    await input.fill('greeting.txt')
    await page.keyboard.press('Enter')
    await page.locator('[data-device-path="/uploads/greeting.txt"]').waitFor()
    await page.locator('[data-device-path="/uploads/hello.txt"]').waitFor({ state: 'detached' })

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download greeting.txt' }).click()
    const d = await download
    expect(d.suggestedFilename()).toBe('greeting.txt')
    expect(readFileSync(await d.path(), 'utf8')).toBe('hello badge\n')
  })

  it('soft-resets the badge and stays connected', async () => {
    const { page } = ide
    await page.locator('[data-testid="device-soft-reset"]').click()
    await page.locator('[data-testid="console-tab-output"] .unread').waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="console-tab-output"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'Soft reset' }).waitFor()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected' }).waitFor()
    // The soft reset ended any state: the files are listed again.
    await page.locator('[data-device-path="/uploads/greeting.txt"]').waitFor()
  })

  it('hard-resets the badge (machine.reset()) and connects to it again; its files are still there', async () => {
    const { page } = ide
    // The harness accepts the confirmation.
    await page.locator('[data-testid="device-hard-reset"]').click()
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'Hard reset of the virtual badge' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid="console"] .xterm-rows', { hasText: 'The badge is back after the reset' }).waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected: virtual badge' }).waitFor()
    await page.locator('[data-device-path="/uploads"]').waitFor()
  })
})
