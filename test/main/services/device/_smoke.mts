import { SerialPort } from 'serialport'
import { startMicrobit } from '../../../helpers/qemu-microbit'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
const q = await startMicrobit()
console.log('booted', q.path)
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  console.log(s.capabilities)
  console.log(await s.exec('print(1+1)\nprint("é"*3)'))
  console.log(await s.exec('1/0'))
  console.log(await s.listTree())
  const data = new Uint8Array(256).map((_, i) => i)
  let t0 = Date.now()
  console.log(await s.writeFile('/all.bin', data), Date.now() - t0)
  const back = await s.readFile('/all.bin')
  console.log(Buffer.compare(Buffer.from(back), Buffer.from(data)))
  const big = new Uint8Array(8192).map((_, i) => (i * 7) & 255)
  t0 = Date.now()
  console.log(await s.writeFile('/big.bin', big), Date.now() - t0)
  t0 = Date.now()
  console.log(await s.writeFile('/big2.bin', big, { method: 'literal' }), Date.now() - t0)
  console.log(await s.listTree())
  await s.close()
} finally {
  await q.stop()
}
