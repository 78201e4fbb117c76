/**
 * `badge-ide mip install <project> <package...> --app <slug>`: adds MicroPython packages (names on
 * micropython-lib's index, `github:` URLs, package.json or .py URLs, as mpremote's `mip install`
 * takes them) to an app's folder, from this computer's network; deploy then sends them to the badge.
 */
import type { Command } from 'commander'
import { CodedError } from '../../shared/ipc/result'
import { ProjectFs } from '../../main/services/project/project-fs'
import { DEFAULT_INDEX, installPackage } from '../../main/services/tools/package-install'
import { projectApps } from '../../main/services/tools/scaffold'
import type { RegisterCommand } from './index'

/** Registers `mip`. */
export const registerMip: RegisterCommand = (program: Command) => {
  program
    .command('mip')
    .description("Add MicroPython packages to an app's folder (micropython-lib names, github: or https: URLs); deploy sends them with the app")
    .argument('<command>', 'install')
    .argument('<project>', 'project folder')
    .argument('<packages...>', 'name[@version], github:org/repo[/path][@branch], or an https:// URL of a package.json or .py file')
    .option('-a, --app <slug>', "the app that gets the files (default: the project's only app)")
    .option('--index <url>', `package index for names (default: $BADGE_IDE_PACKAGE_INDEX, else ${DEFAULT_INDEX})`)
    .option('-f, --force', 'replace files of the package that were changed in the app')
    .action(async (command: string, project: string, specs: string[], o: { app?: string; index?: string; force?: boolean }) => {
      if (command !== 'install') throw new CodedError('BAD_ARGS', `mip ${command}: the only command is install`)
      const fs = await ProjectFs.open(project)
      let app = o.app
      if (!app) {
        const apps = (await projectApps(fs)).filter((a) => a !== 'menu' && a !== 'startup')
        if (apps.length !== 1) throw new CodedError('BAD_ARGS', `name the app with --app (the project has ${apps.length ? apps.join(', ') : 'no apps'})`)
        app = apps[0]!
      }
      for (const spec of specs) {
        const r = await installPackage(fs, { spec, app, ...(o.index ? { index: o.index } : {}), force: Boolean(o.force), onProgress: (m) => process.stderr.write(`${m}\n`) })
        for (const f of r.written) process.stdout.write(`wrote ${f}\n`)
        for (const f of r.unchanged) process.stdout.write(`unchanged ${f}\n`)
        process.stdout.write(`installed ${r.packages.map((p) => (p.version ? `${p.name} ${p.version}` : p.name)).join(', ')} into apps/${app}\n`)
      }
    })
}
