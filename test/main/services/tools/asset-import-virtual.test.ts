/** System-asset import from the virtual badge (the emulator behind a serial binding), end to end. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createVirtualBadgeBinding } from '../../../../src/main/emulator/virtual-badge'
import { DeviceManager } from '../../../../src/main/services/device/device-manager'
import { deviceSource, folderTarget, importAssets } from '../../../../src/main/services/tools/asset-import'
import { tempProject } from '../../../helpers/temp-project'
import { makePpf } from './make-font'

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('import from the virtual badge', () => {
  it('copies fonts, images and the launcher from /system over the serial link', async () => {
    const flash = tempProject()
    const cache = tempProject()
    cleanups.push(flash.cleanup, cache.cleanup)
    const sys = path.join(flash.dir, 'system')
    const files: Record<string, Uint8Array> = {
      'assets/fonts/vfont.ppf': makePpf('vfont', 9, 12),
      'assets/icons/star.png': Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 255),
      'apps/menu/__init__.py': Buffer.from('APPS = ["a"]\n'),
      'apps/other/__init__.py': Buffer.from('def update(): pass\n'),
    }
    for (const [rel, data] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(sys, rel)), { recursive: true })
      writeFileSync(path.join(sys, rel), data)
    }
    const m = new DeviceManager({ virtualBinding: async () => createVirtualBadgeBinding({ dir: flash.dir }) })
    cleanups.push(() => m.disconnect())
    await m.connect('virtual')
    const report = await importAssets(deviceSource(m.session), folderTarget(cache.dir), { include: ['fonts', 'images', 'launcher'] })
    expect(report.copied).toEqual(['apps/menu/__init__.py', 'assets/fonts/vfont.ppf', 'assets/icons/star.png'])
    for (const rel of report.copied) expect(readFileSync(path.join(cache.dir, rel))).toEqual(Buffer.from(files[rel]!))
  })
})
