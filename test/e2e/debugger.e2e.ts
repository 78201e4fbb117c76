/**
 * The step debugger in Chromium against the real emulator: a breakpoint set in the gutter (and a
 * conditional one through the right-click prompt), Run stops there with the line highlighted,
 * the Variables panel shows the frame's locals and the app's globals, a watch is evaluated, Step
 * over moves one line, Continue stops again one frame later, and with the breakpoints gone the
 * app runs on. Saves the README screenshot of the debugger.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DebugState } from '../../src/shared/ipc/domains/debug'
import { startIde, type E2EContext } from '../helpers/e2e'
import { shot } from './shots'

const APP = 'apps/shapes/__init__.py'
const EXAMPLE = path.resolve(__dirname, '../../examples/graphics-tour')
// A small app beside the examples for calls, containers and an exception (B divides by zero).
const DEMO = 'apps/calls/__init__.py'
const DEMO_SRC = `from badgeware import screen, brushes, io

items = [3, 1, 2]
conf = {"speed": 2, "name": "dot"}


def step(n):
    doubled = n * 2
    return doubled + 1


def update():
    total = 0
    for v in items:
        total += step(v)
    screen.brush = brushes.color(0, 0, 0)
    screen.clear()
    if io.BUTTON_B in io.pressed:
        boom = total / 0
`
const demoLine = (text: string): number => DEMO_SRC.split('\n').findIndex((l) => l.includes(text)) + 1

/** Clicks the breakpoint gutter beside 1-based `line` (the right button opens the condition prompt). */
async function gutterClick(page: Page, line: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const number = page.locator('.cm-lineNumbers .cm-gutterElement').filter({ hasText: new RegExp(`^${line}$`) })
  const row = (await number.boundingBox())!
  const g = (await page.locator('.cm-breakpoint-gutter').boundingBox())!
  await page.mouse.click(g.x + g.width / 2, row.y + row.height / 2, { button })
}

/** The lines (by their line numbers on screen) that show a breakpoint dot, ascending. */
function dotLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].map((e) => ({ n: Number(e.textContent), r: e.getBoundingClientRect() }))
    return [...document.querySelectorAll('.cm-breakpoint-marker.bp')]
      .map((m) => {
        const r = m.getBoundingClientRect()
        const y = r.top + r.height / 2
        return numbers.find((x) => y >= x.r.top && y < x.r.bottom)?.n ?? -1
      })
      .sort((a, b) => a - b)
  })
}

