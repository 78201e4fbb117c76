/**
 * The command-line front end: the same services as the IDE, without a window.
 * Each command lives in `commands/<name>.ts` and registers itself on the program; this file adds
 * what every command shares: `--json` (results and errors), the exit codes of ./output.ts,
 * `--version` from package.json, and Ctrl-C.
 */
import { resolve } from 'node:path'
import { Command, CommanderError } from 'commander'
import pkg from '../../package.json'
import { log } from '../main/services/log/logger'
import { COMMANDS } from './commands'
import { EXIT, exitCode, jsonError, jsonResult, takeCommandFailure, USAGE_CODES, type RunEnd } from './output'

/** Builds the `badge-ide` program with every command registered, each taking `--json`. */
export function buildProgram(): Command {
  const program = new Command()
  program
    .name('badge-ide')
    .description('Badge IDE: emulate, deploy to and inspect the GitHub Universe 2025 badge from the command line.')
    .version(pkg.version)
    .option('--virtual-dir <dir>', 'the virtual badge\'s flash folder (with --port virtual; default: per-user)')
    .showHelpAfterError()
    .addHelpText('after', '\nEvery command takes --json. Exit codes: 0 ok, 1 app or device error, 2 usage, 130 interrupted (Ctrl-C).')
    .hook('preAction', () => {
      const dir = program.opts<{ virtualDir?: string }>().virtualDir
      if (dir) process.env['BADGE_IDE_VIRTUAL_DIR'] = resolve(dir)
    })
  for (const register of COMMANDS) register(program)
  for (const c of program.commands) {
    if (!c.options.some((o) => o.long === '--json')) {
      c.option('--json', 'print one JSON object: {"ok", "stdout", "stderr"}, or {"error": {"code", "message", "hint"}}')
      ownJson.delete(c.name())
    } else ownJson.add(c.name())
  }
  return program
}

// Commands that print their own JSON for --json (the rest get the captured-output object).
const ownJson = new Set<string>()

/** Collects what a command writes while `--json` is on, so one JSON object can be printed at the end. */
function captureOutput(): { stdout: string[]; stderr: string[]; restore(): void } {
  const out = process.stdout.write.bind(process.stdout)
  const err = process.stderr.write.bind(process.stderr)
  const cap = { stdout: [] as string[], stderr: [] as string[] }
  const grab = (into: string[]) => ((chunk: string | Uint8Array) => (into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), true)) as typeof process.stdout.write
  process.stdout.write = grab(cap.stdout)
  process.stderr.write = grab(cap.stderr)
  return {
    ...cap,
    restore() {
      process.stdout.write = out
      process.stderr.write = err
    },
  }
}

/** Runs the CLI with `argv` (as in process.argv) and resolves to the exit code (see ./output.ts). */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  takeCommandFailure()
  const program = buildProgram()
  // Subcommands copied the program's settings when they were added: set them on each.
  for (const c of [program, ...program.commands]) {
    c.exitOverride()
    if (json) c.configureOutput({ writeErr: () => undefined })
  }
  let capture: ReturnType<typeof captureOutput> | null = null
  program.hook('preAction', (_p, action) => {
    if (json && !ownJson.has(action.name())) capture = captureOutput()
  })
  const end: RunEnd = { interrupted: false, failed: false }
  // Ctrl-C: a command that handles SIGINT itself (deploy, run, stats --watch) winds down and the
  // run ends with 130; otherwise, or on a second Ctrl-C, the process ends with 130 at once.
  const onSigint = () => {
    const again = end.interrupted
    end.interrupted = true
    if (again || process.listenerCount('SIGINT') === 1) {
      capture?.restore()
      if (json) process.stdout.write(JSON.stringify(jsonError(Object.assign(new Error('interrupted'), { code: 'INTERRUPTED' }))) + '\n')
      process.exit(EXIT.interrupted)
    }
  }
  process.on('SIGINT', onSigint)
  let error: unknown = null
  try {
    await program.parseAsync(argv)
  } catch (e) {
    if (e instanceof CommanderError) {
      end.commander = e.code === 'commander.version' ? 'version' : e.code === 'commander.helpDisplayed' || e.code === 'commander.help' ? 'help' : 'usage'
      if (end.commander === 'usage') error = Object.assign(new Error(e.message.replace(/^error: /, '')), { code: 'USAGE', detail: e.message.replace(/^error: /, '') })
    } else {
      end.failed = true
      end.usage = USAGE_CODES.has(String((e as { code?: unknown } | null)?.code))
      error = e
    }
  } finally {
    process.off('SIGINT', onSigint)
    ;(capture as ReturnType<typeof captureOutput> | null)?.restore()
  }
  if (error && end.commander !== 'usage') log('cli').error({ err: error }, 'command failed')
  end.set = typeof process.exitCode === 'number' ? process.exitCode : undefined
  const code = exitCode(end)
  const cap = capture as ReturnType<typeof captureOutput> | null
  if (json && error) process.stdout.write(JSON.stringify(jsonError(error)) + '\n')
  else if (json && cap) process.stdout.write(JSON.stringify({ ...jsonResult(cap.stdout.join(''), cap.stderr.join(''), code), ...takeCommandFailure() }) + '\n')
  else if (error && end.commander !== 'usage') {
    const j = jsonError(error)
    process.stderr.write(j.error.code === 'INTERNAL' ? `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` : `error [${j.error.code}]: ${(error as Error).message}\n`)
  }
  return code
}
