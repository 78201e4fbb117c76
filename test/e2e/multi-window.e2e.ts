/**
 * Two IDE windows at once, each with its own project: a second start for another project opens a
 * new window (here: a second page, whose core the bridge's window registry builds as Electron's
 * main does), the first keeps its project, an edit in one leaves the other alone, a second start
 * for a project already open only focuses its window, and Open in New Window on a recent project
 * does the same from inside the IDE.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secondInstanceAction } from '../../src/main/electron/single-instance'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

const APP = (name: string) => `from badgeware import screen, brushes\n\n# ${name}\ndef update():\n    screen.brush = brushes.color(0, 0, 0)\n    screen.clear()\n`

describe('a second project opens in a new window', () => {
  let ide: E2EContext
  let second: Page
  const alpha = tempProject()
  const beta = tempProject()
  /** What a second start `badge-ide <folder>` decides, given the windows open now. */
  const secondStart = (folder: string) => secondInstanceAction(['badge-ide', folder], false, '/', ide.windows.windows())

  beforeAll(async () => {
    writeFileSync(path.join(alpha.dir, 'alpha.py'), APP('alpha'))
    writeFileSync(path.join(beta.dir, 'beta.py'), APP('beta'))
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    alpha.cleanup()
    beta.cleanup()
  })

  it('the first project goes to the window on the welcome screen', async () => {
    const act = secondStart(alpha.dir)
    expect(act).toEqual({ kind: 'openHere', window: 1, root: alpha.dir })
    ide.core.bus.emit('app:openProject', { root: alpha.dir })
    await ide.page.locator('[data-testid="project-tree"] [data-path="alpha.py"]').waitFor()
  })

  it('another project opens in a new window with its own tree; the first keeps its project', async () => {
    const act = secondStart(beta.dir)
    expect(act).toEqual({ kind: 'newWindow', root: beta.dir })
    second = await ide.openWindow(2, beta.dir)
    await second.locator('[data-testid="project-tree"] [data-path="beta.py"]').waitFor()
    await expect(second.locator('[data-testid="project-tree"] [data-path="alpha.py"]').count()).resolves.toBe(0)
    await expect(ide.page.locator('[data-testid="project-tree"] [data-path="beta.py"]').count()).resolves.toBe(0)
    expect(ide.windows.windows()).toEqual([{ id: 1, root: alpha.dir }, { id: 2, root: beta.dir }])
  })

  it('an edit saved in one window changes only its project; the other window is untouched', async () => {
    await second.locator('[data-path="beta.py"]').click()
    await second.locator('.cm-content').click()
    await second.keyboard.press('Control+Home')
    await second.keyboard.type('# edited in window 2\n')
    await second.keyboard.press('Control+s')
    await second.locator('.tab.dirty').waitFor({ state: 'detached' })
    expect(readFileSync(path.join(beta.dir, 'beta.py'), 'utf8').startsWith('# edited in window 2\n')).toBe(true)
    expect(readFileSync(path.join(alpha.dir, 'alpha.py'), 'utf8')).toBe(APP('alpha'))
    const first = ide.page
    await expect(first.locator('.tab').count()).resolves.toBe(0)
    await first.locator('[data-path="alpha.py"]').click()
    await expect(first.locator('.cm-content').innerText()).resolves.not.toContain('edited in window 2')
    await expect(first.locator('.tab.dirty').count()).resolves.toBe(0)
    // The README's picture: the two windows side by side.
    const [one, two] = await Promise.all([first.screenshot(), second.screenshot()])
    const both = await first.context().browser()!.newPage({ viewport: { width: 1400, height: 460 } })
    const img = (png: Buffer) => `<img style="width:690px;border:1px solid #555" src="data:image/png;base64,${png.toString('base64')}">`
    await both.setContent(`<body style="margin:0;padding:5px;background:#111;display:flex;gap:8px">${img(one)}${img(two)}</body>`)
    await shot(both, 'two-windows')
    await both.close()
  })

  it('a second start for a project already open focuses its window instead of opening another', () => {
    expect(secondStart(alpha.dir)).toEqual({ kind: 'focus', window: 1 })
    expect(secondStart(`${beta.dir}/`)).toEqual({ kind: 'focus', window: 2 })
  })

  it('Open in New Window on a recent project brings the window showing it to the front, else opens a new window', async () => {
    const first = ide.page
    // The recent list is read when the page loads: beta joined it after window 1 loaded.
    await first.reload()
    await first.locator('[data-testid="project-tree"] [data-path="alpha.py"]').waitFor()
    const openBetaInNewWindow = async () => {
      await first.getByRole('button', { name: 'Recent projects' }).click()
      const row = first.locator('.recent-row', { has: first.getByRole('menuitem', { name: beta.dir, exact: true }) })
      await row.getByRole('menuitem', { name: 'Open in New Window' }).click()
    }
    await openBetaInNewWindow()
    await expect.poll(() => ide.shell.focused).toEqual([2])
    expect(ide.shell.newWindows).toHaveLength(0)
    await second.close()
    await ide.windows.close(2)
    await openBetaInNewWindow()
    await expect.poll(() => ide.shell.newWindows.length, { timeout: 10_000 }).toBe(1)
    const third = ide.shell.newWindows[0]!
    await third.locator('[data-testid="project-tree"] [data-path="beta.py"]').waitFor()
    await expect(first.locator('[data-testid="project-tree"] [data-path="alpha.py"]').count()).resolves.toBe(1)
    expect(ide.windows.windows().map((w) => w.root)).toEqual([alpha.dir, beta.dir])
  })

  it('a project open in one window is never opened in another: Open… there brings its window forward, a new window starts empty', async () => {
    const [betaWindow] = ide.shell.newWindows
    ide.shell.nextFolder = alpha.dir
    await betaWindow!.locator('[data-testid="open-project"]').click()
    await expect.poll(() => ide.shell.focused).toEqual([2, 1])
    expect(ide.windows.windows().map((w) => w.root)).toEqual([alpha.dir, beta.dir])
    await betaWindow!.locator('[data-testid="project-tree"] [data-path="beta.py"]').waitFor()
    await expect(betaWindow!.locator('.notice.error').count()).resolves.toBe(0)
    // The saved session names a project open in a window: an empty new window does not take it.
    const empty = await ide.openWindow(7)
    await empty.waitForFunction(() => document.documentElement.dataset['ready'] === '1')
    await expect(empty.getByRole('button', { name: 'Open Project…' }).count()).resolves.toBe(1)
    expect(ide.windows.windows()).toEqual([{ id: 1, root: alpha.dir }, { id: 2, root: beta.dir }, { id: 7, root: null }])
  })
})
