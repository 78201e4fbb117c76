/**
 * IDE responsiveness in Debian Chromium, against the built renderer (`npx electron-vite build`)
 * served by the bridge with the real core behind it. Each figure is printed with a baseline
 * measured in the same run:
 *   - renderer start to interactive (target < 1 s)   vs a blank page load from the same server
 *   - opening a 2,000-file project tree (< 300 ms)   vs a 10-file tree
 *   - keystroke to paint in a 5,000-line file (< 16 ms) vs a 10-line file
 * Medians of several runs; vsync is disabled so a paint is not padded to the next 60 Hz frame.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { createAppCore } from '../src/main/app-core'
import { startBridgeServer } from '../src/main/bridge/bridge-server'
import { WindowRegistry } from '../src/main/window-registry'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RENDERER = path.join(ROOT, 'out/renderer')
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function report(label: string, value: number, baseline: number, target: number, unit = 'ms'): void {
  const ok = value < target ? 'ok' : 'OVER TARGET'
  console.log(
    `${label.padEnd(34)} ${value.toFixed(1).padStart(8)} ${unit}  baseline ${baseline.toFixed(1).padStart(7)} ${unit}  ratio ${(value / baseline).toFixed(2).padStart(6)}x  target < ${target} ${unit}  ${ok}`,
  )
}

/** A project with `files` Python files spread over apps/app_NNN folders (20 per folder). */
function makeProject(files: number, tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `badge-ide-bench-${tag}-`))
  for (let i = 0; i < files; i++) {
    const app = path.join(dir, 'apps', `app_${String(Math.floor(i / 20)).padStart(3, '0')}`)
    mkdirSync(app, { recursive: true })
    writeFileSync(path.join(app, i % 20 === 0 ? '__init__.py' : `mod_${i}.py`), `# ${tag} ${i}\nX = ${i}\n`)
  }
  // A folder that sorts first, so its row is on screen in the virtualised tree.
  mkdirSync(path.join(dir, `aaa_${tag}`))
  return dir
}

/** A Python file of `lines` lines. */
function pythonSource(lines: number): string {
  const out: string[] = ['from badgeware import screen, brushes, shapes, io', '']
  for (let i = 0; out.length < lines; i++) {
    out.push(`def f_${i}(x, y=${i}):`, `    # helper ${i}`, `    v = x * ${i} + y  # arithmetic`, `    return "s" + str(v)`, '')
  }
  return out.slice(0, lines).join('\n') + '\n'
}

/** Time from a keystroke to the frame that shows it, median of `n` keystrokes, in the focused editor. */
async function keystrokeToPaint(page: Page, n: number): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] }
    w.__lat = []
    document.addEventListener(
      'keydown',
      () => {
        const t = performance.now()
        requestAnimationFrame(() => {
          // Runs after the frame's style, layout and paint have been scheduled and committed.
          setTimeout(() => w.__lat.push(performance.now() - t), 0)
        })
      },
      { capture: true },
    )
  })
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('KeyX')
    await page.waitForFunction((k) => (window as unknown as { __lat: number[] }).__lat.length > k, i)
  }
  const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
  return median(lat.slice(3))
}

/** Opens `root` with Ctrl+O (the fake picker answers it) and times until its marker row is painted. */
async function timeTreeOpen(page: Page, shell: { nextFolder: string | null }, root: string, marker: string): Promise<number> {
  shell.nextFolder = root
  return page.evaluate(async (sel) => {
    const t = performance.now()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, bubbles: true }))
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (document.querySelector(sel)) resolve()
        else requestAnimationFrame(check)
      }
      check()
    })
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
    return performance.now() - t
  }, `[data-testid="project-tree"] [data-path="${marker}"]`)
}

export default async function bench(): Promise<void> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first')
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-bench-user-'))
  const shell = { nextFolder: null as string | null }
  const makeCore = () => createAppCore({
    userDataDir,
    watch: false,
    shell: { pickFolder: async () => shell.nextFolder, saveBytes: async () => null, openExternal: async () => undefined },
  })
  const core = await makeCore()
  const windows = new WindowRegistry(makeCore)
  windows.add(1, core)
  const bridge = await startBridgeServer(windows, RENDERER)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-dev-shm-usage'],
  })
  const small = makeProject(10, 'small')
  const large = makeProject(2000, 'large')
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    // tsx keeps function names with a helper the page does not have.
    await page.addInitScript('window.__name = (f) => f')
    page.on('crash', () => console.error('page crashed'))
    page.on('pageerror', (e) => console.error('page error:', e.message))

    // 1. Start to interactive (navigation start → the app's `ide:ready` mark, measured in the page)
    //    vs a blank page's load event from the same server.
    const blank: number[] = []
    const start: number[] = []
    for (let i = 0; i < 7; i++) {
      await page.goto(`${bridge.url}__blank`, { waitUntil: 'load' })
      blank.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd))
      await page.goto(bridge.url)
      await page.waitForSelector('html[data-ready="1"]')
      start.push(await page.evaluate(() => performance.getEntriesByName('ide:ready')[0]!.startTime))
      if (process.env['BENCH_VERBOSE']) console.log(await page.evaluate(() => JSON.stringify(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]))))
    }
    report('renderer start to interactive', median(start), median(blank), 1000)
    await page.goto(bridge.url)
    await page.waitForSelector('html[data-ready="1"]')

    // 2. Opening a 2,000-file tree vs a 10-file tree (alternating, warm).
    const smallT: number[] = []
    const largeT: number[] = []
    for (let i = 0; i < 5; i++) {
      smallT.push(await timeTreeOpen(page, shell, small, 'aaa_small'))
      largeT.push(await timeTreeOpen(page, shell, large, 'aaa_large'))
    }
    report('open 2,000-file tree', median(largeT), median(smallT), 300)

    // 3. Keystroke to paint: 10-line file vs 5,000-line file.
    writeFileSync(path.join(small, 'short.py'), pythonSource(10))
    writeFileSync(path.join(small, 'long.py'), pythonSource(5000))
    await timeTreeOpen(page, shell, small, 'aaa_small')
    const typeIn = async (file: string): Promise<number> => {
      await page.locator(`[data-path="${file}"]`).click()
      await page.locator('.cm-content').click()
      await page.keyboard.press('Control+End')
      return keystrokeToPaint(page, 25)
    }
    const shortMs = await typeIn('short.py')
    const longMs = await typeIn('long.py')
    report('keystroke to paint, 5,000 lines', longMs, shortMs, 16)
  } finally {
    await browser.close()
    await bridge.close()
    await core.dispose()
    for (const d of [userDataDir, small, large]) rmSync(d, { recursive: true, force: true })
  }
}
