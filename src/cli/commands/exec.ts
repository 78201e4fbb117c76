/** `badge-ide exec --port P CODE`: runs code on the device, streaming its output. */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import type { DeviceSession } from '../../main/services/device/device-session'
import { commandFailed, EXIT } from '../output'
import type { RegisterCommand } from './index'
import { wholeNumberOption } from '../number-option'

/** Registers `exec`. */
export const registerExec: RegisterCommand = (program: Command) => {
  program
    .command('exec')
    .description('Run Python code on the device ("-" reads it from stdin); exits 1 if it raised')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('--timeout <ms>', 'stop waiting after this long without output', wholeNumberOption('--timeout', 1))
    .argument('<code>', 'Python source, or - for stdin')
    .action(async (code: string, o: { port: string; timeout?: number }) => {
      const src = code === '-' ? readFileSync(0, 'utf8') : code
      // Ctrl-C (or SIGTERM) stops the code on the device, as on the badge's own REPL, and the
      // command ends once the device is back at its prompt (a second Ctrl-C ends it at once).
      let session: DeviceSession | undefined
      let interrupted = false
      const onSignal = () => {
        interrupted = true
        void session?.interrupt().catch(() => undefined)
      }
      process.on('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      const r = await withDeviceSession(o.port, (s) => {
        session = s
        return s.exec(src, {
          timeoutMs: o.timeout ?? Infinity,
          // Bytes as the device sent them (a program may print binary to sys.stdout.buffer).
          onStdoutBytes: (d) => process.stdout.write(Buffer.from(d)),
          onStderr: (t) => process.stderr.write(t),
        })
      }).finally(() => {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      })
      if (interrupted && r.exception?.type === 'KeyboardInterrupt') {
        process.exitCode = EXIT.interrupted
        return
      }
      if (r.stderr) commandFailed('DEVICE_ERROR', r.exception ? `${r.exception.type}: ${r.exception.message}`.replace(/: $/, '') : r.stderr.trim().split('\n').pop()!)
    })
}
