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
        let lastOutput = Date.now()
        await s.startRepl((d) => {
          lastOutput = Date.now()
          process.stdout.write(d)
        })
        process.stderr.write('Connected. Ctrl-] to leave.\n')
        const stdin = process.stdin
        const piped = !stdin.isTTY
        if (!piped) stdin.setRawMode(true)
        await new Promise<void>((resolve) => {
          const onData = (d: Buffer) => {
            const i = d.indexOf(EXIT_KEY)
            if (i >= 0) {
              if (i > 0) void s.writeRepl(d.subarray(0, i))
              return done()
            }
            // Lines from a pipe (`echo 'print(1)' | badge-ide repl`) end in LF; the REPL takes Enter (CR).
            void s.writeRepl(piped ? Buffer.from(d.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1') : d).catch(done)
          }
          // A pipe that ended leaves once the badge has answered (quiet for half a second, 15 s at most).
          const drain = () => {
            const started = Date.now()
            const wait = () => (Date.now() - lastOutput > 500 || Date.now() - started > 15_000 ? done() : void setTimeout(wait, 100))
            setTimeout(wait, 100)
          }
          const done = () => {
            stdin.off('data', onData)
            stdin.off('end', drain)
            if (!piped) stdin.setRawMode(false)
            stdin.pause()
            resolve()
          }
          s.onDisconnect(() => done())
          stdin.on('data', onData)
          stdin.on('end', drain)
          stdin.resume()
        })
        s.stopRepl()
      })
    })
}
