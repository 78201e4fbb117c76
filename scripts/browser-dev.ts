/**
 * `npm run browser-dev`: the IDE in your browser, backed by the real services, for machines without
 * the Electron binary. Build first (`npx electron-vite build`). Usage: `npm run browser-dev -- [project]`.
 * Open Project… asks for a folder path in the page; screenshots and badge files download through the browser.
 * `/?window=2` (3, …) is a second IDE window with its own project.
 */
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createAppCore } from '../src/main/app-core'
import { browserShell } from '../src/main/bridge/browser-shell'
import { startBridgeServer } from '../src/main/bridge/bridge-server'
import { SettingsStore } from '../src/main/services/settings'
import { WindowRegistry } from '../src/main/window-registry'

const userDataDir = path.join(os.homedir(), '.config', 'badge-ide-browser')
mkdirSync(userDataDir, { recursive: true })
async function main(): Promise<void> {
  const project = process.argv[2]
  const settings = new SettingsStore(userDataDir)
  const windows: WindowRegistry = new WindowRegistry((id) =>
    createAppCore({ userDataDir, settings, shell: { ...browserShell(), shownElsewhere: (root) => windows.shownElsewhere(root, id) } }),
  )
  await windows.open(1, project ? path.resolve(project) : null)
  const bridge = await startBridgeServer(windows, path.resolve('out/renderer'), Number(process.env['PORT'] ?? 5199))
  console.log(`Badge IDE (browser mode) at ${bridge.url} (a second window: ${bridge.url}?window=2)`)
}

void main()