describe('the step debugger in the window', () => {
  let ide: E2EContext
  let dir: string
  let source: string[]
  /** 1-based line of the first line of the app that contains `text`. */
  const lineOf = (text: string): number => source.findIndex((l) => l.includes(text)) + 1

  async function mainState(): Promise<DebugState> {
    const r = await ide.core.dispatch('debug:state', {})
    if (!r.ok) throw new Error(r.message)
    return r.value as DebugState
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-debug-'))
    cpSync(EXAMPLE, dir, { recursive: true })
    mkdirSync(path.join(dir, 'apps/calls'))
    writeFileSync(path.join(dir, DEMO), DEMO_SRC)
    source = readFileSync(path.join(dir, APP), 'utf8').split('\n')
    ide = await startIde()
    ide.shell.nextFolder = dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator(`[data-path="${APP}"]`).click()
    await ide.page.locator('.cm-breakpoint-gutter').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a click in the gutter sets a breakpoint in main, a second click clears it', async () => {
    const { page } = ide
    const line = lineOf('screen.clear()')
    await gutterClick(page, line)
    await page.locator('.cm-breakpoint-marker.bp').waitFor()
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: APP, line }])
    await gutterClick(page, line)
    await page.locator('.cm-breakpoint-marker.bp').waitFor({ state: 'detached' })
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([])
  })

  it('a right-click asks for a condition; the breakpoint shows ringed and main has the condition', async () => {
    const { page } = ide
    const line = lineOf('screen.draw(shapes.circle(')
    await gutterClick(page, line, 'right')
    await page.locator('[data-testid="name-input"]').fill('i == 2')
    await page.keyboard.press('Enter')
    await page.locator('.cm-breakpoint-marker.bp.conditional').waitFor()
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: APP, line, condition: 'i == 2' }])
  })

  let firstFrame = 0
  it('Run (F5) stops on it: the line is highlighted, the Variables panel shows locals and globals', async () => {
    const { page } = ide
    const line = lineOf('screen.draw(shapes.circle(')
    await page.locator('.cm-content').click()
    await page.keyboard.press('F5')
    await page.locator('[data-testid="debug-status"]', { hasText: `${APP}:${line}` }).waitFor({ timeout: 60_000 })
    await expect(page.locator('.cm-debug-paused-line').innerText()).resolves.toContain('screen.draw(shapes.circle(')
    await expect(page.locator('[data-testid="run-status"]').textContent()).resolves.toBe('paused')
    await expect(page.locator('[data-testid="emulator-status"]').textContent()).resolves.toBe('paused')
    const i = page.locator('[data-testid="debug-locals"] > .var[data-name="i"]')
    await expect(i.locator('.var-value').innerText()).resolves.toBe('2')
    await expect(i.locator('.var-kind').innerText()).resolves.toBe('int')
    await page.locator('[data-testid="debug-locals"] > .var[data-name="t"]').waitFor()
    await page.locator('[data-testid="debug-globals"] > .var[data-name="BG"]').waitFor()
    const top = page.locator('[data-testid="debug-stack"] li').first()
    await expect(top.locator('.fn').innerText()).resolves.toBe('update')
    await expect(top.locator('.where').innerText()).resolves.toBe(`${APP}:${line}`)
    firstFrame = (await mainState()).paused!.frame
  })

  it('a watch is evaluated in the paused frame', async () => {
    const { page } = ide
    await page.locator('[data-testid="debug-watch-input"]').fill('i * 10')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="debug-watches"] [data-expression="i * 10"] .var-value', { hasText: '20' }).waitFor()
    await shot(page, 'debugger')
  })

  it('the Debug panel is as wide as it was dragged, and remembers it', async () => {
    const { page } = ide
    const panel = page.locator('[data-testid="debug-panel"]')
    const before = (await panel.boundingBox())!.width
    const handle = (await page.locator('.splitter[data-size="debugW"]').boundingBox())!
    await page.mouse.move(handle.x + 2, handle.y + 100)
    await page.mouse.down()
    await page.mouse.move(handle.x - 58, handle.y + 100, { steps: 4 })
    await page.mouse.up()
    await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 60))
    await expect.poll(async () => Math.round(Number((await ide.core.settings.get()).layout['debugW']))).toBe(Math.round(before + 60))
  })

  it('Step over (F10) stops on the next line after the loop', async () => {
    const { page } = ide
    await page.keyboard.press('F10')
    await page.locator('[data-testid="debug-status"]', { hasText: `${APP}:${lineOf('screen.antialias = 0')}` }).waitFor({ timeout: 30_000 })
    await expect(page.locator('.cm-debug-paused-line').innerText()).resolves.toContain('screen.antialias = 0')
    expect((await mainState()).paused!.frame).toBe(firstFrame)
  })

  it('Continue (F5) stops at the breakpoint again in the next frame', async () => {
    const { page } = ide
    const line = lineOf('screen.draw(shapes.circle(')
    await page.keyboard.press('F5')
    await page.locator('[data-testid="debug-status"]', { hasText: `frame ${firstFrame + 1}` }).waitFor({ timeout: 30_000 })
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toContain(`${APP}:${line}`)
    expect((await mainState()).paused).toMatchObject({ line, frame: firstFrame + 1 })
  })

  it('with the breakpoint cleared, Continue lets the app run on: frames keep coming', async () => {
    const { page } = ide
    await gutterClick(page, lineOf('screen.draw(shapes.circle('))
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([])
    await page.locator('[data-testid="debug-continue"]').click()
    await expect.poll(async () => (await mainState()).status, { timeout: 30_000 }).toBe('running')
    const frameNow = async (): Promise<number> => {
      await page.locator('[data-testid="debug-pause"]').click()
      await page.locator('[data-testid="debug-status"]', { hasText: 'Paused' }).waitFor({ timeout: 30_000 })
      const f = (await mainState()).paused!.frame
      await page.locator('[data-testid="debug-continue"]').click()
      await expect.poll(async () => (await mainState()).status, { timeout: 30_000 }).toBe('running')
      return f
    }
    const a = await frameNow()
    await expect.poll(frameNow, { timeout: 30_000 }).toBeGreaterThan(a)
    await page.keyboard.press('Shift+F5')
    await expect.poll(async () => (await mainState()).status, { timeout: 30_000 }).toBe('idle')
  })

  it('F9 sets a breakpoint; it stays with its line when lines are added above it, in the editor and in main', async () => {
    const { page } = ide
    await page.locator(`[data-path="${DEMO}"]`).click()
    await page.locator('.tab.active', { hasText: '__init__.py' }).waitFor()
    await page.locator('.cm-content', { hasText: 'def step(n)' }).waitFor()
    const line = demoLine('total += step(v)')
    // F9 sets a breakpoint on the cursor's line.
    await page.locator('.cm-line', { hasText: 'total += step(v)' }).click()
    await page.keyboard.press('F9')
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: DEMO, line }])
    // A comment line typed at the end of "total = 0" pushes the breakpoint one line down.
    await page.locator('.cm-line', { hasText: 'total = 0' }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('# counted below')
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: DEMO, line: line + 1 }])
    await expect(dotLines(page)).resolves.toEqual([line + 1])
  })

  it('Run saves and stops there; values expand; Step into enters the call, the stack has both frames', async () => {
    const { page } = ide
    const line = demoLine('total += step(v)') + 1
    await page.keyboard.press('F5')
    await page.locator('[data-testid="debug-status"]', { hasText: `${DEMO}:${line}` }).waitFor({ timeout: 60_000 })
    const items = page.locator('[data-testid="debug-globals"] > .var[data-name="items"]')
    await expect(items.locator('.var-kind').first().innerText()).resolves.toBe('list · 3')
    await items.locator('.var-row').first().click()
    await expect.poll(() => items.locator('.var-children .var-value').allInnerTexts()).toEqual(['3', '1', '2'])
    // From the keyboard too: a dict opens on Enter.
    const conf = page.locator('[data-testid="debug-globals"] > .var[data-name="conf"]')
    await conf.locator('.var-row').first().focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => conf.locator('.var-children .var-value').allInnerTexts()).toEqual(['2', "'dot'"])
    await page.keyboard.press('F11')
    await page.locator('[data-testid="debug-status"]', { hasText: `${DEMO}:${demoLine('doubled = n * 2')}` }).waitFor({ timeout: 30_000 })
    await expect(page.locator('.cm-debug-paused-line').innerText()).resolves.toContain('doubled = n * 2')
    await expect(page.locator('[data-testid="debug-locals"] > .var[data-name="n"] .var-value').first().innerText()).resolves.toBe('3')
    await expect(page.locator('[data-testid="debug-stack"] .fn').allInnerTexts()).resolves.toEqual(['step', 'update'])
    // A click on the caller's frame opens it at its line.
    await page.locator('[data-testid="debug-stack"] li').nth(1).locator('button').click()
    await expect.poll(() => page.locator('.cm-activeLine').innerText()).toContain('total += step(v)')
  })

  it('Step out (Shift+F11) returns to the caller', async () => {
    const { page } = ide
    await page.locator('.cm-content').click()
    await page.keyboard.press('Shift+F11')
    await expect.poll(async () => (await mainState()).paused?.stack[0]?.fn, { timeout: 30_000 }).toBe('update')
    await expect.poll(() => page.locator('[data-testid="debug-stack"] .fn').allInnerTexts()).toEqual(['update'])
  })

  it('while the app runs, unsaved edits keep the dots where the editor put them; deleting the line brings them back', async () => {
    const { page } = ide
    const first = demoLine('total = 0')
    const second = demoLine('total += step(v)') + 1
    await page.locator('.cm-line', { hasText: 'total = 0' }).click()
    await page.keyboard.press('F9')
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: DEMO, line: second }, { file: DEMO, line: first }].sort((a, b) => a.line - b.line))
    // A line typed above both: main places the lines on the text the app runs (where the new
    // line number may be a comment); the editor keeps the breakpoints on their statements.
    await page.locator('.cm-line', { hasText: 'def update():' }).click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('# not saved')
    await expect.poll(async () => (await mainState()).breakpoints.every((b) => b.line > first)).toBe(true)
    await expect(dotLines(page)).resolves.toEqual([first + 1, second + 1])
    // Deleting the line again (Ctrl+Shift+K) leaves the saved text: the file is clean and sent again.
    await page.keyboard.press('Control+Shift+K')
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached' })
    await expect.poll(() => dotLines(page)).toEqual([first, second])
    await expect.poll(async () => (await mainState()).breakpoints.map((b) => b.line).sort((a, b) => a - b)).toEqual([first, second])
    await page.locator('.cm-line', { hasText: 'total = 0' }).click()
    await page.keyboard.press('F9')
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([{ file: DEMO, line: second }])
  })

  it('break on uncaught exception stops at the raising line with its locals; Stop works while paused', async () => {
    const { page } = ide
    await page.locator('[data-testid="debug-break-exception"]').check()
    await expect.poll(async () => (await mainState()).breakOnException).toBe(true)
    await gutterClick(page, demoLine('total += step(v)') + 1)
    await expect.poll(async () => (await mainState()).breakpoints).toEqual([])
    await page.locator('[data-testid="debug-continue"]').click()
    await expect.poll(async () => (await mainState()).status, { timeout: 30_000 }).toBe('running')
    await page.locator('[data-button="B"]').dispatchEvent('pointerdown')
    await page.locator('[data-testid="debug-exception"]', { hasText: 'ZeroDivisionError' }).waitFor({ timeout: 30_000 })
    await page.locator('[data-button="B"]').dispatchEvent('pointerup')
    await expect(page.locator('.cm-debug-exception-line').innerText()).resolves.toContain('boom = total / 0')
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toContain(`Exception · ${DEMO}:${demoLine('boom = total / 0') + 1}`)
    await expect(page.locator('[data-testid="debug-locals"] > .var[data-name="total"] .var-value').first().innerText()).resolves.toBe('15')
    // The watch from the shapes app has no `i` here: its error shows; × removes it.
    const watch = page.locator('[data-testid="debug-watches"] [data-expression="i * 10"]')
    await expect(watch.locator('.error').innerText()).resolves.toContain('NameError')
    await shot(page, 'debugger-exception')
    await watch.getByRole('button', { name: 'Remove watch i * 10' }).click()
    await expect.poll(async () => (await mainState()).watches).toEqual([])
    await watch.waitFor({ state: 'detached' })
    await page.keyboard.press('Shift+F5')
    await expect.poll(async () => (await mainState()).status, { timeout: 30_000 }).toBe('idle')
    await page.locator('[data-testid="debug-panel"]').waitFor({ state: 'detached' })
    // The same switch from the menu (no check mark there) says its new state.
    ide.core.bus.emit('app:menu', { command: 'breakOnException' })
    await page.locator('.notice', { hasText: 'Break on uncaught exceptions: off' }).waitFor()
    expect((await mainState()).breakOnException).toBe(false)
  })
})
