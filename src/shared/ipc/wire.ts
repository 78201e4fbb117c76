/**
 * JSON encoding for IPC messages over a text channel (the WebSocket bridge): byte arrays survive
 * as base64 under a marker key. Electron IPC does not need it (structured clone).
 */

import { base64Decode as fromBase64, base64Encode as toBase64 } from '../protocol/base64'

const MARK = '__u8'

/** Serialises a message; Uint8Array/ArrayBuffer values become `{ "__u8": base64 }`. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Uint8Array || v instanceof Uint8ClampedArray) return { [MARK]: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) }
    if (v instanceof ArrayBuffer) return { [MARK]: toBase64(new Uint8Array(v)) }
    return v
  })
}

/** Parses a message produced by {@link encodeWire}. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      const keys = Object.keys(o)
      if (keys.length === 1 && keys[0] === MARK && typeof o[MARK] === 'string') return fromBase64(o[MARK])
    }
    return v
  })
}

/** A request from the renderer: `{ id, channel, args }`. */
export interface WireRequest {
  t: 'req'
  id: number
  channel: string
  args: unknown
}
/** A response: `{ id, result }`. */
export interface WireResponse {
  t: 'res'
  id: number
  result: unknown
}
/** An event push: `{ channel, payload }`. */
export interface WireEvent {
  t: 'evt'
  channel: string
  payload: unknown
}
