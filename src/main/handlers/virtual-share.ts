/**
 * Share the virtual badge on a serial port: the CLI's `badge-ide virtual` pseudo-terminal, started
 * from the window, so mpremote, Thonny or another IDE can open the virtual badge like a board
 * while the window shows what its apps draw. One share at a time; the IDE itself cannot be
 * connected to the virtual badge meanwhile (it is one device).
 */
import { servePty, type PtyBridge } from '../../cli/commands/virtual'
import type { Emit } from '../ipc/event-bus'
import type { PartialHandlers } from '../ipc/router'
import { loadVirtualBinding } from '../services/device/device-manager'
import { VIRTUAL_PORT_PATH } from '../services/device/port-list'
import { CodedError, isCodedError } from '../../shared/ipc/result'

/** The share handlers and their cleanup (app quit). */
export function virtualShareHandlers(deps: { dir: string; emit: Emit; onFrame(rgba: Uint8Array, frame: number): void }): {
  handlers: PartialHandlers
  dispose(): Promise<void>
} {
  let bridge: PtyBridge | null = null
  const stop = async (): Promise<void> => {
    const b = bridge
    bridge = null
    if (b) await b.close()
    deps.emit('device:virtualShare', { path: null })
  }
  return {
    handlers: {
      'device:shareVirtual': async () => {
        if (bridge) return { path: bridge.path }
        let b: PtyBridge
        try {
          b = await servePty(await loadVirtualBinding(deps.dir, { onFrame: deps.onFrame }), VIRTUAL_PORT_PATH)
        } catch (e) {
          if (isCodedError(e)) throw e
          const m = (e as Error).message
          throw /already open/.test(m) ? new CodedError('PORT_BUSY', 'the IDE is connected to the virtual badge: disconnect it first') : new CodedError('VIRTUAL_UNAVAILABLE', m)
        }
        bridge = b
        // socat may end on its own (killed): the window then stops showing the share.
        void b.closed.then(() => {
          if (bridge === b) void stop()
        })
        deps.emit('device:virtualShare', { path: b.path })
        return { path: b.path }
      },
      'device:unshareVirtual': () => stop(),
    },
    dispose: stop,
  }
}
