/**
 * A serialport binding that sits between the client and a real far end (the QEMU micro:bit's pty
 * through the native binding, or the virtual badge) and misbehaves on purpose: one byte at a time,
 * delays, noise before the prompt, a cut link, or a callback when N bytes have gone to the device
 * (to kill it mid-write).
 *
 * With `latencyMs`, `jitterMs` or `deliverBytes` it behaves like a network serial bridge or a
 * Bluetooth link: bytes in both directions travel in deliveries of at most `deliverBytes`, each
 * arriving `latencyMs` plus up to `jitterMs` after it was sent, in order (the link's throughput is
 * not bounded by its latency, as on a real bridge).
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
  /** One-way delay (ms) of every delivery, both directions (pipelined: throughput stays). */
  latencyMs?: number
  /** Up to this much more (ms), random per delivery; order is kept. */
  jitterMs?: number
  /** At most this many bytes per delivery, both directions. */
  deliverBytes?: number
  /** Cuts the link (as {@link FaultRelay.cut}) once this many bytes have reached the device. */
  cutAfterBytes?: number
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
  /** Cuts the link once `after` more bytes have reached the device. */
  cutAfter(after: number): void
  /** Silently loses one host→device byte, `after` bytes from now (a UART overrun). */
  dropOneByte(after: number): void
  /** Bytes lost so far by {@link dropOneByte}. */
  readonly dropped: number
  /** True once the link was cut. */
  readonly isCut: boolean
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
  let cutAt = plan.cutAfterBytes ?? Infinity
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
      for (let p of pieces) {
        if (cutNow) throw cutError()
        if (plan.delayMs) await sleep(plan.delayMs)
        if (sent + p.length >= cutAt) p = p.subarray(0, cutAt - sent)
        await this.port.write(p)
        sent += p.length
        if (sent >= cutAt) {
          relay.cut()
          throw cutError()
        }
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

  /** One delivery on its way: bytes and when they arrive. */
  interface Delivery {
    at: number
    data: Buffer
  }
  const deliverBytes = plan.deliverBytes ?? Infinity
  let lastUp = 0
  let lastDown = 0
  const arrival = (last: number) => Math.max(last, Date.now() + (plan.latencyMs ?? 0) + Math.random() * (plan.jitterMs ?? 0))

  /** The bridge-like link: both directions queued and delivered on their own clocks. */
  class PipelinedPort extends RelayPort {
    private readonly down: Delivery[] = []
    private readonly up: Delivery[] = []
    private wakeRead: (() => void) | undefined
    private upRunning: Promise<void> | undefined
    private closedNow = false
    constructor(private readonly farPort: BindingPortInterface) {
      super(farPort)
      void this.pump()
    }
    /** Reads the far end continuously and schedules what it sends. */
    private async pump() {
      const buf = Buffer.alloc(4096)
      while (!this.closedNow && !cutNow) {
        let n: number
        try {
          n = (await this.farPort.read(buf, 0, buf.length)).bytesRead
        } catch {
          break
        }
        for (let i = 0; i < n; i += Math.min(n, deliverBytes)) {
          lastDown = arrival(lastDown)
          this.down.push({ at: lastDown, data: Buffer.from(buf.subarray(i, Math.min(n, i + deliverBytes))) })
        }
        this.wakeRead?.()
      }
    }
    override async close() {
      this.closedNow = true
      this.wakeRead?.()
      await super.close()
    }
    override async read(buffer: Buffer, offset: number, length: number) {
      for (;;) {
        if (cutNow) throw cutError()
        if (this.closedNow) throw Object.assign(new Error('relay: port closed'), { canceled: true })
        const head = this.down[0]
        const wait = head ? head.at - Date.now() : Infinity
        if (head && wait <= 0) {
          const n = head.data.copy(buffer, offset, 0, Math.min(length, head.data.length))
          head.data = head.data.subarray(n)
          if (!head.data.length) this.down.shift()
          return { buffer, bytesRead: n }
        }
        await new Promise<void>((r) => {
          const t = wait === Infinity ? undefined : setTimeout(r, wait)
          this.wakeRead = () => {
            clearTimeout(t)
            r()
          }
          rejectCut = () => r()
        })
        this.wakeRead = undefined
      }
    }
    override async write(buffer: Buffer) {
      if (cutNow) throw cutError()
      for (let i = 0; i < buffer.length; i += deliverBytes) {
        lastUp = arrival(lastUp)
        this.up.push({ at: lastUp, data: Buffer.from(buffer.subarray(i, Math.min(buffer.length, i + deliverBytes))) })
      }
      this.upRunning ??= this.deliverUp().finally(() => (this.upRunning = undefined))
    }
    /** Hands queued host→device deliveries to the far end when they are due. */
    private async deliverUp() {
      while (this.up.length && !cutNow && !this.closedNow) {
        const d = this.up[0]!
        const wait = d.at - Date.now()
        if (wait > 0) await sleep(wait)
        this.up.shift()
        let data = d.data
        if (sent + data.length >= cutAt) data = data.subarray(0, cutAt - sent)
        await this.farPort.write(data).catch(() => undefined)
        sent += data.length
        if (sent >= cutAt) {
          relay.cut()
          return
        }
        if (!fired && plan.onBytesToDevice && sent >= plan.onBytesToDevice.after) {
          fired = true
          await plan.onBytesToDevice.run()
        }
      }
    }
    override async drain() {
      await this.upRunning
      if (cutNow) throw cutError()
    }
  }
  const pipelined = plan.latencyMs !== undefined || plan.jitterMs !== undefined || plan.deliverBytes !== undefined

  let open: RelayPort | undefined
  const relay: FaultRelay = {
    binding: {
      list: () => inner.list(),
      async open(options: BindingOpenOptions) {
        const port = await inner.open(options)
        open = pipelined ? new PipelinedPort(port) : new RelayPort(port)
        return open
      },
    },
    get bytesToDevice() {
      return sent
    },
    cutAfter(after: number) {
      cutAt = sent + after
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
    get isCut() {
      return cutNow
    },
  }
  return relay
}
