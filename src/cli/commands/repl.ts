/** `badge-ide repl --port P`: an interactive friendly REPL in the terminal. Ctrl-] leaves. */
import type { Command } from 'commander'
import { withDeviceSession } from '../../main/services/device/device-manager'
import type { RegisterCommand } from './index'

const EXIT_KEY = 0x1d // Ctrl-], as in mpremote and telnet
/** How long a piped session waits, after its input ended, for the badge to be back at its prompt. */
const PIPE_WAIT_MS = 15_000

/** Registers `repl`. */
export const registerRepl: RegisterCommand = (program: Command) => {
  program
    .command('repl')
    .description('Open the device REPL in this terminal (Ctrl-] to leave)')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .action(async (o: { port: string }) => {
      await withDeviceSession(o.port, async (s) => {
        let lastOutput = Date.now()
        let tail = ''
        await s.startRepl((d) => {
          lastOutput = Date.now()
          tail = (tail + Buffer.from(d).toString('latin1')).slice(-8)
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
          // A pipe that ended leaves once the badge has answered everything: back at its prompt and
          // quiet (lines sent ahead run after a slow one). What still runs after 15 s is stopped
          // (Ctrl-C) rather than left running on the badge.
          const drain = () => {
            const started = Date.now()
            const wait = (): void => {
              if (Date.now() - lastOutput > 300 && tail.endsWith('>>> ')) return done()
              if (Date.now() - started > PIPE_WAIT_MS) {
                process.stderr.write(`\nStill running ${PIPE_WAIT_MS / 1000} s after the input ended: stopped (Ctrl-C).\n`)
                void s.writeRepl(Uint8Array.of(3)).catch(() => undefined)
                return void setTimeout(done, 300)
              }
              setTimeout(wait, 100)
            }
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
