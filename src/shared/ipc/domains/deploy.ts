/** Deploy and run-on-badge operations. Owned by the deploy work. */
import { z } from 'zod'
import { event, op } from '../define'
import { SLUG_RE } from '../../deploy/layout'
import type { DeployPlan, DeployProgress, DeployResult } from '../../deploy/types'
import type { TraceFrame } from '../../traceback'

export type { DeployPlan, DeployProgress, DeployResult } from '../../deploy/types'

/** A plan with the route it would take. */
export interface DeployPlanView {
  plan: DeployPlan
  /** 'disk' when the badge is mounted as a USB drive (BADGER), else 'serial'. */
  via: 'serial' | 'disk'
  /** Mount point of the drive in disk mode. */
  mount?: string
}

/** State of an app started on the badge from the IDE. */
export interface RunState {
  status: 'deploying' | 'running' | 'finished' | 'stopped' | 'error'
  app: string
  /** Traceback with project paths when the app raised. */
  traceback?: string
  /** The traceback's frames, project files resolved (the editor gutter marks them, opens the innermost). */
  frames?: TraceFrame[]
  exception?: string
}

const deployArgs = z.object({
  /** One app; the whole project when absent. */
  app: z.string().regex(SLUG_RE).max(64).optional(),
  /** Delete badge files the project no longer has (inside the apps' folders only). */
  delete: z.boolean().optional(),
  /** Also send secrets.py. */
  includeSecrets: z.boolean().optional(),
  /** Ignore the local record of the last deploy and hash every file on the badge. */
  rescan: z.boolean().optional(),
})

export const deployOps = {
  'deploy:plan': op<DeployPlanView>()(deployArgs, 'Computes what a deploy of the open project would send, skip and delete (one device round trip); writes nothing.'),
  'deploy:start': op<DeployResult>()(
    deployArgs,
    'Deploys the open project (or one app) to the badge: only changed files, verified; progress as deploy:progress. Resolves with the result (status "failed" carries the error).',
  ),
  'deploy:drive': op<string | null>()(z.object({}), 'The mounted BADGER drive (the badge in USB disk mode) a deploy would write to, or null.'),
  'deploy:cancel': op<void>()(z.object({}), 'Cancels a running deploy: the current file finishes safely, then it stops.'),
  'deploy:run': op<RunState>()(
    z.object({ app: z.string().regex(SLUG_RE).max(64) }),
    'Deploys what changed and starts the app on the badge like the launcher; output streams as device:output, the end as deploy:runState.',
  ),
  'deploy:stop': op<void>()(z.object({}), 'Stops the app running on the badge (Ctrl-C); resolves at a usable prompt.'),
}

export const deployEvents = {
  'deploy:progress': event<DeployProgress>('Deploy progress: files and bytes.'),
  'deploy:result': event<DeployResult>('A deploy ended (done, up to date, cancelled or failed).'),
  'deploy:runState': event<RunState>('An app started from the IDE changed state (running, finished, stopped, error with mapped traceback).'),
}
