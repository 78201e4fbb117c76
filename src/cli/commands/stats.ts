/** `badge-ide stats --port P [--json] [--watch]`: memory, storage, network and system of the device. */
import type { Command } from 'commander'
import { formatBytes } from '../../shared/deploy/plan'
import { NA, type DeviceStats } from '../../shared/stats/types'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { createStatsService } from '../../main/services/stats/stats-service'
import type { RegisterCommand } from './index'
import { wholeNumberOption } from '../number-option'

const bytes = (v: number | typeof NA) => (v === NA ? NA : formatBytes(v))

/** Human-readable stats. */
export function formatStats(s: DeviceStats): string {
  const { memory: m, storage: f, network: n, system: y } = s
  const row = (k: string, v: unknown) => `  ${k.padEnd(14)} ${String(v)}`
  return [
    'memory',
    row('free', bytes(m.free)),
    row('used', bytes(m.used)),
    row('total', bytes(m.total)),
    `storage (${f.mount})`,
    row('total', bytes(f.total)),
    row('used', bytes(f.used)),
    row('free', bytes(f.free)),
    'network',
    ...(n.available
      ? [
          row('connected', n.connected),
          row('ssid', n.ssid),
          row('ip', n.ip),
          row('netmask', n.netmask),
          row('gateway', n.gateway),
          row('dns', n.dns),
          row('mac', n.mac),
          row('rssi', n.rssi === NA ? NA : `${n.rssi} dBm`),
        ]
      : [row('wifi', NA)]),
    row('secrets ssid', n.configuredSsid),
    'system',
    row('firmware', y.firmware),
    row('micropython', y.micropython),
    row('platform', y.platform),
    row('machine', y.machine),
    row('cpu', y.cpuFreqHz === NA ? NA : `${y.cpuFreqHz / 1e6} MHz`),
    row('screen', y.screen),
    row('uptime', y.uptimeMs === NA ? NA : `${(y.uptimeMs / 1000).toFixed(1)} s`),
    row('unique id', y.uniqueId),
  ].join('\n')
}

/** Registers `stats`. */
export const registerStats: RegisterCommand = (program: Command) => {
  program
    .command('stats')
    .description('Show memory, storage, network and system of the device (one round trip per read)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('--json', 'print JSON')
    .option('-w, --watch', 'read again every interval until Ctrl-C')
    .option('--interval <ms>', 'watch interval in ms (default 2000, at least 100)', wholeNumberOption('--interval', 100), 2000)
    .action(async (o: { port: string; json?: boolean; watch?: boolean; interval: number }) => {
      await withDeviceSession(o.port, async (session) => {
        const svc = createStatsService({ session: () => session })
        let stop = false
        const onSigint = () => (stop = true)
        process.on('SIGINT', onSigint)
        try {
          do {
            const { stats } = await svc.read()
            process.stdout.write((o.json ? JSON.stringify(stats) : formatStats(stats) + (o.watch ? '\n' : '')) + '\n')
            if (o.watch) await new Promise((r) => setTimeout(r, Math.max(250, o.interval)))
          } while (o.watch && !stop)
        } finally {
          process.off('SIGINT', onSigint)
        }
      })
    })
}
