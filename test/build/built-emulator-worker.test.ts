/**
 * The emulator worker chunk that electron-vite builds for the Electron app (`?modulePath`) boots an
 * app under plain Node's worker_threads (Electron's main process runs the same Node APIs).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runHeadless } from '../../src/main/emulator/headless'
import { fixtureProject } from '../helpers/temp-project'

const chunks = path.resolve(__dirname, '../../out/main/chunks')

describe('the built emulator worker', () => {
  it('is a separate chunk of the main build and runs an app', async () => {
    const file = readdirSync(chunks).find((f) => /^worker-.*\.js$/.test(f))
    expect(file, 'out/main/chunks/worker-*.js').toBeDefined()
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'built-worker-'))
    try {
      const result = await runHeadless({
        projectDir: fixtureProject('hello'),
        app: 'hello',
        frames: 3,
        stateDir,
        workerSpec: { url: pathToFileURL(path.join(chunks, file!)), execArgv: [] },
      })
      expect(result.error ?? null).toBeNull()
      expect(result.status).toBe('ok')
      const px = (x: number, y: number) => [...result.lastFrame!.subarray((y * 160 + x) * 4, (y * 160 + x) * 4 + 3)]
      // The fixture app fills the screen (20, 20, 40) and draws a (240, 200, 60) square at x = frame.
      expect(px(100, 10)).toEqual([20, 20, 40])
      expect(px(10, 60)).toEqual([240, 200, 60])
    } finally {
      rmSync(stateDir, { recursive: true, force: true })
    }
  })
})
