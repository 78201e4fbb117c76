import { SerialPort } from '/work/main/node_modules/serialport/dist/index.js'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startMicrobit } from '/work/main/test/helpers/qemu-microbit'
import { SerialTransport } from '/work/main/src/main/services/device/serial-transport'
import { DeviceSession } from '/work/main/src/main/services/device/device-session'
import { SerialTarget } from '/work/main/src/main/services/deploy/serial-target'
import { prepareDeploy, executeDeploy } from '/work/main/src/main/services/deploy/deployer'
const root = mkdtempSync(path.join(os.tmpdir(), 'x-'))
for (let i = 0; i < 20; i++) {
  const rel = i === 0 ? 'apps/bench/__init__.py' : i % 5 === 0 ? `apps/bench/b${i}.bin` : `apps/bench/m${i}.py`
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  writeFileSync(path.join(root, rel), rel.endsWith('.bin') ? Uint8Array.from({ length: 600 }, (_, k) => (k * 131 + i) & 255) : `# m ${i}\nx = "${'abcdefghij'.repeat(56)}"\n`)
}
const q = await startMicrobit()
try {
  const s = await DeviceSession.open(await SerialTransport.open({ binding: SerialPort.binding, path: q.path }))
  for (const mode of ['stream', 'batch', 'stream', 'batch', 'stream', 'batch']) {
    await s.exec("import os\nfor n in os.listdir():\n os.remove(n)\n")
    const t = new SerialTarget(s)
    if (mode === 'batch') Object.defineProperty(t, 'batches', { get: () => true })
    const prep = await prepareDeploy(t, { root, app: 'bench' })
    const t0 = Date.now()
    const r = await executeDeploy(t, prep)
    console.log(mode, Date.now() - t0, r.status, r.error?.detail ?? '')
  }
  await s.close()
} finally { await q.stop() }
