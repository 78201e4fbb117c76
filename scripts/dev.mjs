#!/usr/bin/env node
// @ts-check
/**
 * `npm run dev`: electron-vite's dev mode, or, where the Electron binary could not be downloaded,
 * one line saying so and naming the browser mode.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { NO_ELECTRON_MESSAGE, probeElectron } from './system.mjs'

if (!probeElectron()) {
  console.error(NO_ELECTRON_MESSAGE)
  process.exit(1)
}
const bin = createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js')
const r = spawnSync(process.execPath, [bin, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(r.status ?? 1)
