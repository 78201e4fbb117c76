/**
 * A tiny typed event bus: services emit contract events, the shell (Electron or the test bridge)
 * forwards them to the renderer.
 */
import type { EventChannel, Events } from '../../shared/ipc/contract'
import type { PayloadOf } from '../../shared/ipc/define'

/** Emits one contract event. Services receive this function instead of a bus. */
export type Emit = <E extends EventChannel>(channel: E, payload: PayloadOf<Events[E]>) => void

/** Fan-out of events to any number of listeners (each window, each bridge client). */
export class EventBus {
  private readonly listeners = new Set<(channel: EventChannel, payload: unknown) => void>()

  /** Emit function to hand to services. */
  readonly emit: Emit = (channel, payload) => {
    for (const l of this.listeners) l(channel, payload)
  }

  /** Adds a listener for every event; returns its removal. */
  listen(listener: (channel: EventChannel, payload: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
