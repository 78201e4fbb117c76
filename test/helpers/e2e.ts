/**
 * The renderer E2E harness: the built renderer (`out/renderer`, from `electron-vite build`) served on
 * 127.0.0.1 by the bridge server, whose API is the real main-process core running in this test
 * process, driven in Debian's Chromium through playwright-core. Never downloads a browser.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createAppCore, type AppCore } from '../../src/main/app-core'
import { startBridgeServer, type BridgeServer } from '../../src/main/bridge/bridge-server'
import { browserShell } from '../../src/main/bridge/browser-shell'
import { projectWindowAction } from '../../src/main/electron/single-instance'
import { WindowRegistry } from '../../src/main/window-registry'
import type { BindingInterface } from '../../src/main/services/device/binding-types'
import { afterAll, beforeAll } from 'vitest'
import { tempProject } from './temp-project'

/** Debian's Chromium; `.ci/run` installs it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer')

/** A running IDE in a browser page, with the core behind it. */
export interface E2EContext {
  page: Page
  /** Window 1's core (the page's). */
  core: AppCore
  /** Every window's core (window 1 is `core`); {@link E2EContext.openWindow} adds pages for others. */
  windows: WindowRegistry
  /** Opens window `id` (its own core, showing `root` if given) in a new page, as a second start does in Electron. */
  openWindow(id: number, root?: string | null): Promise<Page>
  bridge: BridgeServer
  userDataDir: string
  /** What the fake native folder picker answers next. */
  shell: {
    nextFolder: string | null
    saved: Array<{ name: string; bytes: Uint8Array }>
    /** Absolute paths moved to the (fake) OS trash. */
    trashed: string[]
    /** The renderer's answers to app:closeRequest. */
    closeAnswers: boolean[]
    /** The pages Open in New Window opened, in order (a window brought to the front adds none). */
    newWindows: Page[]
    /** The windows brought to the front instead (their project was open there). */
    focused: number[]
  }
  close(): Promise<void>
}

/**
 * Starts core + bridge + Chromium and opens the IDE page. `browserMode` uses the shell of
 * `npm run browser-dev` (no native dialogs) instead of the fake native one; `badgerDrive` says where
 * the badge's BADGER drive is mounted (disk mode) at each look, null while it is not; `serialBinding`
 * stands in for the serial ports (see fake-usb.ts).
 */
export async function startIde(
  opts: { viewport?: { width: number; height: number }; browserMode?: boolean; badgerDrive?: () => string | null; serialBinding?: BindingInterface } = {},
): Promise<E2EContext> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does it) before the E2E tests')
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does it)`)
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-e2e-'))
  const shell = {
    nextFolder: null as string | null,
    saved: [] as Array<{ name: string; bytes: Uint8Array }>,
    trashed: [] as string[],
    closeAnswers: [] as boolean[],
    newWindows: [] as Page[],
    focused: [] as number[],
  }
  const drive = opts.badgerDrive
  const makeCore = (id: number, settings?: AppCore['settings']) => createAppCore({
    userDataDir,
    ...(settings ? { settings } : {}),
    ...(drive ? { detectDisk: async () => drive() } : {}),
    ...(opts.serialBinding ? { serialBinding: opts.serialBinding } : {}),
    shell: opts.browserMode ? { ...browserShell(), shownElsewhere: (root) => windows.shownElsewhere(root, id) } : {
      pickFolder: async () => shell.nextFolder,
      saveBytes: async (name, bytes) => {
        shell.saved.push({ name, bytes })
        return path.join(userDataDir, name)
      },
      openExternal: async () => undefined,
      // The OS trash: the item moves to a folder under userDataDir.
      trashItem: async (abs) => {
        shell.trashed.push(abs)
        mkdirSync(path.join(userDataDir, 'trash'), { recursive: true })
        renameSync(abs, path.join(userDataDir, 'trash', `${shell.trashed.length}-${path.basename(abs)}`))
      },
      closeAnswered: (proceed) => void shell.closeAnswers.push(proceed),
      shownElsewhere: (root) => windows.shownElsewhere(root, id),
      // What main does (index.ts): the window showing the project comes to the front, else a new one opens.
      openWindow: async (root) => {
        const act = root ? projectWindowAction(root, windows.windows(), false) : { kind: 'newWindow' as const, root: null }
        if (act.kind === 'newWindow') {
          const id = Math.max(0, ...windows.windows().map((w) => w.id)) + 1
          shell.newWindows.push(await ctx.openWindow(id, act.root))
        } else if (act.kind === 'focus' && act.window !== null) shell.focused.push(act.window)
      },
    },
  })
  const core = await makeCore(1)
  // Further windows share window 1's settings store, as Electron's windows share one.
  const windows: WindowRegistry = new WindowRegistry((id) => makeCore(id, core.settings))
  windows.add(1, core)
  const bridge = await startBridgeServer(windows, RENDERER_DIR)
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  })
  const errors: string[] = []
  const newPage = async (url: string): Promise<Page> => {
    const p = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } })
    p.on('pageerror', (e) => errors.push(e.message))
    p.on('dialog', (d) => void d.accept())
    await p.goto(url)
    await p.waitForSelector('[data-testid="ide"]')
    return p
  }
  const page = await newPage(bridge.url)
  const ctx: E2EContext = {
    page,
    core,
    windows,
    async openWindow(id, root = null) {
      await windows.open(id, root)
      return newPage(`${bridge.url}?window=${id}`)
    },
    bridge,
    userDataDir,
    shell,
    async close() {
      await browser.close()
      await bridge.close()
      await windows.closeAll()
      rmSync(userDataDir, { recursive: true, force: true })
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`)
    },
  }
  return ctx
}

/**
 * An IDE for the calling describe with a copy of the hello project open and its tree shown
 * (started in beforeAll, closed with the copy in afterAll).
 */
export function ideWithProject(opts: Parameters<typeof startIde>[0] = {}): { ide: () => E2EContext; project: { dir: string } } {
  let ide: E2EContext
  const project = tempProject('hello')
  beforeAll(async () => {
    ide = await startIde(opts)
    await ide.core.project.open(project.dir)
    await ide.page.reload()
    await ide.page.locator('[data-path="main.py"]').waitFor()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })
  return { ide: () => ide, project }
}
