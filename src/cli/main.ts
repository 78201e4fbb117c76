/**
 * The command-line front end: the same services as the IDE, without a window.
 * Each command lives in `commands/<name>.ts` and registers itself on the program.
 */
import { resolve } from 'node:path'
import { Command, CommanderError } from 'commander'
import { isCodedError } from '../shared/ipc/result'
import { COMMANDS } from './commands'

/** Builds the `badge-ide` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command()
  program
    .name('badge-ide')
    .description('Badge IDE: emulate, deploy to and inspect the GitHub Universe 2025 badge from the command line.')
    .version('0.1.0')
    .option('--virtual-dir <dir>', 'the virtual badge\'s flash folder (with --port virtual; default: per-user)')
    .showHelpAfterError()
    .hook('preAction', () => {
      const dir = program.opts<{ virtualDir?: string }>().virtualDir
      if (dir) process.env['BADGE_IDE_VIRTUAL_DIR'] = resolve(dir)
    })
  for (const register of COMMANDS) register(program)
  return program
}

/** Runs the CLI with `argv` (as in process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride()
  try {
    await program.parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode
    if (isCodedError(e)) {
      process.stderr.write(`error [${e.code}]: ${e.message}\n`)
      return 1
    }
    process.stderr.write(`error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
    return 1
  }
}
