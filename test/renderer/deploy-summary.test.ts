/** The one line a deploy leaves in the Deploy control and the console. */
import { describe, expect, it, vi } from 'vitest'
import type { DeployResult } from '../../src/shared/deploy/types'

vi.mock('../../src/renderer/src/api', async () => (await import('./fake-api')).apiModule)
const { summarizeDeploy } = await import('../../src/renderer/src/stores/device')

const result = (patch: Partial<DeployResult>): DeployResult => ({ status: 'done', via: 'serial', sent: [], skipped: [], deleted: [], notSent: [], bytesSent: 0, ms: 1234, ...patch })

describe('summarizeDeploy', () => {
  it('counts files in the singular and the plural', () => {
    expect(summarizeDeploy(result({ status: 'up-to-date', skipped: ['a'] }))).toBe('Already up to date (1 file checked)')
    expect(summarizeDeploy(result({ status: 'up-to-date', skipped: ['a', 'b'] }))).toBe('Already up to date (2 files checked)')
    expect(summarizeDeploy(result({ sent: ['a'], skipped: ['b', 'c'], bytesSent: 2048 }))).toBe('Deployed 1 file (2.0 KB), 2 unchanged in 1.2 s')
  })
})
