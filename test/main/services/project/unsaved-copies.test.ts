/**
 * Unsaved copies in the user-data folder: kept per project and file, the last one kept wins even
 * when calls overlap, forgotten one by one or all at once, damaged files left out; and through the
 * core's handlers, only for files of the open project.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../../src/main/app-core'
import { UnsavedCopies } from '../../../../src/main/services/project/unsaved-copies'
import { tempProject } from '../../../helpers/temp-project'

describe('UnsavedCopies', () => {
  const dirs: string[] = []
  const store = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'unsaved-'))
    dirs.push(d)
    return { dir: d, copies: new UnsavedCopies(d) }
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('keeps a copy per project and file, the newest one replacing the older', async () => {
    const { copies } = store()
    await copies.keep('/p', { path: 'main.py', text: 'a = 1', baseMtimeMs: 5 })
    await copies.keep('/p', { path: 'main.py', text: 'a = 2', baseMtimeMs: 5 })
    await copies.keep('/p', { path: 'apps/x/__init__.py', text: 'ü\n', baseMtimeMs: 0 })
    await copies.keep('/q', { path: 'main.py', text: 'other project', baseMtimeMs: 1 })
    expect(await copies.list('/p')).toEqual([
      { path: 'apps/x/__init__.py', text: 'ü\n', baseMtimeMs: 0 },
      { path: 'main.py', text: 'a = 2', baseMtimeMs: 5 },
    ])
    expect(await copies.list('/q')).toEqual([{ path: 'main.py', text: 'other project', baseMtimeMs: 1 }])
    expect(await copies.list('/none')).toEqual([])
  })

  it('overlapping calls land in order: the last copy kept is the one listed, a forget after a keep wins', async () => {
    const { copies } = store()
    const big = 'x'.repeat(2_000_000)
    await Promise.all([
      copies.keep('/p', { path: 'a.py', text: big, baseMtimeMs: 1 }),
      copies.keep('/p', { path: 'a.py', text: 'small', baseMtimeMs: 1 }),
      copies.keep('/p', { path: 'b.py', text: 'b', baseMtimeMs: 1 }),
      copies.forget('/p', 'b.py'),
    ])
    expect(await copies.list('/p')).toEqual([{ path: 'a.py', text: 'small', baseMtimeMs: 1 }])
  })

  it('forgets one file, or every file of a project', async () => {
    const { copies } = store()
    for (const p of ['a.py', 'b.py']) await copies.keep('/p', { path: p, text: p, baseMtimeMs: 0 })
    await copies.keep('/q', { path: 'a.py', text: 'q', baseMtimeMs: 0 })
    await copies.forget('/p', 'a.py')
    await copies.forget('/p', 'not-kept.py')
    expect((await copies.list('/p')).map((c) => c.path)).toEqual(['b.py'])
    await copies.forget('/p')
    expect(await copies.list('/p')).toEqual([])
    expect(await copies.list('/q')).toHaveLength(1)
  })

  it('leaves out and removes what is not a copy (damaged JSON, wrong fields, a file under another name)', async () => {
    const { dir, copies } = store()
    await copies.keep('/p', { path: 'good.py', text: 'ok', baseMtimeMs: 0 })
    const folder = path.join(dir, readdirSync(dir)[0]!)
    const good = readdirSync(folder)[0]!
    writeFileSync(path.join(folder, 'damaged.json'), '{"path": "x.py", "te')
    writeFileSync(path.join(folder, 'fields.json'), JSON.stringify({ path: 'y.py', text: 3, baseMtimeMs: 0 }))
    // A valid copy whose name is not its path's: it would shadow another file's copy.
    writeFileSync(path.join(folder, 'renamed.json'), JSON.stringify({ path: 'z.py', text: 'z', baseMtimeMs: 0 }))
    expect(await copies.list('/p')).toEqual([{ path: 'good.py', text: 'ok', baseMtimeMs: 0 }])
    expect(readdirSync(folder)).toEqual([good])
  })
})

describe('project:keepUnsaved / project:unsaved / project:forgetUnsaved', () => {
  let core: AppCore
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'unsaved-core-'))
  const project = tempProject('hello')
  beforeAll(async () => {
    core = await createAppCore({ userDataDir, watch: false, shell: { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined } })
  })
  afterAll(async () => {
    await core?.dispose()
    rmSync(userDataDir, { recursive: true, force: true })
    project.cleanup()
  })

  it('needs an open project, and keeps copies of its files only', async () => {
    expect(await core.dispatch('project:unsaved', {})).toMatchObject({ ok: false, code: 'NO_PROJECT' })
    await core.project.open(project.dir)
    expect(await core.dispatch('project:keepUnsaved', { path: '../outside.py', text: 'x', baseMtimeMs: 0 })).toMatchObject({ ok: false, code: 'PATH_TRAVERSAL' })
    expect(await core.dispatch('project:keepUnsaved', { path: '/etc/passwd', text: 'x', baseMtimeMs: 0 })).toMatchObject({ ok: false, code: 'PATH_ABSOLUTE' })
    expect(await core.dispatch('project:keepUnsaved', { path: './apps//hello/__init__.py', text: 'edited', baseMtimeMs: 7 })).toMatchObject({ ok: true })
    expect(await core.dispatch('project:keepUnsaved', { path: 'new.py', text: 'not on disk yet', baseMtimeMs: 0 })).toMatchObject({ ok: true })
    expect(await core.dispatch('project:unsaved', {})).toEqual({
      ok: true,
      value: [
        { path: 'apps/hello/__init__.py', text: 'edited', baseMtimeMs: 7 },
        { path: 'new.py', text: 'not on disk yet', baseMtimeMs: 0 },
      ],
    })
    await core.dispatch('project:forgetUnsaved', { path: 'new.py' })
    expect(await core.dispatch('project:unsaved', {})).toMatchObject({ ok: true, value: [{ path: 'apps/hello/__init__.py' }] })
    await core.dispatch('project:forgetUnsaved', {})
    expect(await core.dispatch('project:unsaved', {})).toEqual({ ok: true, value: [] })
  })
})
