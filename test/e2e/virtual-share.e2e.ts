/**
 * Share the virtual badge on a serial port from the Badge panel: another tool opens the
 * pseudo-terminal and talks to the badge's REPL, what its code draws shows in the emulator pane;
 * the IDE cannot connect meanwhile; Stop sharing
 * ends it. Needs socat (installed by .ci/run).
 */
import { SerialPort } from 'serialport'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'

describe('sharing the virtual badge', () => {
  let ide: E2EContext
  const project = tempProject()

  beforeAll(async () => {
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })

  it('serves it on a pseudo-terminal another tool can talk to', async () => {
    const { page } = ide
    await page.locator('[data-testid="port-select"]').selectOption('virtual')
    await page.locator('[data-testid="virtual-share"]').click()
    const shared = page.locator('[data-testid="virtual-shared"] code')
    await shared.waitFor({ timeout: 60_000 })
    const pty = await shared.innerText()
    expect(pty).toMatch(/^\/dev\/pts\/\d+$/)
    // Another tool: a plain serial client types at the friendly REPL.
    const tool = new SerialPort({ path: pty, baudRate: 115200 })
    let heard = ''
    tool.on('data', (d: Buffer) => (heard += d.toString()))
    await new Promise<void>((r, j) => tool.once('open', () => r()).once('error', j))
    tool.write('\r\x03')
    tool.write('print(6 * 7)\r')
    await expect.poll(() => heard, { timeout: 30_000 }).toContain('42')
    // What the other tool's code draws shows in the emulator pane, labelled.
    tool.write(
      'exec("from badgeware import screen, brushes, display\\nfor i in range(120):\\n screen.brush = brushes.color(220, 30, 30)\\n screen.clear()\\n display.update()")\r',
    )
    await page.waitForFunction(
      () => {
        const d = (document.querySelector('[data-testid="screen"]') as HTMLCanvasElement).getContext('2d')!.getImageData(80, 60, 1, 1).data
        return d[0]! > 150 && d[2]! < 100
      },
      null,
      { timeout: 60_000 },
    )
    await page.locator('[data-testid="emulator-source"]', { hasText: 'virtual badge' }).waitFor()
    await new Promise<void>((r) => tool.close(() => r()))
    // The IDE itself cannot open the same badge meanwhile, and says why.
    await page.locator('[data-testid="connect"]').click()
    await page.locator('.notice.error', { hasText: /in use|already open|busy/i }).waitFor({ timeout: 30_000 })
  })

  it('stops sharing; then the IDE connects to it again', async () => {
    const { page } = ide
    await page.locator('[data-testid="virtual-unshare"]').click()
    await page.locator('[data-testid="virtual-shared"]').waitFor({ state: 'detached' })
    await page.locator('[data-testid="connect"]').click()
    await page.locator('[data-testid="device-state"]', { hasText: 'Connected: virtual badge' }).waitFor({ timeout: 60_000 })
  })
})
