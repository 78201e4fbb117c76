/** Device link operations (serial badge or virtual badge). Owned by the device-link work. */
import { z } from 'zod'
import { BADGE_BUTTONS } from '../../badge-buttons'
import { bytes, event, op } from '../define'
import type { EmulatorFrame } from './emulator'

/** A serial port as listed, with what we recognise about it. */
export interface PortInfo {
  path: string
  manufacturer?: string
  serialNumber?: string
  vendorId?: string
  productId?: string
  /** 'badge' = Tufty 2350 family, 'micropython' = generic RP2 MicroPython, 'bootsel', 'virtual', 'other'. */
  kind: 'badge' | 'micropython' | 'bootsel' | 'virtual' | 'other'
  label: string
}

/** Connection state pushed to the renderer. */
export interface DeviceState {
  status: 'disconnected' | 'connecting' | 'connected' | 'busy' | 'running' | 'error'
  port?: string
  /** Capability probe result once connected (see DeviceCapabilities in the device service). */
  info?: Record<string, unknown>
  /** True while the friendly-REPL console is attached. */
  repl?: boolean
  error?: { code: string; message: string }
}

/** One entry of a device listing. */
export interface DeviceFileEntry {
  /** Absolute device path. */
  path: string
  name: string
  kind: 'file' | 'dir'
  size: number
}

/** What running code produced; `exception` is the device's last traceback line when it raised. */
export interface DeviceExecResult {
  stdout: string
  stderr: string
  exception?: { type: string; message: string }
}

/** A device file's content: text when it is UTF-8, else its bytes. */
export interface DeviceFileContent {
  path: string
  size: number
  binary: boolean
  text?: string
  bytes?: Uint8Array
}

/** What a device write did. */
export interface DeviceWriteResult {
  bytes: number
  /** Several small files per exec, pieces of code, or the raw-byte receiver. */
  method: 'batch' | 'pieces' | 'receiver'
  /** The check the device ran before the new file replaced the old one. */
  verifiedBy: 'sha256' | 'adler32'
}

/** A device path: absolute POSIX, checked again in main before it is quoted into Python. */
const devicePath = z.string().min(1).max(1024)

export const deviceOps = {
  'device:listPorts': op<PortInfo[]>()(z.object({}), 'Lists serial ports (plus the virtual badge), badge first.'),
  'device:connect': op<DeviceState>()(z.object({ path: z.string().min(1).max(1024) }), 'Connects to a port (or "virtual").'),
  'device:disconnect': op<void>()(z.object({}), 'Disconnects.'),
  'device:state': op<DeviceState>()(z.object({}), 'Current connection state.'),
  'device:exec': op<DeviceExecResult>()(
    z.object({ code: z.string().max(1_000_000), timeoutMs: z.number().positive().optional() }),
    'Runs code on the device; output also streams as device:output events. Without timeoutMs it runs until it ends or Stop.',
  ),
  'device:interrupt': op<void>()(z.object({}), 'Stops running code (Ctrl-C).'),
  'device:softReset': op<void>()(z.object({}), 'Soft-resets the device for a clean VM.'),
  'device:replStart': op<void>()(z.object({}), 'Attaches the friendly REPL to the console (device:output with stream "repl").'),
  'device:replInput': op<void>()(z.object({ data: z.string().max(65536) }), 'Sends keystrokes to the friendly REPL.'),
  'device:replStop': op<void>()(z.object({}), 'Detaches the friendly REPL.'),
  'device:listFiles': op<DeviceFileEntry[]>()(
    z.object({ path: devicePath.optional(), recursive: z.boolean().optional() }),
    'Lists a device folder (default "/"), recursively when asked.',
  ),
  'device:readFile': op<DeviceFileContent>()(z.object({ path: devicePath }), 'Reads a device file (text when UTF-8, else bytes).'),
  'device:writeFile': op<DeviceWriteResult>()(
    z.object({ path: devicePath, text: z.string().optional(), bytes: bytes().optional() }),
    'Writes a device file: temporary name then rename where possible, verified; progress as device:progress.',
  ),
  'device:cancelWrite': op<void>()(z.object({}), 'Stops the file write in progress: its partial copy is removed and the old file stays (the write answers CANCELLED).'),
  'device:deleteFile': op<void>()(z.object({ path: devicePath, recursive: z.boolean().optional() }), 'Deletes a device file (or folder, recursively).'),
  'device:mkdir': op<void>()(z.object({ path: devicePath }), 'Creates a device folder and its parents.'),
  'device:rename': op<void>()(z.object({ from: devicePath, to: devicePath }), 'Renames a device file or folder.'),
  'device:shareVirtual': op<{ path: string }>()(
    z.object({}),
    'Serves the virtual badge on a pseudo-terminal (mpremote, Thonny… open it like a board); the frames its apps draw still reach the window.',
  ),
  'device:unshareVirtual': op<void>()(z.object({}), 'Stops sharing the virtual badge.'),
  'device:press': op<void>()(z.object({ button: z.enum(BADGE_BUTTONS) }), "Holds one of the virtual badge's buttons down (while it is open: connected, or shared)."),
  'device:release': op<void>()(z.object({ button: z.enum(BADGE_BUTTONS) }), "Releases one of the virtual badge's buttons."),
}

export const deviceEvents = {
  'device:state': event<DeviceState>('Connection state changed.'),
  'device:output': event<{ data: string; stream: 'stdout' | 'stderr' | 'repl' }>('Text from the device (REPL or running app).'),
  'device:progress': event<{ path: string; done: number; total: number }>('Bytes written so far in a device file write.'),
  'device:virtualShare': event<{ path: string | null }>('The virtual badge is shared on this pseudo-terminal now (null: not shared).'),
  'device:virtualFrame': event<EmulatorFrame>('A frame the virtual badge drew (an app run on it), the latest only, at most about 30 per second.'),
}
