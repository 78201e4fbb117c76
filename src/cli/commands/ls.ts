/** `badge-ide ls --port P [path]`: lists device files. */
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { cliDevicePath } from '../../shared/protocol/device-path'
import type { RegisterCommand } from './index'

/** Registers `ls`. */
export const registerLs: RegisterCommand = (program: Command) => {
  program
    .command('ls')
    .description('List files on the device')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('-r, --recursive', 'list the whole tree')
    .option('--json', 'print JSON')
    .argument('[path]', 'device folder', '/')
    .action(async (path: string, o: { port: string; recursive?: boolean; json?: boolean }) => {
      const dir = cliDevicePath(path)
      const entries = await withDeviceSession(o.port, (s) => (o.recursive ? s.listTree(dir) : s.listDir(dir)))
      if (o.json) {
        process.stdout.write(JSON.stringify(entries, null, 2) + '\n')
        return
      }
      for (const e of entries) process.stdout.write(`${e.kind === 'dir' ? 'dir ' : String(e.size).padStart(8)} ${e.path}${e.kind === 'dir' ? '/' : ''}\n`)
    })
}
