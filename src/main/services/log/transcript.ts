/**
 * The serial transcript the user can switch on (settings key `serialTranscript`): every chunk sent
 * to and received from the badge goes to the log (part "serial", level info) as text, so a device
 * problem can be attached to a bug report. It wraps the serialport binding; nothing else changes.
 */
import type { BindingInterface, BindingPortInterface } from '../device/binding-types'
import { log } from './logger'

/** Where transcript lines go: direction and the bytes as text. */
export type TranscriptSink = (dir: 'tx' | 'rx', text: string) => void

/** Whether the transcript is on (the settings' `serialTranscript`, kept current by the app core). */
export const transcriptSwitch = { on: false }

/** The default sink: the app's log. */
export const logTranscript: TranscriptSink = (dir, text) => log('serial').info({ dir, text })

/** `binding` whose ports report what they write and read to `sink` while `enabled()` says so. */
export function transcriptBinding(binding: BindingInterface, sink: TranscriptSink, enabled: () => boolean): BindingInterface {
  return {
    list: () => binding.list(),
    async open(options) {
      const port = await binding.open(options)
      const write: BindingPortInterface['write'] = async (buffer) => {
        if (enabled()) sink('tx', buffer.toString('latin1'))
        return port.write(buffer)
      }
      const read: BindingPortInterface['read'] = async (buffer, offset, length) => {
        const r = await port.read(buffer, offset, length)
        if (enabled() && r.bytesRead > 0) sink('rx', r.buffer.subarray(offset, offset + r.bytesRead).toString('latin1'))
        return r
      }
      // Everything else is the port's own, called on the port itself (its state stays in one place).
      return new Proxy(port, {
        get(target, prop) {
          if (prop === 'write') return write
          if (prop === 'read') return read
          const v: unknown = Reflect.get(target, prop, target)
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
        },
        set: (target, prop, value) => Reflect.set(target, prop, value, target),
      })
    },
  }
}
