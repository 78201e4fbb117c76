import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../../../src/main/emulator/graphics/png'
import { toolsHandlers } from '../../../../src/main/handlers/tools'
import { createRouter } from '../../../../src/main/ipc/router'
import { ProjectService } from '../../../../src/main/services/project/project-service'
import { SettingsStore } from '../../../../src/main/services/settings'
import { OP_CHANNELS } from '../../../../src/shared/ipc/contract'
import { createBitmap, setPixel } from '../../../../src/shared/tools/icon'
import { tempProject } from '../../../helpers/temp-project'

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(fixture = 'hello') {
  const t = tempProject(fixture)
  cleanups.push(t.cleanup)
  const project = new ProjectService({ settings: new SettingsStore(path.join(t.dir, '.s')), emit: () => undefined, watch: false })
  cleanups.push(() => project.close())
  const handlers = toolsHandlers({ project, userDataDir: t.dir })
  return { dir: t.dir, project, handlers, dispatch: createRouter(handlers) }
}

describe('tools handlers', () => {
  it('cover every tools:* operation of the contract', async () => {
    const { handlers } = await setup()
    const tools = OP_CHANNELS.filter((c) => c.startsWith('tools:'))
    expect(tools.length).toBeGreaterThanOrEqual(9)
    for (const c of tools) expect(typeof handlers[c], c).toBe('function')
  })

  it('answer NO_PROJECT before a project is open', async () => {
    const { dispatch } = await setup()
    expect(await dispatch('tools:readSecrets', {})).toMatchObject({ ok: false, code: 'NO_PROJECT' })
    expect(await dispatch('tools:templates', {})).toMatchObject({ ok: true })
  })

  it('create an app with a drawn icon and report the launcher', async () => {
    const { dir, project, dispatch } = await setup('launcher-scan')
    await project.open(dir)
    expect(await dispatch('tools:launcher', {})).toEqual({ ok: true, value: { kind: 'scan', path: 'apps/menu/__init__.py' } })
    const icon = createBitmap()
    setPixel(icon, 1, 2, [10, 20, 30, 255])
    const r = await dispatch('tools:newApp', { slug: 'drawn', template: 'network', iconRgba: icon.data })
    expect(r).toMatchObject({ ok: true, value: { slug: 'drawn', launcher: { kind: 'scan', changed: false } } })
    const img = decodePngFile(readFileSync(path.join(dir, 'apps/drawn/icon.png')))
    expect(Array.from(img.palette!.subarray(img.data[2 * 24 + 1]! * 4, img.data[2 * 24 + 1]! * 4 + 4))).toEqual([10, 20, 30, 255])
    const bad = await dispatch('tools:newApp', { slug: 'other', iconRgba: Uint8Array.of(1, 2, 3) })
    expect(bad).toMatchObject({ ok: false, code: 'ICON_INVALID' })
  })

  it('save and load icons, flagging PNGs the badge cannot decode', async () => {
    const { dir, project, dispatch } = await setup()
    await project.open(dir)
    const px = createBitmap(24, 24, [1, 2, 3, 255]).data
    const saved = await dispatch('tools:saveIcon', { path: 'apps/hello/icon.png', width: 24, height: 24, rgba: px, format: 'rgba' })
    expect(saved).toMatchObject({ ok: true, value: { path: 'apps/hello/icon.png', format: 'rgba' } })
    const loaded = await dispatch('tools:loadIcon', { path: 'apps/hello/icon.png' })
    expect(loaded).toMatchObject({ ok: true, value: { width: 24, height: 24, deviceWarning: null, rgba: px } })
    expect(await dispatch('tools:saveIcon', { path: 'x.png', width: 2, height: 2, rgba: new Uint8Array(3) })).toMatchObject({ ok: false, code: 'ICON_INVALID' })
    // Bytes cross as a Uint8Array; a base64 string is refused at the boundary.
    expect(await dispatch('tools:saveIcon', { path: 'x.png', width: 1, height: 1, rgba: 'AAAAAA==' })).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await dispatch('tools:saveIcon', { path: '../x.png', width: 1, height: 1, rgba: new Uint8Array(4) })).toMatchObject({ ok: false, code: 'PATH_TRAVERSAL' })
    writeFileSync(path.join(dir, 'bad.png'), 'not a png')
    expect(await dispatch('tools:loadIcon', { path: 'bad.png' })).toMatchObject({ ok: false, code: 'INVALID_PNG' })
    const { encode } = await import('fast-png')
    writeFileSync(path.join(dir, 'grey.png'), encode({ width: 2, height: 2, data: new Uint8Array(8), channels: 2 }))
    const grey = await dispatch('tools:loadIcon', { path: 'grey.png' })
    expect(grey).toMatchObject({ ok: true, value: { deviceWarning: 'greyscale+alpha PNG' } })
  })
})
