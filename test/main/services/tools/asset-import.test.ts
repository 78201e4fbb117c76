import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRouter } from '../../../../src/main/ipc/router'
import { toolsHandlers } from '../../../../src/main/handlers/tools'
import { ProjectService } from '../../../../src/main/services/project/project-service'
import { SettingsStore } from '../../../../src/main/services/settings'
import {
  assetKindOf, deviceSource, folderSource, folderTarget, importAssets, type DeviceLike,
} from '../../../../src/main/services/tools/asset-import'
import { tempProject } from '../../../helpers/temp-project'
import { makePpf } from './make-font'

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function temp(): string {
  const t = tempProject()
  cleanups.push(t.cleanup)
  return t.dir
}

/** A fake BADGER drive with our own fonts, an image, a launcher and a user app. */
function makeDrive(root: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    'assets/fonts/alpha.ppf': makePpf('alpha'),
    'assets/fonts/beta.ppf': makePpf('beta', 9, 12),
    'assets/mona-sprites/walk.png': Uint8Array.of(1, 2, 3),
    'apps/menu/__init__.py': Buffer.from('APPS = ["x"]\n'),
    'apps/menu/ui.py': Buffer.from('# ui\n'),
    'apps/flappy/__init__.py': Buffer.from('def update(): pass\n'),
    'main.py': Buffer.from('# boot\n'),
    'secrets.py': Buffer.from('WIFI_PASSWORD = "never-copied"\n'),
  }
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), data)
  }
  return files
}

describe('assetKindOf', () => {
  it.each([
    ['assets/fonts/sins.ppf', 'fonts'], ['assets/fonts/MonaSans-Medium.af', 'fonts'], ['assets/x/y.png', 'images'],
    ['apps/menu/__init__.py', 'launcher'], ['apps/startup/a.png', 'launcher'], ['main.py', 'launcher'],
    ['apps/flappy/__init__.py', null], ['secrets.py', null],
  ])('%s → %s', (rel, kind) => expect(assetKindOf(rel)).toBe(kind))
})

describe('importAssets', () => {
  it('copies fonts and images from a BADGER folder into a cache folder, skipping existing files', async () => {
    const drive = temp()
    const files = makeDrive(drive)
    const cache = temp()
    const report = await importAssets(await folderSource(drive), folderTarget(cache))
    expect(report.copied).toEqual(['assets/fonts/alpha.ppf', 'assets/fonts/beta.ppf', 'assets/mona-sprites/walk.png'])
    expect(report.ignored).toBe(5)
    expect(readFileSync(path.join(cache, 'assets/fonts/beta.ppf'))).toEqual(Buffer.from(files['assets/fonts/beta.ppf']!))
    const again = await importAssets(await folderSource(drive), folderTarget(cache), { include: ['fonts', 'launcher'] })
    expect(again.copied).toEqual(['apps/menu/__init__.py', 'apps/menu/ui.py', 'main.py'])
    expect(again.skipped).toEqual(['assets/fonts/alpha.ppf', 'assets/fonts/beta.ppf'])
    expect(existsSync(path.join(cache, 'secrets.py'))).toBe(false)
    expect(existsSync(path.join(cache, 'apps/flappy'))).toBe(false)
  })

  it('finds /system inside a folder, takes a bare folder of fonts, and refuses other folders', async () => {
    const outer = temp()
    makeDrive(path.join(outer, 'system'))
    expect((await (await folderSource(outer)).listFiles())).toContain('assets/fonts/alpha.ppf')
    const fontsOnly = temp()
    writeFileSync(path.join(fontsOnly, 'gamma.ppf'), makePpf('gamma'))
    const src = await folderSource(fontsOnly)
    expect(await src.listFiles()).toEqual(['assets/fonts/gamma.ppf'])
    expect(Buffer.from(await src.read('assets/fonts/gamma.ppf'))).toEqual(Buffer.from(makePpf('gamma')))
    const empty = temp()
    await expect(folderSource(empty)).rejects.toMatchObject({ code: 'ASSETS_NOT_FOUND' })
    await expect(folderSource(path.join(empty, 'missing'))).rejects.toMatchObject({ code: 'ASSETS_NOT_FOUND' })
  })

  it('imports from a connected badge and never writes outside the target', async () => {
    const store = new Map<string, Uint8Array>([
      ['/system/assets/fonts/alpha.ppf', makePpf('alpha')],
      ['/system/assets/../../evil.ppf', Uint8Array.of(1)],
      ['/system/apps/menu/__init__.py', Buffer.from('x = 1\n')],
      ['/main.py', Buffer.from('# not under /system\n')],
    ])
    const device: DeviceLike = {
      listTree: async () => [{ path: '/system/assets', kind: 'dir' as const }, ...[...store.keys()].map((p) => ({ path: p, kind: 'file' as const }))],
      readFile: async (p) => store.get(p)!,
    }
    const cache = temp()
    const report = await importAssets(deviceSource(device), folderTarget(cache), { include: ['fonts', 'images', 'launcher'] })
    expect(report.copied).toEqual(['apps/menu/__init__.py', 'assets/fonts/alpha.ppf'])
    expect(existsSync(path.join(path.dirname(cache), 'evil.ppf'))).toBe(false)
  })
})

describe('tools:importAssets', () => {
  it('imports into the open project from a folder and from the device, with stable errors', async () => {
    const t = tempProject('hello')
    cleanups.push(t.cleanup)
    const drive = temp()
    makeDrive(drive)
    const project = new ProjectService({ settings: new SettingsStore(temp()), emit: () => undefined, watch: false })
    await project.open(t.dir)
    cleanups.push(() => project.close())
    const events: unknown[] = []
    const device: DeviceLike = {
      listTree: async () => [{ path: '/system/assets/fonts/dev.ppf', kind: 'file' }],
      readFile: async () => makePpf('dev'),
    }
    const userDataDir = temp()
    const dispatch = createRouter(toolsHandlers({
      project, userDataDir, emit: (c, p) => void events.push([c, p]), pickFolder: async () => null, device: () => device,
    }))
    const r = await dispatch('tools:importAssets', { source: 'folder', folder: drive, include: ['fonts'] })
    expect(r).toMatchObject({ ok: true, value: { target: 'project', copied: ['assets/fonts/alpha.ppf', 'assets/fonts/beta.ppf'] } })
    expect(existsSync(path.join(t.dir, 'assets/fonts/alpha.ppf'))).toBe(true)
    expect(events).toContainEqual(['tools:importProgress', { done: 2, total: 2, path: 'assets/fonts/beta.ppf' }])
    const d = await dispatch('tools:importAssets', { source: 'device', target: 'cache' })
    expect(d).toMatchObject({ ok: true, value: { copied: ['assets/fonts/dev.ppf'] } })
    expect(existsSync(path.join(userDataDir, 'system-assets/assets/fonts/dev.ppf'))).toBe(true)
    expect(await dispatch('tools:importAssets', { source: 'folder' })).toMatchObject({ ok: false, code: 'CANCELLED' })
    expect(await dispatch('tools:importAssets', { source: 'folder', folder: temp() })).toMatchObject({ ok: false, code: 'ASSETS_NOT_FOUND' })
  })
})
