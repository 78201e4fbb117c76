/**
 * The stats round trip (one exec gathering memory, storage, network and system) against a bare exec
 * round trip (`pass`), measured in the same run on the QEMU micro:bit and on the virtual badge.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createVirtualBadgeBinding } from '../src/main/emulator/virtual-badge'
import type { BindingInterface } from '../src/main/services/device/binding-types'
import { SerialPort } from 'serialport'
import { startMicrobit } from '../test/helpers/qemu-microbit'
import { DeviceSession } from '../src/main/services/device/device-session'
import { SerialTransport } from '../src/main/services/device/serial-transport'
import { readStats } from '../src/main/services/stats/stats-reader'

async function measure(label: string, session: DeviceSession): Promise<void> {
  const bare = await meanMs(30, () => session.exec('pass'))
  const stats = await meanMs(30, () => readStats(session))
  console.log(label)
  console.log(`  bare exec round trip   ${bare.toFixed(1)} ms`)
  console.log(`  stats round trip       ${stats.toFixed(1)} ms   (${(stats / bare).toFixed(1)}x a bare exec; one exec for every field)`)
}

async function meanMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await fn()
  return (performance.now() - t0) / n
}

export default async function statsBench(): Promise<void> {
  const qemu = await startMicrobit()
  try {
    const session = await DeviceSession.open(await SerialTransport.open({ binding: SerialPort.binding, path: qemu.path }))
    try {
      await measure('QEMU micro:bit (MicroPython 1.9.2)', session)
    } finally {
      await session.close()
    }
  } finally {
    await qemu.stop()
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vbadge-stats-'))
  try {
    const binding = createVirtualBadgeBinding({ dir }) as unknown as BindingInterface
    const session = await DeviceSession.open(await SerialTransport.open({ binding, path: 'virtual' }))
    try {
      await measure('virtual badge (MicroPython 1.27, WebAssembly)', session)
    } finally {
      await session.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
