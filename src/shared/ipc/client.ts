/**
 * Builds the typed renderer API from the contract over an abstract transport. The preload gives it an
 * Electron transport, the E2E bridge a WebSocket one; every caller runs this same code.
 */
import { EVENT_CHANNELS, OP_CHANNELS, type EventChannel, type Events, type OpChannel, type Ops } from './contract'
import type { ArgsOf, PayloadOf, ResultOf } from './define'
import type { Result } from './result'

/** How the client reaches main: request/response plus event subscription. */
export interface Transport {
  invoke(channel: OpChannel, args: unknown): Promise<unknown>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void
}

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never
type MethodOf<C extends string, N extends string> = C extends `${N}:${infer M}` ? M : never

/** The API object: `api.project.readFile({ path })`, `api.on('device:state', fn)`. */
export type BadgeApi = {
  [N in Namespace<OpChannel>]: {
    [C in OpChannel as MethodOf<C, N>]: (args: ArgsOf<Ops[C]>) => Promise<Result<ResultOf<Ops[C]>>>
  }
} & {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: PayloadOf<Events[E]>) => void): () => void
}

/** Splits `ns:method` into its parts. */
export function splitChannel(channel: string): [string, string] {
  const i = channel.indexOf(':')
  return [channel.slice(0, i), channel.slice(i + 1)]
}

/**
 * Creates the API object with exactly one method per contract operation and an `on` for events.
 * Unknown event channels throw at subscription time so typos fail loudly.
 */
export function createClient(transport: Transport): BadgeApi {
  const api: Record<string, unknown> = {}
  for (const channel of OP_CHANNELS) {
    const [ns, method] = splitChannel(channel)
    const group = (api[ns] ??= {}) as Record<string, unknown>
    group[method] = (args: unknown) => transport.invoke(channel, args ?? {}) as Promise<Result<unknown>>
  }
  const events = new Set<string>(EVENT_CHANNELS)
  api.on = (channel: EventChannel, listener: (payload: unknown) => void) => {
    if (!events.has(channel)) throw new Error(`unknown event channel ${channel}`)
    return transport.subscribe(channel, listener)
  }
  return api as BadgeApi
}
