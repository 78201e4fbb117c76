/**
 * Deploy speed. On each device: the first deploy of a 20-file app, a redeploy with no change, and a
 * redeploy after one edit; baseline measured in the same run: copying the same files one by one with
 * the plain raw-REPL method (256 bytes per 10 ms, one exec per file, bytes literals).
 *
 * Devices: the QEMU micro:bit (MicroPython 1.9.2; its filesystem holds ~30 KB, so the app is scaled
 * down to 20 files of ~600 bytes) and the virtual badge (20 files, ~200 KB) when the emulator build
 * provides it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SerialPort } from 'serialport'
import type { BindingInterface } from '../src/main/services/device/binding-types'
import { startMicrobit } from '../test/helpers/qemu-microbit'
import { DeviceSession } from '../src/main/services/device/device-session'
import { SerialTransport } from '../src/main/services/device/serial-transport'
import { createDeployService } from '../src/main/services/deploy/deploy-service'
import { noDisk } from '../src/main/services/deploy/disk-detect'
import { layoutFor } from '../src/main/services/deploy/serial-target'
import { toDevicePath } from '../src/shared/deploy/layout'
import { pyBytes, pyStr } from '../src/shared/protocol/python-literal'

/** A project with `n` files of about `size` bytes in apps/bench (Python-ish text with some binary). */
function makeProject(n: number, size: number): { root: string; files: string[]; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-'))
  const files: string[] = []
  for (let i = 0; i < n; i++) {
    const rel = i === 0 ? 'apps/bench/__init__.py' : i % 5 === 0 ? `apps/bench/assets/b${i}.bin` : `apps/bench/m${i}.py`
    const abs = path.join(root, ...rel.split('/'))
    mkdirSync(path.dirname(abs), { recursive: true })
    const data = rel.endsWith('.bin')
      ? Uint8Array.from({ length: size }, (_, k) => (k * 131 + i) & 255)
      : Buffer.from(`# module ${i}\n` + `x${i} = ${'"' + 'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size - 40) + '"'}\n`)
    writeFileSync(abs, data)
    files.push(rel)
  }
  return { root, files, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

async function open(binding: BindingInterface, p: string, extra: Parameters<typeof DeviceSession.open>[1] = {}): Promise<DeviceSession> {
  return DeviceSession.open(await SerialTransport.open({ binding, path: p }), { timeouts: { exec: 30_000 }, ...extra })
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const v = await fn()
  return [performance.now() - t0, v]
}

/** The baseline: one exec per file in plain raw mode, 256 bytes per 10 ms, data as a bytes literal. */
async function plainCopy(session: DeviceSession, root: string, files: string[]): Promise<number> {
  const { readFileSync } = await import('node:fs')
  const layout = layoutFor(session)
  const [ms] = await timed(async () => {
    for (const rel of files) {
      const dev = toDevicePath(rel, layout)
      const name = layout.flat ? dev.slice(1) : dev
      const data = readFileSync(path.join(root, ...rel.split('/')))
      const dir = layout.flat ? '' : name.slice(0, name.lastIndexOf('/'))
      const mk = dir ? `import os\np=''\nfor c in ${pyStr(dir)}.split('/')[1:]:\n p+='/'+c\n try:\n  os.mkdir(p)\n except OSError:\n  pass\n` : ''
      const r = await session.exec(`${mk}f=open(${pyStr(name)},'wb')\nf.write(${pyBytes(data)})\nf.close()\n`)
      if (r.stderr) throw new Error(`baseline copy of ${rel} failed: ${r.stderr}`)
    }
  })
  return ms
}

async function clearDevice(session: DeviceSession): Promise<void> {
  const r = await session.exec(
    "try:\n import os\nexcept ImportError:\n import uos as os\ndef _rm(d):\n try:\n  l=os.listdir(d) if d else os.listdir()\n except OSError:\n  return\n for n in l:\n  p=(d+'/'+n) if d else n\n  try:\n   os.remove(p)\n  except OSError:\n   _rm(p)\n   try:\n    os.rmdir(p)\n   except OSError:\n    pass\n" +
      "try:\n os.listdir('/system')\n _rm('/system/apps/bench')\nexcept Exception:\n for n in os.listdir():\n  if n.startswith('apps-bench-'):\n   os.remove(n)\n",
  )
  if (r.stderr) throw new Error(r.stderr)
}

async function benchDevice(label: string, connect: (plain: boolean) => Promise<DeviceSession>, n: number, size: number): Promise<void> {
  const proj = makeProject(n, size)
  let session = await connect(false)
  try {
    await clearDevice(session)
    const svc = createDeployService({ session: () => session, projectRoot: () => proj.root, detectDisk: noDisk })
    const [first, r1] = await timed(() => svc.deploy({ app: 'bench' }))
    if (r1.status !== 'done') throw new Error(`first deploy: ${JSON.stringify(r1.error)}`)
    const [same, r2] = await timed(() => svc.deploy({ app: 'bench' }))
    if (r2.status !== 'up-to-date') throw new Error('no-change redeploy was not up to date')
    writeFileSync(path.join(proj.root, 'apps/bench/m1.py'), '# edited\nx1 = 2\n')
    const [one, r3] = await timed(() => svc.deploy({ app: 'bench' }))
    if (r3.sent.length !== 1) throw new Error(`one-edit redeploy sent ${r3.sent.length}`)
    await clearDevice(session)
    await session.close()
    session = await connect(true)
    const base = await plainCopy(session, proj.root, proj.files)
    const kb = (r1.bytesSent / 1024).toFixed(1)
    console.log(`${label}: ${n} files, ${kb} KB`)
    console.log(`  first deploy            ${first.toFixed(0)} ms   (${(base / first).toFixed(2)}x faster than plain raw-REPL copy: ${base.toFixed(0)} ms; target >= 2x)`)
    console.log(`  no-change redeploy      ${same.toFixed(0)} ms   (${(first / same).toFixed(1)}x faster than the first deploy; target >= 20x; ${(base / same).toFixed(0)}x faster than the plain copy)`)
    console.log(`  one-edit redeploy       ${one.toFixed(0)} ms   (${(first / one).toFixed(1)}x faster than the first deploy)`)
    await clearDevice(session)
  } finally {
    await session.close().catch(() => undefined)
    proj.cleanup()
  }
}

export default async function deployBench(): Promise<void> {
  const qemu = await startMicrobit()
  try {
    await benchDevice(
      'QEMU micro:bit (MicroPython 1.9.2, flat 30 KB fs: scaled down to 20 x ~600 B)',
      (plain) => open(SerialPort.binding, qemu.path, plain ? { useRawPaste: false } : {}),
      20,
      600,
    )
  } finally {
    await qemu.stop()
  }
  let virtual: ((o: { dir: string }) => BindingInterface) | undefined
  try {
    const mod = (await import('../src/main/emulator/virtual-badge' as string)) as { createVirtualBadgeBinding?: (o: { dir: string }) => BindingInterface }
    virtual = mod.createVirtualBadgeBinding
  } catch {
    virtual = undefined
  }
  if (!virtual) {
    console.log('virtual badge: not available in this build (src/main/emulator/virtual-badge.ts missing); skipped')
    return
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vbadge-bench-'))
  try {
    const binding = virtual({ dir })
    await benchDevice(
      'virtual badge (20 files, ~200 KB)',
      (plain) => open(binding, 'virtual', plain ? { useRawPaste: false } : {}),
      20,
      10_000,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
