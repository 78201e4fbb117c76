import { SerialPort } from 'serialport'
import { startMicrobit } from '../../../helpers/qemu-microbit'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
const q = await startMicrobit()
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  for (const [name, data] of [['a', Buffer.from('hello world\n'.repeat(30))], ['b', new Uint8Array(256).map((_, i) => i)]] as const) {
    try {
      const t0 = Date.now()
      console.log(await s.writeFile('/' + name, data, { chunkSize: 64 }), Date.now() - t0)
    } catch (e) { console.log('ERR', (e as Error).message.slice(0, 400)) }
  }
  console.log(await s.listTree())
  await s.close()
} finally {
  await q.stop()
}
