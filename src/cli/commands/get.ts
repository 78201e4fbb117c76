/** `badge-ide get --port P REMOTE [LOCAL]`: copies a device file to the computer (or stdout). */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { CodedError } from '../../shared/ipc/result'
import { cliDevicePath } from '../../shared/protocol/device-path'
import { decodeUtf8Strict } from '../../shared/protocol/utf8-stream'
import type { RegisterCommand } from './index'

/** Registers `get`. */
export const registerGet: RegisterCommand = (program: Command) => {
  program
    .command('get')
    .description('Copy a file from the device (to stdout when no local path is given)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .argument('<remote>', 'device path, e.g. /main.py, :main.py or main.py (relative to /)')
    .argument('[local]', 'local file to write')
    .action(async (remote: string, local: string | undefined, o: { port: string; json?: boolean }) => {
      const data = await withDeviceSession(o.port, (s) => s.readFile(cliDevicePath(remote)))
      if (local) writeFileSync(local, data)
      // --json carries text: bytes that are not UTF-8 would come out replaced, so they are refused.
      else if (o.json && decodeUtf8Strict(data) === undefined) throw new CodedError('BAD_ARGS', `${remote} is not UTF-8 text (${data.length} bytes): give a local path to save it; --json carries text only`)
      else process.stdout.write(data)
    })
}
