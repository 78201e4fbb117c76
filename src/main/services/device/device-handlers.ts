/**
 * IPC handlers for `device:*`, over a {@link DeviceManager}. The composition root adds them with
 * `...deviceHandlers(manager)`.
 */
import { CodedError } from '../../../shared/ipc/result'
import { decodeUtf8Strict, encodeUtf8 } from '../../../shared/protocol/utf8-stream'
import type { PartialHandlers } from '../../ipc/router'
import type { DeviceManager } from './device-manager'

/** Handlers for every device operation of the contract. */
export function deviceHandlers(m: DeviceManager): PartialHandlers {
  return {
    'device:listPorts': () => m.listPorts(),
    'device:connect': ({ path }) => m.connect(path),
    'device:disconnect': () => m.disconnect(),
    'device:state': () => m.state,
    'device:exec': async ({ code, timeoutMs }) => {
      const r = await m.exec(code, timeoutMs ?? Infinity)
      return {
        stdout: r.stdout,
        stderr: r.stderr,
        ...(r.exception ? { exception: { type: r.exception.type, message: r.exception.message } } : {}),
      }
    },
    'device:interrupt': () => m.interrupt(),
    'device:softReset': () => m.softReset(),
    'device:replStart': () => m.replStart(),
    'device:replInput': ({ data }) => m.replInput(data),
    'device:replStop': () => m.replStop(),
    'device:listFiles': ({ path, recursive }) => (recursive ? m.session.listTree(path ?? '/') : m.session.listDir(path ?? '/')),
    'device:readFile': async ({ path }) => {
      const bytes = await m.session.readFile(path)
      const text = decodeUtf8Strict(bytes)
      return text === undefined
        ? { path, size: bytes.length, binary: true, bytes }
        : { path, size: bytes.length, binary: false, text }
    },
    'device:writeFile': ({ path, text, bytes }) => {
      const data = text !== undefined ? encodeUtf8(text) : bytes
      if (!data) throw new CodedError('BAD_ARGS', 'text or bytes is required')
      return m.writeFile(path, data)
    },
    'device:cancelWrite': () => m.cancelWrite(),
    'device:deleteFile': ({ path, recursive }) => m.session.remove(path, recursive ?? false),
    'device:mkdir': ({ path }) => m.session.mkdir(path, true),
    'device:rename': ({ from, to }) => m.session.rename(from, to),
  }
}
