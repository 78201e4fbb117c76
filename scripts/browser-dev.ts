/**
 * `npm run browser-dev`: the IDE in your browser, backed by the real services, for machines without
 * the Electron binary. Build first (`npx electron-vite build`). Usage: `npm run browser-dev -- [project]`.
 * Open Project… asks for a folder path in the page; screenshots and badge files download through the browser.
 */
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createAppCore } from '../src/main/app-core'
import { browserShell } from '../src/main/bridge/browser-shell'
import { startBridgeServer } from '../src/main/bridge/bridge-server'

const userDataDir = path.join(os.homedir(), '.config', 'badge-ide-browser')
mkdirSync(userDataDir, { recursive: true })
async function main(): Promise<void> {
  const project = process.argv[2]
  const core = await createAppCore({ userDataDir, shell: browserShell() })
  if (project) await core.project.open(path.resolve(project))
  const bridge = await startBridgeServer(core, path.resolve('out/renderer'), Number(process.env['PORT'] ?? 5199))
  console.log(`Badge IDE (browser mode) at ${bridge.url}`)
}

void main()
