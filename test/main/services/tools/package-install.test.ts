import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ProjectFs } from '../../../../src/main/services/project/project-fs'
import { installPackage, listPackages, rewriteUrl } from '../../../../src/main/services/tools/package-install'
import { parseSpec } from '../../../../src/shared/tools/package-search'
import { startPackageIndex, type PackageIndex } from '../../../helpers/package-index'
import { tempProject } from '../../../helpers/temp-project'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(packages: Parameters<typeof startPackageIndex>[0]): Promise<{ index: PackageIndex; fs: ProjectFs; dir: string }> {
  const p = tempProject('hello')
  cleanups.push(p.cleanup)
  const index = await startPackageIndex(packages)
  cleanups.push(() => index.close())
  return { index, fs: await ProjectFs.open(p.dir), dir: p.dir }
}

const app = (dir: string, rel = '') => path.join(dir, 'apps/hello', rel)
const codeOf = (e: unknown) => (e as { code?: string }).code

const AIOTHING = {
  aiothing: { files: { 'aiothing/__init__.py': 'from .core import go\n', 'aiothing/core.py': 'def go():\n    return 1\n' }, deps: [['helper', 'latest']] as Array<[string, string]>, version: '0.4.1' },
  helper: { files: { 'helper.py': 'X = 2\n' }, version: '0.1' },
}

describe('installPackage', () => {
  it("writes a package and its dependencies into the app's folder, and a second install writes nothing", async () => {
    const { index, fs, dir } = await setup(AIOTHING)
    const r = await installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url })
    expect(r.packages).toEqual([{ name: 'aiothing', version: '0.4.1' }, { name: 'helper', version: '0.1' }])
    expect(r.written.sort()).toEqual(['apps/hello/aiothing/__init__.py', 'apps/hello/aiothing/core.py', 'apps/hello/helper.py'])
    expect(readFileSync(app(dir, 'aiothing/core.py'), 'utf8')).toBe('def go():\n    return 1\n')
    expect(readFileSync(app(dir, 'helper.py'), 'utf8')).toBe('X = 2\n')
    // Source, never .mpy: the index is asked for the "py" variant.
    expect(index.requests).toContain('/package/py/aiothing/latest.json')
    const again = await installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url })
    expect(again.written).toEqual([])
    expect(again.unchanged).toHaveLength(3)
  })

  it('asks for the version after @ and resolves each package once, also in a dependency cycle', async () => {
    const { index, fs } = await setup({
      a: { files: { 'a.py': 'import b\n' }, deps: [['b', 'latest']] },
      b: { files: { 'b.py': 'import a\n' }, deps: [['a', 'latest']] },
    })
    index.raw.set('/package/py/a/2.0.json', JSON.stringify({ hashes: [], deps: [['b', 'latest']], version: '2.0' }))
    const r = await installPackage(fs, { spec: 'a@2.0', app: 'hello', index: index.url })
    expect(r.packages).toEqual([{ name: 'a', version: '2.0' }, { name: 'b', version: '1.0' }])
    expect(index.requests.filter((q) => q.endsWith('.json'))).toEqual(['/package/py/a/2.0.json', '/package/py/b/latest.json'])
  })

  it('writes nothing when one file does not match its hash', async () => {
    const { index, fs, dir } = await setup(AIOTHING)
    index.tamper('helper.py', 'import os\nos.remove("/secrets.py")\n')
    await expect(installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url })).rejects.toMatchObject({ code: 'PACKAGE_INVALID' })
    expect(readdirSync(app(dir))).toEqual(['__init__.py'])
  })

  it.each([['../../evil.py'], ['/tmp/evil.py'], ['a/../../../evil.py'], ['C:/evil.py']])('refuses a package that writes to %s, writing nothing', async (target) => {
    const { index, fs, dir } = await setup({ ok: { files: { 'ok.py': '1\n' } } })
    index.raw.set('/package/py/bad/latest.json', JSON.stringify({ hashes: [['ok.py', 'abcdef12'], [target, 'abcdef12']] }))
    const e = await installPackage(fs, { spec: 'bad', app: 'hello', index: index.url }).catch((x: unknown) => x)
    expect(codeOf(e)).toBe('PACKAGE_INVALID')
    expect((e as Error).message).toContain(target)
    expect(existsSync(path.join(dir, 'evil.py'))).toBe(false)
    expect(existsSync(path.join(dir, 'apps/evil.py'))).toBe(false)
    expect(readdirSync(app(dir))).toEqual(['__init__.py'])
  })

  it('keeps a file the user changed unless forced', async () => {
    const { index, fs, dir } = await setup(AIOTHING)
    await installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url })
    writeFileSync(app(dir, 'helper.py'), 'X = 3  # my fix\n')
    const e = await installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url }).catch((x: unknown) => x)
    expect(codeOf(e)).toBe('PACKAGE_CONFLICT')
    expect((e as Error).message).toContain('apps/hello/helper.py')
    expect(readFileSync(app(dir, 'helper.py'), 'utf8')).toBe('X = 3  # my fix\n')
    const r = await installPackage(fs, { spec: 'aiothing', app: 'hello', index: index.url, force: true })
    expect(r.written).toEqual(['apps/hello/helper.py'])
    expect(readFileSync(app(dir, 'helper.py'), 'utf8')).toBe('X = 2\n')
  })

  it('installs a single .py file and a package.json by URL', async () => {
    const { index, fs, dir } = await setup({})
    index.raw.set('/x/tool.py', 'T = 1\n')
    index.raw.set('/repo/package.json', JSON.stringify({ urls: [['pkg/mod.py', `${index.url}/x/tool.py`]], version: '3' }))
    await installPackage(fs, { spec: `${index.url}/x/tool.py`, app: 'hello' })
    expect(readFileSync(app(dir, 'tool.py'), 'utf8')).toBe('T = 1\n')
    const r = await installPackage(fs, { spec: `${index.url}/repo`, app: 'hello' })
    expect(r.packages).toEqual([{ name: `${index.url}/repo`, version: '3' }])
    expect(readFileSync(app(dir, 'pkg/mod.py'), 'utf8')).toBe('T = 1\n')
  })

  it('fails with a code that says what to do: unknown package, unreachable index, no such app, .mpy, malformed description', async () => {
    const { index, fs } = await setup({})
    index.raw.set('/package/py/broken/latest.json', '{"hashes": [["a.py"]]}')
    index.raw.set('/package/py/notjson/latest.json', '<html>')
    const closed = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port
        s.close(() => r(port))
      })
    })
    const cases: Array<[Parameters<typeof installPackage>[1], string]> = [
      [{ spec: 'nosuch', app: 'hello', index: index.url }, 'PACKAGE_NOT_FOUND'],
      [{ spec: 'aiothing', app: 'hello', index: `http://127.0.0.1:${closed}` }, 'PACKAGE_NETWORK'],
      [{ spec: 'aiothing', app: 'nope', index: index.url }, 'APP_NOT_FOUND'],
      [{ spec: 'Bad App', app: 'hello', index: index.url }, 'PACKAGE_INVALID'],
      [{ spec: `${index.url}/x.mpy`, app: 'hello' }, 'PACKAGE_INVALID'],
      [{ spec: 'broken', app: 'hello', index: index.url }, 'PACKAGE_INVALID'],
      [{ spec: 'notjson', app: 'hello', index: index.url }, 'PACKAGE_INVALID'],
    ]
    for (const [o, code] of cases) expect(codeOf(await installPackage(fs, o).catch((x: unknown) => x)), o.spec).toBe(code)
  })

  it('refuses a file larger than the limit', async () => {
    const { index, fs, dir } = await setup({})
    index.raw.set('/big.py', 'x'.repeat(4 * 1024 * 1024 + 1))
    await expect(installPackage(fs, { spec: `${index.url}/big.py`, app: 'hello' })).rejects.toMatchObject({ code: 'PACKAGE_INVALID' })
    expect(readdirSync(app(dir))).toEqual(['__init__.py'])
  })
})

