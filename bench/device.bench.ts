/**
 * Device link speed against a real MicroPython firmware (the QEMU micro:bit, MicroPython 1.9.2, no
 * raw-paste). Write throughput for 1 KB, 4 KB and the largest file the device holds, for Python
 * source and for binary, as a ratio against the plain raw-REPL method measured in the same run
 * (mpremote's fallback: one exec per 256 data bytes as a bytes literal, code sent 256 bytes per
 * 10 ms); the exec round trip; and how close the write comes to the link's own limit (a bulk
 * print device→host, against our wire bytes per second host→device).
 */
import { SerialPort } from 'serialport'
import { startMicrobit } from '../test/helpers/qemu-microbit'
import { DeviceSession } from '../src/main/services/device/device-session'
import { SerialTransport } from '../src/main/services/device/serial-transport'
import { pyBytes, pyStr } from '../src/shared/protocol/python-literal'

const now = () => performance.now()

/** Python-source-like text of `n` bytes. */
function sourceBytes(n: number): Uint8Array {
  const line = 'def update(frame):\n    screen.text("héllo", 10, 20)  # draw\n'
  return Buffer.from(line.repeat(Math.ceil(n / line.length)).slice(0, n), 'utf8').subarray(0, n)
}

/** Incompressible bytes (like PNG data). */
function binaryBytes(n: number): Uint8Array {
  let x = 12345
  return new Uint8Array(n).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24))
}

/**
 * The baseline: mpremote's plain-raw fallback writer. QEMU's UART has no flow control, so a 256-byte
 * burst often overruns the firmware's 64-byte receive ring; such a run fails (an error, a timeout or a
 * wrong file) and is tried again. `ms` is the successful attempt alone; `totalMs` adds the failed
 * attempts up to the moment each failure showed (what a user of that method waits for a good file).
 */
async function plainWrite(s: DeviceSession, name: string, data: Uint8Array): Promise<{ ms: number; totalMs: number; failures: number }> {
  const repl = s.repl
  const pacing = repl.plainPacing
  repl.setPlainPacing(256, 10)
  let failures = 0
  let failedMs = 0
  try {
    for (;;) {
      const t0 = now()
      try {
        await repl.exec(`f=open(${pyStr(name)},'wb')\nw=f.write`)
        for (let i = 0; i < data.length; i += 256) {
          const r = await repl.exec(`w(${pyBytes(data.subarray(i, i + 256))})`)
          if (r.stderr) throw new Error(r.stderr)
        }
        await repl.exec('f.close()\ndel f,w')
        const ms = now() - t0
        // Checked outside the timing: the baseline gets no verification cost.
        const back = await s.readFile('/' + name)
        if (Buffer.from(back).equals(Buffer.from(data))) return { ms, totalMs: failedMs + ms, failures }
        failedMs += ms
        throw new Error('read-back mismatch')
      } catch (e) {
        if ((e as Error).message !== 'read-back mismatch') failedMs += now() - t0
        if (++failures >= 25) throw new Error('plain method failed 25 times in a row', { cause: e })
        // Back in step before the next attempt's clock starts: the resync is not the method's cost.
        repl.markUnknown()
        await repl.ensureRaw().catch(() => undefined)
      }
    }
  } finally {
    repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
  }
}

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b)
  const m = v.length >> 1
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2
}

async function timeIt(fn: () => Promise<unknown>, runs = 2): Promise<number> {
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const t0 = now()
    await fn()
    best = Math.min(best, now() - t0)
  }
  return best
}

