/** The `app:diagnostics` handler: gathers what {@link diagnosticsText} puts in the file. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pkg from '../../../package.json'
import { wasmDir } from '../emulator/wasm-files'
import type { DeviceManager } from '../services/device/device-manager'
import { diagnosticsText } from '../services/log/diagnostics'
import { flushLog, logFolder, readLogFiles } from '../services/log/logger'
import type { SettingsStore } from '../services/settings'

/** The versions Help → About and the diagnostics show (Electron's when running inside it). */
export function appVersions(): Record<string, string | undefined> {
  let micropython: string | undefined
  try {
    micropython = (JSON.parse(readFileSync(path.join(wasmDir(), 'VERSIONS.json'), 'utf8')) as { version?: string }).version
  } catch {
    micropython = undefined
  }
  return { 'Badge IDE': pkg.version, Electron: process.versions['electron'], Chromium: process.versions['chrome'], Node: process.versions.node, 'MicroPython WebAssembly': micropython }
}

/** Builds the diagnostics file's name and text. */
export async function diagnostics(settings: SettingsStore, device: DeviceManager): Promise<{ name: string; text: string }> {
  await flushLog()
  let capabilities: unknown
  try {
    capabilities = device.session.capabilities
  } catch {
    capabilities = null
  }
  const dir = logFolder()
  const at = new Date().toISOString()
  const text = diagnosticsText({
    at,
    versions: appVersions(),
    platform: `${process.platform} ${process.arch}`,
    settings: await settings.get(),
    device: { state: device.state, capabilities },
    log: dir ? readLogFiles(dir) : '',
  })
  return { name: `badge-ide-diagnostics-${at.slice(0, 19).replace(/[:T]/g, '-')}.txt`, text }
}
