/**
 * Owns the connection to one device for the IDE and the CLI: lists ports, connects (serial or the
 * virtual badge through an injected binding factory), keeps the state, and turns output, progress
 * and unplugs into events through an injected `emit`. Operations go to the {@link DeviceSession}.
 */
import { createVirtualBadgeBinding, virtualBadgeButton } from '../../emulator/virtual-badge'
import { BUTTON_BITS, type BadgeButtonName } from '../../../shared/badge-buttons'
import type { BindingInterface } from './binding-types'
import { SerialPort } from 'serialport'
import type { DeviceState, PortInfo } from '../../../shared/ipc/domains/device'
import { CodedError, isCodedError } from '../../../shared/ipc/result'
import { listPorts, VIRTUAL_PORT_PATH } from './port-list'
import { DeviceSession, type SessionOptions } from './device-session'
import type { ExecResult } from './raw-repl'
import { SerialTransport } from './serial-transport'

/** Device events, structurally the app's `Emit` restricted to the device channels. */
export type DeviceEmit = {
  (channel: 'device:state', payload: DeviceState): void
  (channel: 'device:output', payload: { data: string; stream: 'stdout' | 'stderr' | 'repl' }): void
  (channel: 'device:progress', payload: { path: string; done: number; total: number }): void
}

/** Returns the binding that opens `path`. */
export type BindingFactory = (path: string) => BindingInterface | Promise<BindingInterface>

/** Options of {@link DeviceManager}. */
export interface DeviceManagerOptions {
  emit?: DeviceEmit
  /** Binding per path; default: the native serialport binding, and the virtual badge for "virtual". */
  bindingFor?: BindingFactory
  /** Binding used for listing ports (default: native). */
  listBinding?: BindingInterface
  /** Creates the virtual badge's binding (default: the emulator's, loaded lazily). */
  virtualBinding?: () => Promise<BindingInterface>
  /** Passed to every session (timeouts, pacing, softReset). */
  session?: SessionOptions
}

/** What the window sees of the virtual badge besides its serial link. */
export interface VirtualBadgeHooks {
  /** A frame an app run on the virtual badge drew (160×120 RGBA, a fresh array each time). */
  onFrame?(rgba: Uint8Array, frame: number): void
}

/**
 * Loads the emulator's virtual badge binding on first use, so the serial stack never pulls in the
 * interpreter unless asked. Its flash lives in `dir` (default: the emulator's per-user folder).
 * Fails with `VIRTUAL_UNAVAILABLE` when the emulator cannot be loaded.
 */
export async function loadVirtualBinding(
  dir: string | undefined = process.env['BADGE_IDE_VIRTUAL_DIR'],
  hooks: VirtualBadgeHooks = {},
): Promise<BindingInterface> {
  try {
    return createVirtualBadgeBinding({ ...(dir === undefined ? {} : { dir }), ...(hooks.onFrame ? { onFrame: hooks.onFrame } : {}) })
  } catch (e) {
    throw new CodedError('VIRTUAL_UNAVAILABLE', (e as Error).message)
  }
}

/**
 * Presses (`down`) or releases a button of the virtual badge whose flash is `dir`, open through
 * the IDE's connection or shared on a pseudo-terminal. `NOT_CONNECTED` when it is not open.
 */
export function virtualButton(dir: string, button: BadgeButtonName, down: boolean): void {
  if (!virtualBadgeButton(dir, BUTTON_BITS[button], down)) throw new CodedError('NOT_CONNECTED', 'the virtual badge is not open: connect to it (or share it) first')
}

const noEmit: DeviceEmit = () => undefined

/** One device connection at a time, with state and events. */
export class DeviceManager {
  private current: DeviceSession | undefined
  private stateNow: DeviceState = { status: 'disconnected' }
  private readonly emit: DeviceEmit
  private connecting: Promise<DeviceState> | undefined

  constructor(private readonly opts: DeviceManagerOptions = {}) {
    this.emit = opts.emit ?? noEmit
  }

  /** The current state. */
  get state(): DeviceState {
    return this.stateNow
  }

  private setState(s: DeviceState): void {
    this.stateNow = s
    this.emit('device:state', s)
  }

  /** The connected session; throws `NOT_CONNECTED` when there is none. */
  get session(): DeviceSession {
    if (!this.current || this.current.transport.closed) throw new CodedError('NOT_CONNECTED')
    return this.current
  }

  /** Serial ports (badge first) plus the virtual badge. */
  listPorts(): Promise<PortInfo[]> {
    return listPorts(this.opts.listBinding ?? SerialPort.binding)
  }

  private async bindingFor(path: string): Promise<BindingInterface> {
    if (this.opts.bindingFor) return this.opts.bindingFor(path)
    if (path === VIRTUAL_PORT_PATH) return (this.opts.virtualBinding ?? loadVirtualBinding)()
    return SerialPort.binding
  }

