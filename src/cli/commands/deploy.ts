/**
 * `badge-ide deploy <project> [--app slug] --port P [--preview] [--delete] [--include-secrets]`:
 * sends what changed to the badge (over the USB drive when it is mounted), with progress; Ctrl-C
 * finishes the current file and stops.
 */
import os from 'node:os'
import path from 'node:path'
import type { Command } from 'commander'
import { fileRecordStore } from '../../main/services/deploy/deploy-record'
import { describePlan, formatBytes } from '../../shared/deploy/plan'
import type { DeployPlan, DeployResult } from '../../shared/deploy/types'
import { CodedError } from '../../shared/ipc/result'
import { withDeviceSession } from '../../main/services/device/device-manager'
import type { DeviceSession } from '../../main/services/device/device-session'
import { createDeployService, type DeployEmit } from '../../main/services/deploy/deploy-service'
import { createDiskDetector, noDisk } from '../../main/services/deploy/disk-detect'
import { isErrorCode } from '../../shared/ipc/errors'
import { commandFailed } from '../output'
import type { RegisterCommand } from './index'

/** Options shared by `deploy` and `run`. */
export interface DeployCliOptions {
  port: string
  app?: string
  disk?: boolean
}

/** Deploy records of the CLI, under the user's cache folder (shared by every run). */
export function cliRecords() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return fileRecordStore(path.join(base, 'badge-ide', 'deploy-records'))
}

/** Prints a plan the way `--preview` shows it. */
export function formatPlan(plan: DeployPlan): string {
  const lines = [describePlan(plan)]
  for (const s of plan.send) lines.push(`  send   ${s.rel} → ${s.device} (${formatBytes(s.size)}, ${s.reason})`)
  for (const s of plan.skip) lines.push(`  skip   ${s.rel} (unchanged)`)
  for (const d of plan.delete) lines.push(`  delete ${d.device}${d.reason === 'leftover' ? ' (left by an interrupted deploy)' : ''}`)
  for (const k of plan.kept) lines.push(`  keep   ${k} (not in the project; --delete removes it)`)
  for (const p of plan.protected) lines.push(`  protect ${p} (not sent; --include-secrets sends it)`)
  return lines.join('\n')
}

/** Prints a result summary. */
export function formatResult(r: DeployResult): string {
  if (r.status === 'up-to-date') return `up to date (${r.skipped.length} file${r.skipped.length === 1 ? '' : 's'} unchanged, checked in ${r.ms} ms)`
  const head =
    r.status === 'done' ? 'deployed' : r.status === 'cancelled' ? 'cancelled' : `failed [${r.error?.code}]: ${r.error?.message}${r.error?.detail ? ` (${r.error.detail})` : ''}`
  const parts = [`${r.sent.length} sent (${formatBytes(r.bytesSent)})`, `${r.skipped.length} unchanged`]
  if (r.deleted.length) parts.push(`${r.deleted.length} deleted`)
  if (r.notSent.length) parts.push(`${r.notSent.length} not sent`)
  return `${head}: ${parts.join(', ')} via ${r.via} in ${r.ms} ms`
}

/** A progress printer for stderr: one line per file. */
export function progressPrinter(): DeployEmit {
  let lastFile = ''
  return ((channel: string, payload: unknown) => {
    if (channel !== 'deploy:progress') return
    const p = payload as { phase: string; file?: string; filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }
    if (p.file && p.file !== lastFile && p.phase !== 'done') {
      lastFile = p.file
      const verb = p.phase === 'deleting' ? 'deleting' : 'sending'
      process.stderr.write(`${verb} ${p.file} [${Math.min(p.filesDone + 1, p.filesTotal)}/${p.filesTotal}] ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}\n`)
    }
  }) as DeployEmit
}

/**
 * Runs `fn` with the serial session opened only when needed: in disk mode nothing is opened for a
 * deploy, so the serial link is not used while the drive is mounted.
 */
export async function withTarget<T>(o: DeployCliOptions, needSerial: boolean, fn: (session: () => DeviceSession) => Promise<T>): Promise<T> {
  const detect = o.disk === false ? noDisk : createDiskDetector()
  if (!needSerial && (await detect())) {
    return fn(() => {
      throw new CodedError('DISK_MODE_ACTIVE')
    })
  }
  return withDeviceSession(o.port, (s) => fn(() => s))
}

/** Registers `deploy`. */
export const registerDeploy: RegisterCommand = (program: Command) => {
  program
    .command('deploy')
    .description('Send the project (or one app) to the badge: only what changed, verified; Ctrl-C stops after the current file')
    .argument('<project>', 'project folder')
    .requiredOption('-p, --port <path>', 'serial port path (or "virtual")')
    .option('-a, --app <slug>', 'deploy only apps/<slug>')
    .option('--preview', 'show what would be sent, skipped and deleted, and write nothing')
    .option('--delete', 'delete files in the app folders on the badge that the project no longer has')
    .option('--include-secrets', 'also send secrets.py')
    .option('--rescan', 'ignore the record of the last deploy and hash every file on the badge')
    .option('--no-disk', 'ignore a mounted BADGER drive and use the serial link')
    .action(async (project: string, o: DeployCliOptions & { preview?: boolean; delete?: boolean; includeSecrets?: boolean; rescan?: boolean }) => {
      const root = path.resolve(project)
      const req = { ...(o.app ? { app: o.app } : {}), delete: o.delete ?? false, includeSecrets: o.includeSecrets ?? false, rescan: o.rescan ?? false }
      await withTarget(o, false, async (session) => {
        const svc = createDeployService({
          session,
          projectRoot: () => root,
          detectDisk: o.disk === false ? noDisk : createDiskDetector(),
          emit: progressPrinter(),
          records: cliRecords(),
        })
        if (o.preview) {
          const view = await svc.plan(req)
          process.stdout.write(`${view.via === 'disk' ? `via the USB drive at ${view.mount}\n` : ''}${formatPlan(view.plan)}\n`)
          return
        }
        const onSigint = () => {
          process.stderr.write('cancelling after the current file…\n')
          svc.cancel()
        }
        process.on('SIGINT', onSigint)
        try {
          const r = await svc.deploy(req)
          process.stdout.write(formatResult(r) + '\n')
          if (r.status === 'cancelled') commandFailed('CANCELLED', formatResult(r))
          else if (r.status === 'failed') commandFailed(r.error && isErrorCode(r.error.code) ? r.error.code : 'DEPLOY_FAILED', r.error?.detail ?? r.error?.message ?? formatResult(r))
        } finally {
          process.off('SIGINT', onSigint)
        }
      })
    })
}
