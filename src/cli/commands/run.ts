/**
 * `badge-ide run <project> --app slug --port P`: deploys what changed, starts the app like the
 * launcher, streams its output; tracebacks name project files. Ctrl-C stops the app.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { createDeployService } from '../../main/services/deploy/deploy-service'
import { createDiskDetector, noDisk } from '../../main/services/deploy/disk-detect'
import { innermostProjectFrame } from '../../shared/traceback'
import { cliRecords, progressPrinter, withTarget, type DeployCliOptions } from './deploy'
import { commandFailed } from '../output'
import type { RegisterCommand } from './index'

/** Registers `run`. */
export const registerRun: RegisterCommand = (program: Command) => {
  program
    .command('run')
    .description('Deploy what changed and run an app on the badge, streaming its output; Ctrl-C stops it')
    .argument('<project>', 'project folder')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .requiredOption('-a, --app <slug>', 'the app to run (apps/<slug>)')
    .option('--no-disk', 'ignore a mounted BADGER drive and use the serial link')
    .action(async (project: string, o: DeployCliOptions & { app: string }) => {
      const root = path.resolve(project)
      await withTarget(o, true, async (session) => {
        const printProgress = progressPrinter()
        const svc = createDeployService({
          session,
          projectRoot: () => root,
          detectDisk: o.disk === false ? noDisk : createDiskDetector(),
          records: cliRecords(),
          emit: (channel, payload) => {
            if (channel === 'device:output') {
              const p = payload as { data: string; stream: string }
              ;(p.stream === 'stderr' ? process.stderr : process.stdout).write(p.data)
            } else printProgress(channel as 'deploy:progress', payload as never)
          },
        })
        const onSigint = () => void svc.stop().catch(() => undefined)
        process.on('SIGINT', onSigint)
        try {
          await svc.runApp(o.app)
          const end = await svc.runDone()
          if (end?.status === 'stopped') process.stderr.write('\nstopped\n')
          if (end?.status === 'error') {
            const at = innermostProjectFrame(end.frames ?? [])
            if (at) process.stderr.write(`error at ${at.file}:${at.line}\n`)
            commandFailed('DEVICE_ERROR', `${end.exception ?? 'the app raised'}${at ? ` (${at.file}:${at.line})` : ''}`)
          }
        } finally {
          process.off('SIGINT', onSigint)
        }
      })
    })
}
