import { describe, expect, it } from 'vitest'
import { adler32 } from '../../../src/shared/deploy/checksum'
import { BADGE_LAYOUT, FLAT_LAYOUT, appImportName, appScope, inScope, toDevicePath } from '../../../src/shared/deploy/layout'
import { computePlan, describePlan, selectFiles } from '../../../src/shared/deploy/plan'
import type { DeviceSnapshot, LocalFile } from '../../../src/shared/deploy/types'

const file = (rel: string, sha256: string, size = 10, a = 1): LocalFile => ({ rel, size, sha256, adler32: a })

describe('layout', () => {
  it('maps project paths under /system on the badge', () => {
    expect(toDevicePath('apps/x/__init__.py', BADGE_LAYOUT)).toBe('/system/apps/x/__init__.py')
    expect(appImportName('x', BADGE_LAYOUT)).toBe('/system/apps/x')
  })
  it('flattens paths into importable names on a flat device', () => {
    expect(toDevicePath('apps/x/__init__.py', FLAT_LAYOUT)).toBe('/apps-x-__init__.py')
    expect(appImportName('x', FLAT_LAYOUT)).toBe('apps-x-__init__')
  })
  it('keeps one app out of another app\'s scope', () => {
    const s = appScope('x', BADGE_LAYOUT)
    expect(inScope('/system/apps/x/a.py', s)).toBe(true)
    expect(inScope('/system/apps/x_y/a.py', s)).toBe(false)
    expect(inScope('/system/apps/x', s)).toBe(false)
    const f = appScope('x', FLAT_LAYOUT)
    expect(inScope('/apps-x-a.py', f)).toBe(true)
    expect(inScope('/apps-x_y-a.py', f)).toBe(false)
  })
})

describe('selectFiles', () => {
  const all = ['apps/a/__init__.py', 'apps/a/secrets.py', 'apps/b/__init__.py', 'secrets.py', 'main.py', 'state/a.json', '.git/x', 'apps/a/.hidden', 'apps/a/__pycache__/x.mpy']
  it('selects one app and protects secrets', () => {
    const s = selectFiles(all, { app: 'a' })
    expect(s.deploy).toEqual(['apps/a/__init__.py'])
    expect(s.protected).toEqual(['apps/a/secrets.py'])
    expect(s.apps).toEqual(['a'])
  })
  it('selects the whole project without secrets and state unless included', () => {
    const s = selectFiles(all, {})
    expect(s.deploy).toEqual(['apps/a/__init__.py', 'apps/b/__init__.py', 'main.py'])
    expect(s.protected).toEqual(['apps/a/secrets.py', 'secrets.py', 'state/a.json'])
    expect(selectFiles(all, { includeSecrets: true, includeState: true }).deploy).toContain('secrets.py')
    expect(selectFiles(all, { includeSecrets: true, includeState: true }).deploy).toContain('state/a.json')
  })
})

describe('computePlan', () => {
  const snap = (files: DeviceSnapshot['files'], algo: DeviceSnapshot['algo'] = 'sha256'): DeviceSnapshot => ({ algo, files })
  it('sends new and changed files, skips equal ones, entry files last', () => {
    const plan = computePlan({
      files: [file('apps/a/__init__.py', 'h1'), file('apps/a/b.py', 'h2'), file('apps/a/c.py', 'h3')],
      apps: ['a'],
      layout: BADGE_LAYOUT,
      snapshot: snap([
        { path: '/system/apps/a/b.py', size: 10, hash: 'h2' },
        { path: '/system/apps/a/c.py', size: 10, hash: 'old' },
      ]),
    })
    expect(plan.send.map((s) => [s.rel, s.reason])).toEqual([
      ['apps/a/c.py', 'changed'],
      ['apps/a/__init__.py', 'new'],
    ])
    expect(plan.skip.map((s) => s.rel)).toEqual(['apps/a/b.py'])
    expect(plan.bytesToSend).toBe(20)
    expect(plan.upToDate).toBe(false)
  })
  it('treats a size difference as a change even with the same hash', () => {
    const plan = computePlan({ files: [file('a.py', 'h', 5)], apps: [], layout: BADGE_LAYOUT, snapshot: snap([{ path: '/system/a.py', size: 4, hash: 'h' }]) })
    expect(plan.send).toHaveLength(1)
  })
  it('compares Adler-32 on devices without hashlib', () => {
    const data = new TextEncoder().encode('print(1)\n')
    const a = adler32(data)
    const plan = computePlan({
      files: [{ rel: 'apps/a/__init__.py', size: data.length, sha256: 'x', adler32: a }],
      apps: ['a'],
      layout: FLAT_LAYOUT,
      snapshot: snap([{ path: '/apps-a-__init__.py', size: data.length, hash: String(a) }], 'adler32'),
    })
    expect(plan.upToDate).toBe(true)
    expect(describePlan(plan)).toMatch(/up to date/)
  })
  it('deletes orphans only with consent, only inside the app, never secrets or state', () => {
    const input = {
      files: [file('apps/a/__init__.py', 'h')],
      apps: ['a'],
      layout: BADGE_LAYOUT,
      snapshot: snap([
        { path: '/system/apps/a/__init__.py', size: 10, hash: 'h' },
        { path: '/system/apps/a/old.py', size: 3, hash: 'z' },
        { path: '/system/apps/a/secrets.py', size: 3, hash: 'z' },
        { path: '/system/apps/a/state/s.json', size: 3, hash: 'z' },
        { path: '/system/apps/b/x.py', size: 3, hash: 'z' },
        { path: '/system/apps/a/.x.py.bide-tmp', size: 3, hash: 'z' },
        { path: '/system/main.py', size: 3, hash: 'z' },
      ]),
    }
    const keep = computePlan(input)
    expect(keep.delete.map((d) => [d.device, d.reason])).toEqual([['/system/apps/a/.x.py.bide-tmp', 'leftover']])
    expect(keep.kept).toEqual(['/system/apps/a/old.py'])
    const del = computePlan({ ...input, delete: true })
    expect(del.delete.map((d) => d.device)).toEqual(['/system/apps/a/.x.py.bide-tmp', '/system/apps/a/old.py'])
  })
  it('refuses two files that flatten to the same device name', () => {
    expect(() =>
      computePlan({ files: [file('apps/a/b-c.py', 'h'), file('apps/a/b/c.py', 'h')], apps: ['a'], layout: FLAT_LAYOUT, snapshot: snap([]) }),
    ).toThrow(/both map to/)
  })
})

describe('adler32', () => {
  it('matches the reference values', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398)
    expect(adler32(new Uint8Array(0))).toBe(1)
    // Long input crosses the 5552-byte block boundary.
    const big = new Uint8Array(20000).fill(255)
    let a = 1
    let b = 0
    for (const x of big) {
      a = (a + x) % 65521
      b = (b + a) % 65521
    }
    expect(adler32(big)).toBe(((b << 16) | a) >>> 0)
  })
})
