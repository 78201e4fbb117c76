/** `badge-ide rm --port P REMOTE`: deletes a device file. */
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { CodedError } from '../../shared/ipc/result'
import { cliDevicePath } from '../../shared/protocol/device-path'
import type { RegisterCommand } from './index'

/** Folders whose loss empties the badge (its launcher and every app): removed only with --force. */
const ESSENTIAL = new Set(['/system', '/system/apps'])

/** Registers `rm`. */
export const registerRm: RegisterCommand = (program: Command) => {
  program
    .command('rm')
    .description('Delete a file on the device')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('-r, --recursive', 'delete a folder and everything in it')
    .option('-f, --force', 'also /system or /system/apps (the launcher and every app)')
    .argument('<remote>', 'device path (relative paths are relative to /; a leading : is accepted)')
    .action(async (remote: string, o: { port: string; recursive?: boolean; force?: boolean }) => {
      const target = cliDevicePath(remote)
      if (ESSENTIAL.has(target.replace(/\/+$/, '')) && !o.force) {
        throw new CodedError('DEVICE_PATH_INVALID', `${target} holds the badge's launcher and apps: nothing was deleted (add --force to delete it anyway)`)
      }
      await withDeviceSession(o.port, (s) => s.remove(target, o.recursive ?? false))
    })
}
