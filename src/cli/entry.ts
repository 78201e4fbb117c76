/**
 * The built CLI's entry (out/cli/main.mjs, made by scripts/build-cli.mjs): points the emulator at
 * the worker built beside it and at the repository's or installation's wasm folder, then runs
 * {@link main}. Nothing is transpiled at run time.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { setWasmDir } from '../main/emulator/wasm-files'
import { userDataDir } from '../main/emulator/user-dirs'
import { setEmulatorWorkerSpec } from '../main/emulator/worker-url'
import { closeLog, log, openLog } from '../main/services/log/logger'
import { main } from './main'

/** Runs the CLI with `argv` and resolves to its exit code; `here` is the folder of the built file. */
export async function run(argv: string[], here: string): Promise<number> {
  setEmulatorWorkerSpec({ url: pathToFileURL(path.join(here, 'emulator-worker.mjs')), execArgv: [] })
  // A reader that stopped reading (`badge-ide stats --watch | head`) ends the run quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  if (!process.env['BADGE_IDE_WASM_DIR']) {
    // out/cli/ inside the repository, or resources/app.asar.unpacked/out/cli beside resources/wasm.
    const wasm = [path.resolve(here, '../../wasm'), path.resolve(here, '../../../wasm')].find((d) => existsSync(path.join(d, 'VERSIONS.json')))
    if (wasm) setWasmDir(wasm)
  }
  // The same log as the app's services, in the per-user folder; a log that cannot open loses nothing
  // else. Help and version print at once, without it.
  const quick = argv.length <= 2 || argv.some((a) => ['--help', '-h', '--version', '-V', 'help'].includes(a))
  if (!quick) await openLog(path.join(userDataDir(), 'logs')).catch(() => undefined)
  const cli = log('cli')
  cli.info({ argv: argv.slice(2) }, 'start')
  const code = await main(argv)
  cli.info({ code }, 'exit')
  closeLog()
  return code
}
