/** Every CLI command's registration function, in help order. Add one line per command. */
import type { Command } from 'commander'
import { registerPorts } from './ports'
import { registerExec } from './exec'
import { registerLs } from './ls'
import { registerGet } from './get'
import { registerPut } from './put'
import { registerRm } from './rm'
import { registerRepl } from './repl'
import { registerNew } from './new'
import { registerSecrets } from './secrets'
import { registerAssets } from './assets'
import { registerDeploy } from './deploy'
import { registerRun } from './run'
import { registerStats } from './stats'
import { registerEmulate } from './emulate'
import { registerVirtual } from './virtual'
import { registerCheck } from './check'
import { registerMip } from './mip'

/** Adds one command (with its options and action) to the program. */
export type RegisterCommand = (program: Command) => void

export const COMMANDS: RegisterCommand[] = [
  registerPorts,
  registerExec,
  registerLs,
  registerGet,
  registerPut,
  registerRm,
  registerRepl,
  registerNew,
  registerMip,
  registerSecrets,
  registerAssets,
  registerDeploy,
  registerRun,
  registerStats,
  registerEmulate,
  registerVirtual,
  registerCheck,
]
