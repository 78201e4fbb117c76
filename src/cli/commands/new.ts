/** `badge-ide new <project> <slug> [--template NAME]`: creates an app from a template; `new --list` lists templates. */
import { mkdirSync } from 'node:fs'
import type { Command } from 'commander'
import { CodedError } from '../../shared/ipc/result'
import { ProjectFs } from '../../main/services/project/project-fs'
import { createApp } from '../../main/services/tools/scaffold'
import { DEFAULT_TEMPLATE, TEMPLATES } from '../../main/services/tools/templates'
import type { RegisterCommand } from './index'

/** Registers `new`. */
export const registerNew: RegisterCommand = (program: Command) => {
  program
    .command('new')
    .description('Create apps/<slug> in a project from a template, with an icon, and add it to the launcher')
    .argument('[project]', 'project folder (mirrors the badge\'s /system)')
    .argument('[slug]', 'app folder name: lower-case letters, digits, underscores')
    .option('-t, --template <name>', `template (${TEMPLATES.map((t) => t.name).join(', ')})`, DEFAULT_TEMPLATE)
    .option('--title <text>', 'display title (default from the slug)')
    .option('-l, --list', 'list the templates and exit')
    .action(async (project: string | undefined, slug: string | undefined, o: { template: string; title?: string; list?: boolean }) => {
      if (o.list) {
        const width = Math.max(...TEMPLATES.map((t) => t.name.length))
        for (const t of TEMPLATES) process.stdout.write(`${t.name.padEnd(width)}  ${t.title}: ${t.description}\n`)
        return
      }
      if (!project || !slug) throw new CodedError('BAD_ARGS', 'usage: badge-ide new <project> <slug> [--template NAME] (or new --list)')
      // A new project folder is made on the way (as the README's first example expects).
      mkdirSync(project, { recursive: true })
      const fs = await ProjectFs.open(project)
      const r = await createApp(fs, { slug, template: o.template, ...(o.title ? { title: o.title } : {}) })
      for (const f of r.files) process.stdout.write(`wrote ${f}\n`)
      process.stdout.write(`launcher (${r.launcher.kind}): ${r.launcher.note}\n`)
    })
}
