/** `badge-ide ports`: lists serial ports with the badge recognised. */
import type { Command } from 'commander'
import { DeviceManager } from '../../main/services/device/device-manager'
import type { RegisterCommand } from './index'

/** Registers `ports`. */
export const registerPorts: RegisterCommand = (program: Command) => {
  program
    .command('ports')
    .description('List serial ports, the badge first (ptys are not listed: pass their path to --port)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const ports = await new DeviceManager().listPorts()
      if (o.json) {
        process.stdout.write(JSON.stringify(ports, null, 2) + '\n')
        return
      }
      for (const p of ports) {
        const ids = p.vendorId ? ` [${p.vendorId}:${p.productId ?? '?'}]` : ''
        process.stdout.write(`${p.path}\t${p.kind}\t${p.label}${ids}\n`)
      }
    })
}
