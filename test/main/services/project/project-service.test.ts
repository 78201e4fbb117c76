import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProjectChange } from '../../../../src/shared/ipc/domains/project'
import { ProjectService } from '../../../../src/main/services/project/project-service'
import { SettingsStore } from '../../../../src/main/services/settings'

let root: string
let userData: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'proj-'))
  userData = mkdtempSync(path.join(os.tmpdir(), 'ud-'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(userData, { recursive: true, force: true })
})

describe('ProjectService', () => {
  it('refuses operations before a project is open', () => {
    const svc = new ProjectService({ settings: new SettingsStore(userData), emit: () => undefined, watch: false })
    expect(() => svc.files).toThrow(expect.objectContaining({ code: 'NO_PROJECT' }))
  })

  it('opens, records the project as recent and reports external changes in batches', async () => {
    const batches: ProjectChange[][] = []
    const settings = new SettingsStore(userData)
    const svc = new ProjectService({
      settings,
      emit: (channel, payload) => {
        if (channel === 'project:changed') batches.push(payload as ProjectChange[])
      },
    })
    const info = await svc.open(root)
    expect(info.tree.children).toEqual([])
    expect(await settings.recent()).toEqual([svc.root])
    await new Promise((r) => setTimeout(r, 300)) // let the watcher settle before changing files
    writeFileSync(path.join(root, 'a.py'), 'x')
    writeFileSync(path.join(root, 'b.py'), 'y')
    await expect.poll(() => batches.flat().map((c) => c.path).sort(), { timeout: 5000 }).toEqual(['a.py', 'b.py'])
    expect(batches.flat().every((c) => c.kind === 'add')).toBe(true)
    await svc.close()
  })
})
