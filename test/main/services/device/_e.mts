import { SerialPort } from 'serialport'
import { startMicrobit } from '../../../helpers/qemu-microbit'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { DeviceSession } from '../../../../src/main/services/device/device-session'
const q = await startMicrobit()
try {
  const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
  const s = await DeviceSession.open(t)
  const origExec = s.repl.exec.bind(s.repl)
  let log = false
  s.repl.exec = async (code: any, o?: any) => { const r = await origExec(code, o); if (log) console.log('EXEC', JSON.stringify(String(code).slice(0, 80)), '->', JSON.stringify(r.stdout.slice(0, 60)), JSON.stringify(r.stderr.slice(-80))); return r }
  await s.writeFile('/rx.bin', new Uint8Array(256).map((_, i) => i), { method: 'receiver' })
  log = true
  try { await s.writeFile('/full.txt', new Uint8Array(40000).fill(0x61)) } catch (e) { console.log('ERR', (e as any).code, (e as any).detail) }
  await s.close()
} finally { await q.stop() }
