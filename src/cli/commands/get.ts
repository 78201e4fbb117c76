/** `badge-ide get --port P REMOTE [LOCAL]`: copies a device file to the computer (or stdout). */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { cliDevicePath } from '../../shared/protocol/device-path'
import type { RegisterCommand } from './index'

/** Registers `get`. */
export const registerGet: RegisterCommand = (program: Command) => {
  program
    .command('get')
    .description('Copy a file from the device (to stdout when no local path is given)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .argument('<remote>', 'device path, e.g. /main.py, :main.py or main.py (relative to /)')
    .argument('[local]', 'local file to write')
    .action(async (remote: string, local: string | undefined, o: { port: string }) => {
      const data = await withDeviceSession(o.port, (s) => s.readFile(cliDevicePath(remote)))
      if (local) writeFileSync(local, data)
      else process.stdout.write(data)
    })
}
