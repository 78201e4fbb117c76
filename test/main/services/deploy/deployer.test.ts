/** The deployer against a fake target: space check before writing, failure reporting, leftovers. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempProject } from '../../../helpers/temp-project'
import { executeDeploy, prepareDeploy } from '../../../../src/main/services/deploy/deployer'
import type { DeployTarget } from '../../../../src/main/services/deploy/deploy-target'
import { BADGE_LAYOUT } from '../../../../src/shared/deploy/layout'
import type { DeviceSnapshot } from '../../../../src/shared/deploy/types'
import { CodedError } from '../../../../src/shared/ipc/result'

const project = tempProject()
afterAll(() => project.cleanup())
function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}
put('apps/a/__init__.py', 'x = 1\n')
put('apps/a/big.bin', new Uint8Array(5000))

function fakeTarget(snap: Partial<DeviceSnapshot>, fail?: (p: string) => Error | undefined) {
  const writes: string[] = []
  const removes: string[] = []
  const target: DeployTarget = {
    via: 'serial',
    layout: BADGE_LAYOUT,
    atomic: false,
    snapshot: async () => ({ algo: 'sha256', files: [], ...snap }),
    write: async (p) => {
      const e = fail?.(p)
      if (e) throw e
      writes.push(p)
    },
    remove: async (p) => void removes.push(p),
  }
  return { target, writes, removes }
}

describe('deployer', () => {
  it('refuses with DEVICE_NO_SPACE before writing anything when the device says it cannot fit', async () => {
    const t = fakeTarget({ freeBytes: 1000 })
    await expect(prepareDeploy(t.target, { root: project.dir, app: 'a' })).rejects.toMatchObject({ code: 'DEVICE_NO_SPACE' })
    expect(t.writes).toEqual([])
  })

  it('reports a device failure with what was sent and removes a partial new file on a non-atomic device', async () => {
    const t = fakeTarget({}, (p) => (p.endsWith('__init__.py') ? new CodedError('DEVICE_NO_SPACE', 'OSError: 28') : undefined))
    const prep = await prepareDeploy(t.target, { root: project.dir, app: 'a' })
    const r = await executeDeploy(t.target, prep)
    expect(r.status).toBe('failed')
    expect(r.error).toMatchObject({ code: 'DEVICE_NO_SPACE', detail: 'OSError: 28' })
    expect(r.sent).toEqual(['apps/a/big.bin'])
    expect(r.notSent).toEqual(['apps/a/__init__.py'])
    expect(t.removes).toEqual(['/system/apps/a/__init__.py'])
  })

  it('does not touch the device after the link dropped', async () => {
    const t = fakeTarget({}, () => new CodedError('DISCONNECTED', 'cable'))
    const r = await executeDeploy(t.target, await prepareDeploy(t.target, { root: project.dir, app: 'a' }))
    expect(r.error?.code).toBe('DISCONNECTED')
    expect(t.removes).toEqual([])
  })

  it('fails with APP_NOT_FOUND for an app without __init__.py', async () => {
    const t = fakeTarget({})
    await expect(prepareDeploy(t.target, { root: project.dir, app: 'nope' })).rejects.toMatchObject({ code: 'APP_NOT_FOUND' })
  })
})
