/**
 * A second real MicroPython for device tests: the official WebAssembly build's own REPL
 * (`replInit` / `replProcessChar`) behind a serialport binding. Unlike the micro:bit firmware it has
 * os.rename, folders, binascii and hashlib, so atomic writes, base64 transfers, SHA-256 checks and
 * recursive listings run against real firmware code. Its filesystem survives `unplug()` (the link
 * drops, the device keeps its state), so a test can reconnect and see what an interrupted write left.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BindingInterface, BindingOpenOptions, BindingPortInterface } from '../../../../src/main/services/device/binding-types'
import { DeviceManager } from '../../../../src/main/services/device/device-manager'

interface MicroPythonModule {
  replInit(): void
  replProcessCharWithAsyncify(c: number): Promise<number>
}

/** A running WebAssembly MicroPython with a binding to reach its REPL. */
export interface WasmFarEnd {
  binding: BindingInterface
  /** Drops the link like a pulled cable: the open port's reads fail; the interpreter and its files remain. */
  unplug(): void
  /** Rewrites what the host writes before the REPL sees it (a lossy link); unset for a clean one. */
  tamper: ((bytes: number[]) => number[]) | undefined
  /** Loses one byte, `offset` bytes after `marker` in the next write that holds it (once, as a full ring would). */
  loseOnce(marker: string, offset: number): void
  /** Bytes lost through {@link loseOnce} so far. */
  readonly lost: number
}

/** Boots the interpreter (about 1 s). One per test file: the build keeps a global Module. */
export async function startWasmFarEnd(): Promise<WasmFarEnd> {
  // The pinned npm build, imported by file URL (the package ships no type declarations).
  const pkg = createRequire(import.meta.url).resolve('@micropython/micropython-webassembly-pyscript/package.json')
  const { loadMicroPython } = (await import(pathToFileURL(join(dirname(pkg), 'micropython.mjs')).href)) as {
    loadMicroPython: (o: object) => Promise<MicroPythonModule>
  }
  let sink: ((b: number) => void) | undefined
  const mp = await loadMicroPython({ linebuffer: false, stdout: (d: Uint8Array) => d.forEach((b) => sink?.(b)), stderr: (d: Uint8Array) => d.forEach((b) => sink?.(b)) })
  let current: FarPort | undefined

  class FarPort implements BindingPortInterface {
    isOpen = true
    private queue: number[] = []
    private wake: (() => void) | undefined
    private failWith: Error | undefined
    private input: Promise<void> = Promise.resolve()
    constructor(readonly openOptions: Required<BindingOpenOptions>) {
      sink = (b) => {
        this.queue.push(b)
        this.wake?.()
      }
    }
    fail(e: Error) {
      this.failWith = e
      this.isOpen = false
      this.wake?.()
    }
    async close() {
      this.fail(Object.assign(new Error('Port is not open'), { canceled: true }))
    }
    async read(buffer: Buffer, offset: number, length: number) {
      while (this.queue.length === 0) {
        if (this.failWith) throw this.failWith
        await new Promise<void>((r) => (this.wake = r))
        this.wake = undefined
      }
      const n = Math.min(length, this.queue.length)
      buffer.set(this.queue.splice(0, n), offset)
      return { buffer, bytesRead: n }
    }
    write(buffer: Buffer) {
      if (this.failWith) return Promise.reject(this.failWith)
      let bytes = far.tamper ? far.tamper(Array.from(buffer)) : Array.from(buffer)
      // This build's raw-paste mode reads stdin in a blocking loop, which would freeze the process.
      // Answer the request the way a firmware without raw-paste does ("R\x00") instead.
      const req = Buffer.from(buffer).indexOf(Buffer.of(0x05, 0x41, 0x01))
      if (req >= 0) {
        bytes = [...bytes.slice(0, req), ...bytes.slice(req + 3)]
        this.input = this.input.then(() => {
          this.queue.push(0x52, 0x00)
          this.wake?.()
        })
      }
      // Characters are processed strictly in order; an exec runs to completion inside one call.
      this.input = this.input.then(async () => {
        for (const b of bytes) {
          if (this.failWith) return
          await mp.replProcessCharWithAsyncify(b)
        }
      })
      return this.input
    }
    async update() {}
    async set() {}
    async get() {
      return { cts: false, dsr: false, dcd: false }
    }
    async getBaudRate() {
      return { baudRate: this.openOptions.baudRate }
    }
    async flush() {}
    async drain() {}
  }

  mp.replInit()
  let lost = 0
  const far: WasmFarEnd = {
    binding: {
      list: async () => [],
      async open(options: BindingOpenOptions) {
        if (current?.isOpen) throw new Error('Error Resource temporarily unavailable Cannot lock port')
        current = new FarPort({ dataBits: 8, lock: true, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true, ...options } as Required<BindingOpenOptions>)
        return current
      },
    },
    unplug() {
      current?.fail(Object.assign(new Error('device unplugged (ENXIO)'), { disconnect: true }))
    },
    tamper: undefined,
    loseOnce(marker, offset) {
      far.tamper = (bytes) => {
        const at = Buffer.from(bytes).toString('latin1').indexOf(marker)
        if (at < 0) return bytes
        far.tamper = undefined
        lost++
        return [...bytes.slice(0, at + offset), ...bytes.slice(at + offset + 1)]
      }
    },
    get lost() {
      return lost
    },
  }
  return far
}

/** A far end and a device manager connected to it through the whole serial stack. */
export async function connectWasmFarEnd(): Promise<{ far: WasmFarEnd; m: DeviceManager }> {
  const far = await startWasmFarEnd()
  const m = new DeviceManager({ bindingFor: () => far.binding })
  await m.connect('wasm')
  return { far, m }
}
