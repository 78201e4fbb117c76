/**
 * `badge-ide check <project>`: what the badge would reject, before it runs: syntax errors from the
 * badge's MicroPython compiler and the badgeware checks, one `file:line:col: message` line each (the
 * format editors and CI annotate from). Exits 1 when there is an error (warnings alone exit 0), for
 * CI and pre-commit hooks.
 */
import type { Command } from 'commander'
import { CheckService } from '../../main/services/check/check-service'
import { ProjectFs } from '../../main/services/project/project-fs'
import { formatDiagnostic } from '../../shared/check/diagnostics'
import type { RegisterCommand } from './index'

/** Registers `check`. */
export const registerCheck: RegisterCommand = (program: Command) => {
  program
    .command('check')
    .description("Check a project's Python files with the badge's compiler and the badgeware API (exit 1 on errors)")
    .argument('<project>', 'project folder')
    .option('--json', 'print {"ok", "files", "errors", "warnings", "diagnostics": [{path, line, col, endLine, endCol, severity, message, source}]}')
    .action(async (project: string, o: { json?: boolean }) => {
      const fs = await ProjectFs.open(project)
      const service = new CheckService()
      try {
        const r = await service.project(fs)
        const errors = r.diagnostics.filter((d) => d.severity === 'error').length
        const warnings = r.diagnostics.length - errors
        if (errors) process.exitCode = 1
        if (o.json) {
          process.stdout.write(JSON.stringify({ ok: errors === 0, files: r.files.length, errors, warnings, diagnostics: r.diagnostics }) + '\n')
          return
        }
        for (const d of r.diagnostics) process.stdout.write(`${formatDiagnostic(d)}${d.severity === 'warning' ? ' (warning)' : ''}\n`)
        const n = r.files.length
        const files = `${n} file${n === 1 ? '' : 's'}`
        process.stderr.write(r.diagnostics.length ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files}\n` : `No problems in ${files}\n`)
      } finally {
        await service.dispose()
      }
    })
}
