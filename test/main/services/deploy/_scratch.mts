import { SerialPort } from '/work/main/node_modules/serialport/dist/index.js'
import { startMicrobit } from '/work/main/test/helpers/qemu-microbit'
import { SerialTransport } from '/work/main/src/main/services/device/serial-transport'
import { DeviceSession } from '/work/main/src/main/services/device/device-session'
const q = await startMicrobit()
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  console.log(s.capabilities.memFree)
  for (const n of [400, 800, 1000, 1200, 1400, 2000]) {
    const code = `x=b'${'a'.repeat(n)}'\nprint(len(x))\n`
    const t0 = Date.now()
    try { const r = await s.exec(code); console.log(n, JSON.stringify(r.stdout), r.stderr.slice(-80), Date.now()-t0) } catch (e) { console.log(n, 'ERR', (e as Error).message.slice(0, 200)); break }
  }
  await s.close()
} finally { await q.stop() }
