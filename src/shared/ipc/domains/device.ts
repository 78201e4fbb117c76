/** Device link operations (serial badge or virtual badge). Owned by the device-link work. */
import { z } from 'zod'
import { event, op } from '../define'

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
  /** Capability probe result once connected. */
  info?: Record<string, unknown>
  error?: { code: string; message: string }
}

export const deviceOps = {
  'device:listPorts': op<PortInfo[]>()(z.object({}), 'Lists serial ports (plus the virtual badge), badge first.'),
  'device:connect': op<DeviceState>()(z.object({ path: z.string().min(1).max(1024) }), 'Connects to a port (or "virtual").'),
  'device:disconnect': op<void>()(z.object({}), 'Disconnects.'),
  'device:state': op<DeviceState>()(z.object({}), 'Current connection state.'),
}

export const deviceEvents = {
  'device:state': event<DeviceState>('Connection state changed.'),
  'device:output': event<{ data: string; stream: 'stdout' | 'stderr' | 'repl' }>('Text from the device (REPL or running app).'),
}
