/** Every CLI command's registration function, in help order. Add one line per command. */
import type { Command } from 'commander'

/** Adds one command (with its options and action) to the program. */
export type RegisterCommand = (program: Command) => void

export const COMMANDS: RegisterCommand[] = []
