/**
 * A serialport binding that sits between the client and a real far end (the QEMU micro:bit's pty
 * through the native binding) and misbehaves on purpose: one byte at a time, delays, noise before
 * the prompt, a cut link, or a callback when N bytes have gone to the device (to kill it mid-write).
 */
import type {
  BindingInterface,
  BindingOpenOptions,
  BindingPortInterface,
  BindingSetOptions,
} from '../../src/main/services/device/binding-types'

/** What the relay does to the traffic. All optional; the default passes bytes through. */
export interface FaultPlan {
  /** Deliver device→host bytes one per read. */
  oneByteReads?: boolean
  /** Send host→device bytes one per write. */
  oneByteWrites?: boolean
  /** Delay (ms) before each read returns and each write is passed on. */
  delayMs?: number
  /** Bytes the "device" appears to send right after open, before anything real. */
  noiseOnOpen?: Uint8Array
  /** Called once when this many bytes have gone host→device (e.g. kill QEMU mid-write). */
  onBytesToDevice?: { after: number; run: () => void | Promise<void> }
}

/** Control over a relay's open port. */
export interface FaultRelay {
  binding: BindingInterface
  /** Bytes sent host→device so far. */
  readonly bytesToDevice: number
  /** Cuts the link as an unplug would: reads fail with a non-cancel error, writes fail. */
  cut(): void
  /** Silently loses one host→device byte, `after` bytes from now (a UART overrun). */
  dropOneByte(after: number): void
  /** Bytes lost so far by {@link dropOneByte}. */
  readonly dropped: number
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Wraps `inner` with the faults of `plan`. */
export function createFaultRelay(inner: BindingInterface, plan: FaultPlan): FaultRelay {
  let sent = 0
  let fired = false
  let cutNow = false
  let rejectCut: ((e: Error) => void) | undefined
  let dropAt = -1
  let dropped = 0
  const cutError = () => Object.assign(new Error('relay: link cut (device unplugged)'), { disconnect: true })

  class RelayPort implements BindingPortInterface {
    private noise: Buffer
    constructor(private readonly port: BindingPortInterface) {
      this.noise = Buffer.from(plan.noiseOnOpen ?? [])
    }
    get openOptions() {
      return this.port.openOptions
    }
    get isOpen() {
      return this.port.isOpen && !cutNow
    }
    async close() {
      await this.port.close().catch(() => undefined)
    }
    async read(buffer: Buffer, offset: number, length: number) {
      if (cutNow) throw cutError()
      if (plan.delayMs) await sleep(plan.delayMs)
      const max = plan.oneByteReads ? 1 : length
      if (this.noise.length) {
        const n = this.noise.copy(buffer, offset, 0, Math.min(max, this.noise.length))
        this.noise = this.noise.subarray(n)
        return { buffer, bytesRead: n }
      }
      const cut = new Promise<never>((_, reject) => (rejectCut = reject))
      try {
        return await Promise.race([this.port.read(buffer, offset, max), cut])
      } finally {
        rejectCut = undefined
      }
    }
    async write(buffer: Buffer) {
      let data = buffer
      if (dropAt >= sent && dropAt < sent + buffer.length) {
        const i = dropAt - sent
        data = Buffer.concat([buffer.subarray(0, i), buffer.subarray(i + 1)])
        dropAt = -1
        sent++
        dropped++
      }
      const pieces = plan.oneByteWrites ? Array.from(data, (b) => Buffer.of(b)) : [data]
      for (const p of pieces) {
        if (cutNow) throw cutError()
        if (plan.delayMs) await sleep(plan.delayMs)
        await this.port.write(p)
        sent += p.length
        if (!fired && plan.onBytesToDevice && sent >= plan.onBytesToDevice.after) {
          fired = true
          await plan.onBytesToDevice.run()
        }
      }
    }
    update(o: { baudRate: number }) {
      return this.port.update(o)
    }
    set(o: BindingSetOptions) {
      return this.port.set(o)
    }
    get() {
      return this.port.get()
    }
    getBaudRate() {
      return this.port.getBaudRate()
    }
    flush() {
      return this.port.flush()
    }
    drain() {
      return this.port.drain()
    }
  }

  let open: RelayPort | undefined
  return {
    binding: {
      list: () => inner.list(),
      async open(options: BindingOpenOptions) {
        open = new RelayPort(await inner.open(options))
        return open
      },
    },
    get bytesToDevice() {
      return sent
    },
    dropOneByte(after: number) {
      dropAt = sent + after
    },
    get dropped() {
      return dropped
    },
    cut() {
      cutNow = true
      rejectCut?.(cutError())
      void open?.close()
    },
  }
}
