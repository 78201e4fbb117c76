/** `badge-ide put --port P LOCAL [REMOTE]`: copies a file to the device, safely and verified. */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import { cliDevicePath } from '../../shared/protocol/device-path'
import type { RegisterCommand } from './index'

/** Registers `put`. */
export const registerPut: RegisterCommand = (program: Command) => {
  program
    .command('put')
    .description('Copy a file to the device (checked on the device before it replaces the old one)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .argument('<local>', 'local file')
    .argument('[remote]', 'device path (default: /<name>; relative paths are relative to /; a leading : is accepted)')
    .action(async (local: string, remote: string | undefined, o: { port: string }) => {
      const data = readFileSync(local)
      const target = cliDevicePath(remote ?? basename(local))
      const started = Date.now()
      // Ctrl-C (or a kill's SIGTERM) stops the copy between execs and removes the partial copy (the
      // old file stays); a second one ends the process at once.
      const stop = new AbortController()
      const onSigint = () => stop.abort()
      process.once('SIGINT', onSigint)
      process.once('SIGTERM', onSigint)
      const r = await withDeviceSession(o.port, (s) =>
        s.writeFile(target, data, {
          signal: stop.signal,
          onProgress: (done, total) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${target}: ${done}/${total} bytes`)
          },
        }),
      ).finally(() => {
        process.off('SIGINT', onSigint)
        process.off('SIGTERM', onSigint)
      })
      if (process.stderr.isTTY) process.stderr.write('\n')
      const secs = Math.max(0.001, (Date.now() - started) / 1000)
      process.stdout.write(`${target}: ${r.bytes} bytes (${r.method}, verified by ${r.verifiedBy}, ${Math.round(r.bytes / secs)} B/s)\n`)
    })
}
