/** `badge-ide rm --port P REMOTE`: deletes a device file. */
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { cliDevicePath } from '../../shared/protocol/device-path'
import type { RegisterCommand } from './index'

/** Registers `rm`. */
export const registerRm: RegisterCommand = (program: Command) => {
  program
    .command('rm')
    .description('Delete a file on the device')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('-r, --recursive', 'delete a folder and everything in it')
    .argument('<remote>', 'device path (relative paths are relative to /; a leading : is accepted)')
    .action(async (remote: string, o: { port: string; recursive?: boolean }) => {
      await withDeviceSession(o.port, (s) => s.remove(cliDevicePath(remote), o.recursive ?? false))
    })
}
