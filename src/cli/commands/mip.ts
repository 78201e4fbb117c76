/**
 * `badge-ide mip install <project> <package...> --app <slug>`: adds MicroPython packages (names on
 * micropython-lib's index, `github:` URLs, package.json or .py URLs, as mpremote's `mip install`
 * takes them) to an app's folder, from this computer's network; deploy then sends them to the badge.
 * `badge-ide mip search [words...]`: the index's packages whose name or description has the words.
 */
import type { Command } from 'commander'
import { CodedError } from '../../shared/ipc/result'
import { ProjectFs } from '../../main/services/project/project-fs'
import { DEFAULT_INDEX, installPackage, listPackages } from '../../main/services/tools/package-install'
import { searchPackages } from '../../shared/tools/package-search'
import { projectApps } from '../../main/services/tools/scaffold'
import type { RegisterCommand } from './index'

/** Registers `mip`. */
export const registerMip: RegisterCommand = (program: Command) => {
  program
    .command('mip')
    .description("Add MicroPython packages to an app's folder (micropython-lib names, github: or https: URLs); deploy sends them with the app")
    .argument('<command>', 'install (mip install <project> <packages...>) or search (mip search [words...])')
    .argument('[args...]', 'install: the project folder, then name[@version], github:org/repo[/path][@branch] or https:// URLs of a package.json or .py file; search: words to find in names and descriptions (none: every package)')
    .option('-a, --app <slug>', "install: the app that gets the files (default: the project's only app)")
    .option('--index <url>', `package index for names (default: $BADGE_IDE_PACKAGE_INDEX, else ${DEFAULT_INDEX})`)
    .option('-f, --force', 'install: replace files of the package that were changed in the app')
    .action(async (command: string, args: string[], o: { app?: string; index?: string; force?: boolean }) => {
      if (command === 'search') {
        const found = searchPackages(await listPackages(o.index ? { index: o.index } : {}), args.join(' '))
        const width = Math.min(28, Math.max(0, ...found.map((p) => p.name.length)))
        for (const p of found) process.stdout.write(`${p.name.padEnd(width)}  ${p.version.padEnd(8)}  ${p.description}`.trimEnd() + '\n')
        if (!found.length) process.stderr.write(`no package on the index matches "${args.join(' ')}"\n`)
        return
      }
      if (command !== 'install') throw new CodedError('BAD_ARGS', `mip ${command}: the commands are install and search`)
      const [project, ...specs] = args
      if (!project || !specs.length) throw new CodedError('BAD_ARGS', 'mip install <project> <packages...>: name the project folder and at least one package')
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
