/**
 * The single place the renderer reads the IDE's API from. In Electron the preload puts it on
 * `window.badge`; the E2E bridge and the browser dev mode install the same client before boot.
 */
import { createClient, type BadgeApi } from '@shared/ipc/client'
import type { Fail, Result } from '@shared/ipc/result'
import { createWsTransport } from './ws-transport'

/**
 * The API (one method per contract operation, plus `on` for events): the preload's in Electron,
 * otherwise the same client over the bridge WebSocket (browser dev mode, E2E tests).
 */
export const api: BadgeApi = window.badge ?? createClient(createWsTransport())

/** Thrown by {@link call} for a failed result; keeps the stable code for the UI. */
export class ApiError extends Error {
  constructor(readonly fail: Fail) {
    super(fail.detail ? `${fail.message} (${fail.detail})` : fail.message)
  }
}

/** Awaits a result and returns its value, or throws {@link ApiError}. */
export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p
  if (!r.ok) throw new ApiError(r)
  return r.value
}

/** True when this build's contract has operation `channel` (services land one at a time). */
export function hasOp(channel: string): boolean {
  const [ns, method] = channel.split(':') as [string, string]
  const group = (api as unknown as Record<string, Record<string, unknown> | undefined>)[ns]
  return typeof group?.[method] === 'function'
}

/**
 * Calls an operation by channel name even when the contract does not declare it yet; answers a
 * NO_HANDLER failure instead of throwing, so views built ahead of their service degrade cleanly.
 */
export function invokeOp<T>(channel: string, args: Record<string, unknown> = {}): Promise<Result<T>> {
  const [ns, method] = channel.split(':') as [string, string]
  const group = (api as unknown as Record<string, Record<string, (a: unknown) => Promise<Result<T>>> | undefined>)[ns]
  const fn = group?.[method]
  if (typeof fn !== 'function') {
    return Promise.resolve({ ok: false, code: 'NO_HANDLER', message: 'This operation is not available in this build.', detail: channel })
  }
  return fn(args)
}

/** Subscribes to an event by name; a channel this build does not declare is ignored (no-op unsubscribe). */
export function onEvent<P>(channel: string, listener: (payload: P) => void): () => void {
  try {
    return (api.on as (c: string, l: (p: P) => void) => () => void)(channel, listener)
  } catch {
    return () => undefined
  }
}
