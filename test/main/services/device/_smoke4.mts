import { SerialPort } from 'serialport'
import { startMicrobit } from '../../../helpers/qemu-microbit'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
const q = await startMicrobit()
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  const code = '#' + 'x'.repeat(2500) + '\nprint(1)\n'
  for (const [c, d] of [[256, 10], [4096, 0], [256, 10], [4096, 0], [128, 2], [64, 1]]) {
    s.repl.setPlainPacing(c, d)
    const t0 = performance.now()
    let r
    try { r = await s.exec(code) } catch (e) { console.log('ERR', (e as Error).message.slice(0,200)); continue }
    console.log(c, d, (performance.now() - t0).toFixed(1), 'ms', JSON.stringify(r.stdout), r.stderr.slice(-60))
  }
  s.repl.setPlainPacing(256, 10)
  const data = Buffer.from('def f(x):\n    return x * 2  # comment\n'.repeat(60))
  for (const c of [56, 56, 48, 40, 60]) {
    const t0 = performance.now()
    try { await s.writeFile('/a', data, { chunkSize: c }); console.log('rx', c, data.length, (performance.now() - t0).toFixed(1)) } catch (e) { console.log('ERR', (e as Error).message.slice(0,200)) }
  }
  const t0 = performance.now()
  await s.writeFile('/a', data, { method: 'literal' }); console.log('literal', data.length, (performance.now() - t0).toFixed(1))
  await s.close()
} finally {
  await q.stop()
}
