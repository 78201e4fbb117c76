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
