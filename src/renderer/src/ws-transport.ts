/**
 * A Transport over a WebSocket to the bridge server (browser dev mode and the E2E tests), used when
 * no preload provided `window.badge`. Requests queue until the socket opens.
 */
import type { Transport } from '@shared/ipc/client'
import type { EventChannel, OpChannel } from '@shared/ipc/contract'
import { decodeWire, encodeWire, type WireEvent, type WireResponse } from '@shared/ipc/wire'

/**
 * Connects to `url` (default: `/__bridge` on the page's own host, for the IDE window the page's
 * `?window=N` names).
 */
export function createWsTransport(url = `ws://${location.host}/__bridge${location.search}`): Transport {
  const ws = new WebSocket(url)
  const ready = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true })
    ws.addEventListener('error', () => reject(new Error('bridge connection failed')), { once: true })
  })
  let nextId = 1
  const pending = new Map<number, (r: unknown) => void>()
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  ws.addEventListener('message', (m) => {
    const msg = decodeWire(String(m.data)) as WireResponse | WireEvent
    if (msg.t === 'res') {
      pending.get(msg.id)?.(msg.result)
      pending.delete(msg.id)
    } else if (msg.t === 'evt') {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload)
    }
  })
  ws.addEventListener('close', () => {
    for (const [, resolve] of pending) resolve({ ok: false, code: 'DISCONNECTED', message: 'The IDE backend closed the connection. Reload the page.' })
    pending.clear()
  })
  return {
    async invoke(channel: OpChannel, args: unknown) {
      await ready
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        ws.send(encodeWire({ t: 'req', id, channel, args }))
      })
    },
    subscribe(channel: EventChannel, listener: (payload: unknown) => void) {
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
  }
}