export default async function deviceBench(): Promise<void> {
  const q = await startMicrobit()
  try {
    const t = await SerialTransport.open({ binding: SerialPort.binding, path: q.path })
    const s = await DeviceSession.open(t)
    for (const e of await s.listDir('/')) await s.remove(e.path)

    // The largest file this filesystem takes (its size depends on the firmware build).
    let largest = 0
    for (const kb of [20, 18, 16, 15, 14, 13, 12, 11, 10, 9, 8]) {
      try {
        await s.writeFile('/probe.bin', sourceBytes(kb * 1024))
        // A margin below the limit: the filesystem's free space varies with fragmentation.
        largest = (kb - 1) * 1024
        break
      } catch {
        await s.remove('/probe.bin').catch(() => undefined)
      }
    }
    await s.remove('/probe.bin').catch(() => undefined)
    console.log(`device: ${s.capabilities.firmware}`)
    console.log(`raw-paste: ${s.capabilities.rawPaste ? 'yes' : 'no (plain raw fallback)'}; write method: ${s.capabilities.modules.binascii ? 'base64 (binascii)' : 'bytes literals for text, base64 through a Python decoder for binary'}; largest file: ${largest} B`)

    const rows: string[] = []
    let ourBest = 0
    for (const [kind, make] of [['source', sourceBytes], ['binary', binaryBytes]] as const) {
      for (const size of [1024, 4096, largest]) {
        const data = make(size)
        // Both methods take turns, several times, and each is summed up by its median: the machine
        // is shared and QEMU's timing jitters, so one lucky or unlucky run must not decide the ratio.
        const runs = size <= 4096 ? 7 : 3
        const baseMs: number[] = []
        const baseTotalMs: number[] = []
        const ourMs: number[] = []
        let baseFailures = 0
        for (let i = 0; i < runs; i++) {
          const b = await plainWrite(s, 'base.bin', data)
          baseMs.push(b.ms)
          baseTotalMs.push(b.totalMs)
          baseFailures += b.failures
          // The largest file fits the filesystem once: the other method's copy goes first (untimed).
          await s.remove('/base.bin')
          await s.remove('/ours.bin').catch(() => undefined)
          const t0 = now()
          await s.writeFile('/ours.bin', data)
          ourMs.push(now() - t0)
          if (i < runs - 1) await s.remove('/ours.bin')
        }
        const base = median(baseMs)
        const ours = median(ourMs)
        const back = await s.readFile('/ours.bin')
        if (!Buffer.from(back).equals(Buffer.from(data))) throw new Error(`read-back mismatch for ${kind} ${size}`)
        await s.remove('/ours.bin')
        const bps = size / (ours / 1000)
        ourBest = Math.max(ourBest, bps)
        const range = `${(Math.min(...baseMs) / Math.max(...ourMs)).toFixed(1)}–${(Math.max(...baseMs) / Math.min(...ourMs)).toFixed(1)}x`
        const baseTotal = median(baseTotalMs)
        rows.push(
          `  ${kind.padEnd(6)} ${String(size).padStart(6)} B: ${Math.round(bps).toString().padStart(6)} B/s (verified)  vs plain's good runs ${Math.round(size / (base / 1000)).toString().padStart(6)} B/s  → ${(base / ours).toFixed(2)}x (medians of ${runs}; extremes ${range}); vs plain until a good file → ${(baseTotal / ours).toFixed(2)}x (plain failed ${baseFailures} times in ${runs} files)`,
        )
      }
    }
    console.log('write throughput (ours vs the plain 256 B / 10 ms raw method, same run, interleaved; ours always ends in a verified file):')
    for (const r of rows) console.log(r)

    const rx = binaryBytes(4096)
    try {
      const rxMs = await timeIt(() => s.writeFile('/rx.bin', rx, { method: 'receiver' }), 1)
      await s.remove('/rx.bin')
      console.log(`  (raw receiver, kbd_intr off, ACK per 56 B over the micro:bit UART: ${Math.round(4096 / (rxMs / 1000))} B/s for 4 KB binary)`)
    } catch (e) {
      // Requested explicitly, the receiver has no fallback: its code can arrive damaged like any other.
      console.log(`  (raw receiver: this run's attempt failed: ${(e as Error).message})`)
    }

    const n = 50
    const t0 = now()
    for (let i = 0; i < n; i++) await s.exec('pass')
    const rtt = (now() - t0) / n
    console.log(`exec round trip: ${rtt.toFixed(2)} ms (mean of ${n})`)

    // The link's own limit: a bulk print device→host. (Bulk code host→device cannot be timed the
    // same way: without raw-paste there is no flow control, and bursts beyond the firmware's 64-byte
    // receive ring are lost.) Our wire rate while writing the largest binary file, for comparison.
    const outMs = await timeIt(() => s.exec("for i in range(8):\n print('y'*500)"), 3)
    const linkOut = (8 * 502) / (outMs / 1000)
    const big = binaryBytes(largest)
    const w0 = s.transport.bytesWritten
    const wt0 = now()
    await s.writeFile('/wire.bin', big)
    const wireRate = (s.transport.bytesWritten - w0) / ((now() - wt0) / 1000)
    await s.remove('/wire.bin')
    console.log(`link limit (bulk print, device→host): ${Math.round(linkOut)} B/s`)
    console.log(
      `largest binary write: ${Math.round(wireRate)} wire B/s host→device = ${((wireRate / linkOut) * 100).toFixed(0)}% of the link limit; best payload rate ${Math.round(ourBest)} B/s = ${((ourBest / linkOut) * 100).toFixed(0)}%`,
    )
    await s.close()
  } finally {
    await q.stop()
  }
}
