/**
 * Turning a device's exception into a stable code while keeping the device's own words (the last
 * traceback line, errno) as the detail.
 */
import type { ErrorCode } from '../../../shared/ipc/errors'
import { CodedError } from '../../../shared/ipc/result'
import { ERRNO, parseDeviceException, type DeviceException } from '../../../shared/protocol/raw-repl-codec'

/** The stable code for a device exception. */
export function codeForException(ex: DeviceException): ErrorCode {
  if (ex.type === 'OSError') {
    const m = ex.message.toLowerCase()
    // The virtual badge's MicroPython (WebAssembly) reports Emscripten's numbers: ENOENT 44,
    // ENOSPC 51. Neither number is raised by a microcontroller port, so both tables can apply.
    if (ex.errno === ERRNO.ENOENT || ex.errno === 44 || m.includes('enoent') || m.includes('not found')) return 'NOT_FOUND'
    if (ex.errno === ERRNO.ENOSPC || ex.errno === 51 || m.includes('enospc') || m.includes('no more storage') || m.includes('no space')) return 'DEVICE_NO_SPACE'
    if (ex.errno === ERRNO.EEXIST || m.includes('eexist')) return 'ALREADY_EXISTS'
    if (ex.errno === ERRNO.EISDIR || m.includes('eisdir')) return 'IS_A_DIRECTORY'
    if (ex.errno === ERRNO.ENOTDIR || m.includes('enotdir')) return 'NOT_A_DIRECTORY'
    if (ex.errno === 110 || m.includes('etimedout')) return 'DEVICE_TIMEOUT'
    return 'DEVICE_OSERROR'
  }
  if (ex.type === 'MemoryError') return 'DEVICE_MEMORY'
  return 'DEVICE_ERROR'
}

/** Builds the error for a traceback printed by the device; `context` says what we were doing. */
export function deviceError(stderr: string, context: string): CodedError {
  const ex = parseDeviceException(stderr)
  if (!ex) return new CodedError('DEVICE_ERROR', `${context}: ${stderr.trim()}`)
  const last = ex.message ? `${ex.type}: ${ex.message}` : ex.type
  return new CodedError(codeForException(ex), `${context}: ${last}`)
}
