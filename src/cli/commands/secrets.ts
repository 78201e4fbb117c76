/**
 * `badge-ide secrets <project> [--set KEY=VALUE ...] [--unset KEY ...]`: shows or edits the
 * project's secrets.py. Passwords and tokens are always printed masked.
 */
import type { Command } from 'commander'
import { CodedError } from '../../shared/ipc/result'
import { MASK } from '../../shared/tools/secrets'
import { ProjectFs } from '../../main/services/project/project-fs'
import { readSecrets, writeSecrets } from '../../main/services/tools/secrets-file'
import type { RegisterCommand } from './index'

const collect = (v: string, acc: string[]): string[] => [...acc, v]

/** Registers `secrets`. */
export const registerSecrets: RegisterCommand = (program: Command) => {
  program
    .command('secrets')
    .description('Show or edit secrets.py (Wi-Fi, GitHub user, other keys); passwords and tokens print masked')
    .argument('<project>', 'project folder')
    .option('-s, --set <KEY=VALUE>', 'set a string value (repeatable); other lines of the file are kept', collect, [])
    .option('-u, --unset <KEY>', 'remove a key (repeatable)', collect, [])
    .action(async (project: string, o: { set: string[]; unset: string[] }) => {
      const fs = await ProjectFs.open(project)
      const rows = o.set.map((pair) => {
        const i = pair.indexOf('=')
        if (i <= 0) throw new CodedError('SECRETS_INVALID', 'use --set KEY=VALUE')
        return { key: pair.slice(0, i), type: 'string' as const, value: pair.slice(i + 1) }
      })
      const view = rows.length || o.unset.length ? await writeSecrets(fs, rows, o.unset) : await readSecrets(fs)
      if (!view.exists) {
        process.stdout.write('no secrets.py in this project (create one with --set WIFI_SSID=...)\n')
        return
      }
      for (const e of view.entries) {
        const shown = e.masked ? MASK : e.type === 'string' ? JSON.stringify(e.value) : e.value
        process.stdout.write(`${e.key} = ${shown}\n`)
      }
      if (view.otherLines) process.stdout.write(`(${view.otherLines} other line(s) kept as they are)\n`)
    })
}
