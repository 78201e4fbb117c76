/**
 * Turning an OS error from opening a serial port into a stable code with the OS words and a hint
 * that names the actual fix (group, udev rule, ModemManager, the other program).
 */
import { statSync, readFileSync } from 'node:fs'
import { CodedError } from '../../../shared/ipc/result'

/** The name of the group owning `path` on Linux, when it can be found. */
function owningGroup(path: string): string | undefined {
  try {
    const gid = statSync(path).gid
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[2] === String(gid))
    return line?.split(':')[0]
  } catch {
    return undefined
  }
}

/** Maps an open failure of `path` to a {@link CodedError}. */
export function describeOpenError(e: unknown, path: string): CodedError {
  const msg = e instanceof Error ? e.message : String(e)
  const code = (e as { code?: string }).code ?? ''
  if (code === 'ENOENT' || /no such file|not found|cannot find|ENOENT|File not found/i.test(msg)) {
    return new CodedError('PORT_NOT_FOUND', `${path}: ${msg}`)
  }
  if (code === 'EACCES' || /permission denied|access denied|EACCES/i.test(msg)) {
    let hint = ''
    if (process.platform === 'linux') {
      const group = owningGroup(path)
      hint = group
        ? ` ${path} belongs to group "${group}": run "sudo usermod -aG ${group} $USER" and log in again, or install resources/99-badge-ide.rules into /etc/udev/rules.d/ (it also tells ModemManager to leave the badge alone).`
        : ' Install resources/99-badge-ide.rules into /etc/udev/rules.d/ or join the group that owns the port.'
    }
    return new CodedError('PORT_PERMISSION', `${path}: ${msg}.${hint}`)
  }
  if (code === 'EBUSY' || /busy|cannot lock|resource temporarily unavailable|EAGAIN|in use/i.test(msg)) {
    return new CodedError('PORT_BUSY', `${path}: ${msg} (it may be in use by another program)`)
  }
  return new CodedError('PORT_OPEN_FAILED', `${path}: ${msg}`)
}
