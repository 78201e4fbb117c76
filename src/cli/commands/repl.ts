/** `badge-ide repl --port P`: an interactive friendly REPL in the terminal. Ctrl-] leaves. */
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import type { RegisterCommand } from './index'

const EXIT_KEY = 0x1d // Ctrl-], as in mpremote and telnet

/** Registers `repl`. */
export const registerRepl: RegisterCommand = (program: Command) => {
  program
    .command('repl')
    .description('Open the device REPL in this terminal (Ctrl-] to leave)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .action(async (o: { port: string }) => {
      await withDeviceSession(o.port, async (s) => {
        await s.startRepl((d) => process.stdout.write(d))
        process.stderr.write('Connected. Ctrl-] to leave.\n')
        const stdin = process.stdin
        if (stdin.isTTY) stdin.setRawMode(true)
        await new Promise<void>((resolve) => {
          const onData = (d: Buffer) => {
            const i = d.indexOf(EXIT_KEY)
            if (i >= 0) {
              if (i > 0) void s.writeRepl(d.subarray(0, i))
              return done()
            }
            void s.writeRepl(d).catch(done)
          }
          const done = () => {
            stdin.off('data', onData)
            stdin.off('end', done)
            if (stdin.isTTY) stdin.setRawMode(false)
            stdin.pause()
            resolve()
          }
          s.onDisconnect(() => done())
          stdin.on('data', onData)
          stdin.on('end', done)
          stdin.resume()
        })
        s.stopRepl()
      })
    })
}