describe('mip spellings', () => {
  it('rewrites github: and gitlab: as mip does (default branch HEAD)', () => {
    expect(rewriteUrl('github:org/repo/path/x.py')).toBe('https://raw.githubusercontent.com/org/repo/HEAD/path/x.py')
    expect(rewriteUrl('github:org/repo', 'v2')).toBe('https://raw.githubusercontent.com/org/repo/v2/')
    expect(rewriteUrl('gitlab:org/repo/package.json', 'main')).toBe('https://gitlab.com/org/repo/-/raw/main/package.json')
    expect(rewriteUrl('https://example.com/a.py')).toBe('https://example.com/a.py')
  })

  it('splits name@version but not an @ inside a URL path', () => {
    expect(parseSpec('aioble@0.4')).toEqual({ name: 'aioble', version: '0.4' })
    expect(parseSpec('aioble')).toEqual({ name: 'aioble' })
    expect(parseSpec('github:org/repo@dev')).toEqual({ name: 'github:org/repo', version: 'dev' })
    expect(parseSpec('https://x.org/@me/pkg')).toEqual({ name: 'https://x.org/@me/pkg' })
  })
})

describe('listPackages', () => {
  it("lists the index's packages that have Python source, by name, with version and description", async () => {
    const { index } = await setup({ ...AIOTHING, zeta: { files: { 'z.py': '' }, description: 'last letter' } })
    expect(await listPackages({ index: index.url })).toEqual([
      { name: 'aiothing', version: '0.4.1', description: '' },
      { name: 'helper', version: '0.1', description: '' },
      { name: 'zeta', version: '1.0', description: 'last letter' },
    ])
    // A package without a source version (only .mpy) is not offered: it could not be added.
    index.raw.set('/index.json', JSON.stringify({ v: 2, packages: [{ name: 'mpyonly', version: '1', versions: { '6': ['1'] } }, { name: 'ok', versions: { py: ['2'] } }, { name: '../evil', versions: { py: ['1'] } }] }))
    expect(await listPackages({ index: index.url })).toEqual([{ name: 'ok', version: '', description: '' }])
  })

  it('says what is wrong with a broken list, or a missing one', async () => {
    const { index } = await setup({})
    index.raw.set('/index.json', '<html>')
    await expect(listPackages({ index: index.url })).rejects.toMatchObject({ code: 'PACKAGE_INVALID', detail: expect.stringContaining('index.json is not JSON') })
    index.raw.set('/index.json', '{"v": 2}')
    await expect(listPackages({ index: index.url })).rejects.toMatchObject({ code: 'PACKAGE_INVALID', detail: expect.stringContaining('no package list') })
    await expect(listPackages({ index: `${index.url}/elsewhere` })).rejects.toMatchObject({ code: 'PACKAGE_NOT_FOUND' })
  })
})