  /**
   * Connects to `path` (a serial port path or "virtual"), replacing any current connection: opens
   * the port, takes over the REPL and probes capabilities. The state carries the probe result.
   */
  connect(path: string): Promise<DeviceState> {
    if (this.connecting) return Promise.reject(new CodedError('DEVICE_BUSY', 'already connecting'))
    this.connecting = this.doConnect(path).finally(() => {
      this.connecting = undefined
    })
    return this.connecting
  }

  private async doConnect(path: string): Promise<DeviceState> {
    await this.disconnect()
    this.setState({ status: 'connecting', port: path })
    let transport: SerialTransport | undefined
    try {
      transport = await SerialTransport.open({ binding: await this.bindingFor(path), path })
      const session = await DeviceSession.open(transport, this.opts.session)
      this.current = session
      session.onDisconnect((err) => {
        if (this.current !== session) return
        this.current = undefined
        this.setState(
          err ? { status: 'disconnected', port: path, error: { code: err.code, message: err.message } } : { status: 'disconnected' },
        )
      })
      const state: DeviceState = { status: 'connected', port: path, info: { ...session.capabilities } }
      this.setState(state)
      return state
    } catch (e) {
      await transport?.close().catch(() => undefined)
      const err = isCodedError(e) ? e : new CodedError('INTERNAL', (e as Error).message)
      this.setState({ status: 'error', port: path, error: { code: err.code, message: err.message } })
      throw err
    }
  }

  /** Disconnects (leaves the device in its friendly REPL). No-op when not connected. */
  async disconnect(): Promise<void> {
    const s = this.current
    if (!s) return
    this.current = undefined
    await s.close().catch(() => undefined)
    this.setState({ status: 'disconnected' })
  }

  private async withStatus<T>(status: DeviceState['status'], fn: (s: DeviceSession) => Promise<T>): Promise<T> {
    const s = this.session
    const base = this.stateNow
    this.setState({ ...base, status })
    return fn(s).finally(() => {
      if (this.current === s) this.setState({ ...this.stateNow, status: 'connected', repl: s.replActive })
    })
  }

  /** Runs code, streaming stdout/stderr as `device:output`; state is "running" meanwhile. */
  exec(code: string, timeoutMs = Infinity): Promise<ExecResult> {
    return this.withStatus('running', (s) =>
      s.exec(code, {
        timeoutMs,
        onStdout: (data) => this.emit('device:output', { data, stream: 'stdout' }),
        onStderr: (data) => this.emit('device:output', { data, stream: 'stderr' }),
      }),
    )
  }

  /** Stops running code. */
  async interrupt(): Promise<void> {
    return this.session.interrupt()
  }

  /** Soft reset. */
  softReset(): Promise<void> {
    return this.withStatus('busy', (s) => s.softReset())
  }

  /** Attaches the friendly REPL; its bytes arrive as `device:output` with stream "repl". */
  async replStart(): Promise<void> {
    const s = this.session
    const decoder = new TextDecoder('utf-8')
    await s.startRepl((d) => this.emit('device:output', { data: decoder.decode(d, { stream: true }), stream: 'repl' }))
    this.setState({ ...this.stateNow, repl: true })
  }

  /** Sends keystrokes to the friendly REPL. */
  async replInput(data: string): Promise<void> {
    return this.session.writeRepl(data)
  }

  /** Detaches the friendly REPL. */
  replStop(): void {
    if (!this.current) return
    this.current.stopRepl()
    this.setState({ ...this.stateNow, repl: false })
  }

  private writeAbort: AbortController | undefined

  /** Writes a file with `device:progress` events; {@link cancelWrite} stops it (CANCELLED, the old file stays). */
  async writeFile(path: string, data: Uint8Array) {
    const abort = new AbortController()
    this.writeAbort = abort
    try {
      return await this.withStatus('busy', (s) => s.writeFile(path, data, { signal: abort.signal, onProgress: (done, total) => this.emit('device:progress', { path, done, total }) }))
    } finally {
      if (this.writeAbort === abort) this.writeAbort = undefined
    }
  }

  /** Stops the file write in progress, if any (between execs; its partial copy is removed). */
  cancelWrite(): void {
    this.writeAbort?.abort()
  }

  /** Closes everything (app quit). */
  dispose(): Promise<void> {
    return this.disconnect()
  }
}

/**
 * Opens a session on `path` for one job (the CLI), runs `fn` and always closes the link, leaving
 * the device in its friendly REPL.
 */
export async function withDeviceSession<T>(path: string, fn: (s: DeviceSession) => Promise<T>, opts: DeviceManagerOptions = {}): Promise<T> {
  const m = new DeviceManager(opts)
  await m.connect(path)
  try {
    return await fn(m.session)
  } finally {
    await m.disconnect()
  }
}
