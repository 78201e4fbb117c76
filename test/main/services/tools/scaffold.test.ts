import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../../../src/main/emulator/graphics/png'
import { ProjectFs } from '../../../../src/main/services/project/project-fs'
import { readPngChunks } from '../../../../src/main/services/tools/png-writer'
import { createApp, launcherStatus } from '../../../../src/main/services/tools/scaffold'
import { fillPlaceholders, renderTemplate, TEMPLATES } from '../../../../src/main/services/tools/templates'
import { tempProject } from '../../../helpers/temp-project'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function project(name?: string): Promise<{ dir: string; fs: ProjectFs }> {
  const t = tempProject(name)
  cleanups.push(t.cleanup)
  return { dir: t.dir, fs: await ProjectFs.open(t.dir) }
}

describe('templates', () => {
  it('every template renders with its placeholders filled', async () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual(['hello', 'animation', 'game', 'network'])
    for (const t of TEMPLATES) {
      const files = await renderTemplate(t.name, 'my_app', 'My "App"')
      const init = files.find((f) => f.name === '__init__.py')
      expect(init, t.name).toBeDefined()
      const text = Buffer.from(init!.data).toString('utf8')
      expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/)
      expect(text).toMatch(/^def update\(\):/m)
    }
    expect(fillPlaceholders('x = {{TITLE_STR}}  # {{TITLE}}', 's', 'It\'s "q"\nz')).toBe(`x = "It's \\"q\\" z"  # It's "q" z`)
  })

  it('refuses unknown templates with a stable code', async () => {
    await expect(renderTemplate('nope', 'a', 'A')).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' })
  })
})

describe('createApp', () => {
  it('writes the app and a badge-compatible icon; no launcher means nothing to edit', async () => {
    const { dir, fs } = await project()
    const r = await createApp(fs, { slug: 'snake', template: 'game' })
    expect(r.files).toEqual(['apps/snake/__init__.py', 'apps/snake/icon.png'])
    expect(r.launcher).toMatchObject({ kind: 'none', changed: false })
    const init = readFileSync(path.join(dir, 'apps/snake/__init__.py'), 'utf8')
    expect(init).toContain('State.load("snake", state)')
    const png = readFileSync(path.join(dir, 'apps/snake/icon.png'))
    expect(readPngChunks(png).filter((c) => c.type === 'IDAT')).toHaveLength(1)
    const img = decodePngFile(png)
    expect([img.width, img.height, img.deviceUnsupported]).toEqual([24, 24, null])
  })

  it('refuses bad slugs and existing apps', async () => {
    const { fs } = await project('hello')
    await expect(createApp(fs, { slug: 'Bad-Name' })).rejects.toMatchObject({ code: 'INVALID_SLUG' })
    await expect(createApp(fs, { slug: 'menu' })).rejects.toMatchObject({ code: 'INVALID_SLUG' })
    await expect(createApp(fs, { slug: 'hello' })).rejects.toMatchObject({ code: 'APP_EXISTS' })
  })

  it('adds the app to a fixed-list launcher with a one-line edit', async () => {
    const { dir, fs } = await project('launcher-list')
    expect(await launcherStatus(fs)).toEqual({ kind: 'list', listName: 'APPS', slugs: ['hello'], path: 'apps/menu/__init__.py' })
    const before = readFileSync(path.join(dir, 'apps/menu/__init__.py'), 'utf8')
    const r = await createApp(fs, { slug: 'snake', title: 'Snake!' })
    expect(r.launcher).toMatchObject({ kind: 'list', changed: true, slugs: ['hello', 'snake'] })
    expect(r.files).toContain('apps/menu/__init__.py')
    const after = readFileSync(path.join(dir, 'apps/menu/__init__.py'), 'utf8')
    expect(after).toBe(before.replace('# the first app\n', '# the first app\n    ("Snake!", "snake"),\n'))
    expect(after).toContain('    # ("Retired", "retired"),\n')
  })

  it('leaves a scanning launcher alone', async () => {
    const { dir, fs } = await project('launcher-scan')
    const before = readFileSync(path.join(dir, 'apps/menu/__init__.py'), 'utf8')
    expect((await launcherStatus(fs)).kind).toBe('scan')
    const r = await createApp(fs, { slug: 'snake', template: 'animation' })
    expect(r.launcher).toMatchObject({ kind: 'scan', changed: false })
    expect(readFileSync(path.join(dir, 'apps/menu/__init__.py'), 'utf8')).toBe(before)
    expect(existsSync(path.join(dir, 'apps/snake/__init__.py'))).toBe(true)
  })
})
