/**
 * The installed app doubles as the `badge-ide` command (the deb links /usr/bin/badge-ide to it):
 * started with a CLI command or --help/--version it runs the CLI in the terminal and exits, without
 * a window. A pure decision (no electron import, unit-tested).
 */

/** Arguments that mean the CLI even without a command. */
const CLI_FLAGS = ['-h', '--help', '-V', '--version', '--virtual-dir', 'help']

/**
 * The CLI arguments when this start is a CLI call, else null (open the window). `argv` is
 * process.argv; `defaultApp` is process.defaultApp (true under `electron .`, whose argv has the app
 * folder second); `commands` are the CLI's command names.
 */
export function cliArgs(argv: string[], defaultApp: boolean, commands: string[]): string[] | null {
  const user = argv.slice(defaultApp ? 2 : 1)
  const first = user[0]
  if (first === undefined) return null
  return commands.includes(first) || CLI_FLAGS.includes(first) ? user : null
}
