import { SerialPort } from 'serialport'
import { startMicrobit } from '../../../helpers/qemu-microbit'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
const q = await startMicrobit()
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  const data = new Uint8Array(2048).map((_, i) => (i * 7) & 255)
  for (const c of [32, 56, 56, 60]) {
    const t0 = Date.now()
    try {
      const r = await s.writeFile('/a', data, { chunkSize: c })
      const ms = Date.now() - t0
      const back = await s.readFile('/a')
      console.log(c, ms, 'ms', Buffer.compare(Buffer.from(back), Buffer.from(data)))
    } catch (e) { console.log(c, 'ERR', Date.now() - t0, (e as Error).message.slice(0, 200)) }
  }
  for (const [c, d] of [[256, 10], [128, 10], [64, 5], [48, 2], [32, 1]]) {
    s.repl.setPlainPacing(c, d)
    const t0 = Date.now()
    try {
      await s.writeFile('/a', data, { method: 'literal' })
      console.log('literal', c, d, Date.now() - t0)
    } catch (e) { console.log('literal', c, d, 'ERR', Date.now() - t0, (e as Error).message.slice(0, 200)) }
  }
  let t0 = Date.now()
  for (let i = 0; i < 10; i++) await s.exec('pass')
  console.log('exec rtt', (Date.now() - t0) / 10)
  t0 = Date.now()
  const r = await s.exec("print('x'*2000)")
  console.log('print 4000', Date.now() - t0, r.stdout.length)
  await s.close()
} finally {
  await q.stop()
}
