import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProjectFs } from '../../../../src/main/services/project/project-fs'

let root: string
let outside: string
let fs: ProjectFs

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pfs-'))
  outside = mkdtempSync(path.join(os.tmpdir(), 'pfs-out-'))
  mkdirSync(path.join(root, 'apps/hello'), { recursive: true })
  writeFileSync(path.join(root, 'apps/hello/__init__.py'), 'print("hi")\n')
  writeFileSync(path.join(outside, 'secret.txt'), 'top secret')
  fs = await ProjectFs.open(root)
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'resolved'
  } catch (e) {
    return (e as { code: string }).code
  }
}

describe('ProjectFs path safety', () => {
  it.each([
    ['../x', 'PATH_TRAVERSAL'],
    ['/etc/passwd', 'PATH_ABSOLUTE'],
    ['a\0b', 'PATH_NUL'],
  ])('refuses %j on read and write with %s', async (p, code) => {
    expect(await codeOf(fs.readFile(p))).toBe(code)
    expect(await codeOf(fs.writeFile(p, 'x'))).toBe(code)
  })

  it('refuses a symlinked file that points outside the root', async () => {
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'))
    expect(await codeOf(fs.readFile('link.txt'))).toBe('PATH_OUTSIDE')
    expect(await codeOf(fs.writeFile('link.txt', 'overwrite'))).toBe('PATH_OUTSIDE')
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('top secret')
  })

  it('refuses to write through a symlinked folder that points outside', async () => {
    symlinkSync(outside, path.join(root, 'escape'))
    expect(await codeOf(fs.writeFile('escape/new.txt', 'x'))).toBe('PATH_OUTSIDE')
    expect(readdirSync(outside)).toEqual(['secret.txt'])
  })

  it('refuses a dangling symlink', async () => {
    symlinkSync(path.join(outside, 'nothing-here'), path.join(root, 'dangling'))
    expect(await codeOf(fs.writeFile('dangling', 'x'))).toBe('PATH_OUTSIDE')
  })

  it('does not list symlinks in the tree', async () => {
    symlinkSync(outside, path.join(root, 'escape'))
    const tree = await fs.tree()
    expect(tree.children?.map((c) => c.name)).toEqual(['apps'])
  })
})

describe('ProjectFs operations', () => {
  it('lists the tree dirs first, sorted', async () => {
    writeFileSync(path.join(root, 'main.py'), '')
    mkdirSync(path.join(root, 'assets'))
    mkdirSync(path.join(root, '.git'))
    const tree = await fs.tree()
    expect(tree.children?.map((c) => c.path)).toEqual(['apps', 'assets', 'main.py'])
    expect(tree.children?.[0]?.children?.[0]?.children?.[0]?.path).toBe('apps/hello/__init__.py')
  })

  it('reads UTF-8 as text and other bytes as bytes', async () => {
    writeFileSync(path.join(root, 'bin.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x80]))
    const t = await fs.readFile('apps/hello/__init__.py')
    expect(t).toMatchObject({ text: 'print("hi")\n', binary: false })
    const b = await fs.readFile('bin.dat')
    expect(b.binary).toBe(true)
    expect(b.bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(b.bytes!)).toEqual([0xff, 0xfe, 0x00, 0x80])
  })

  it('refuses files above the size limit', async () => {
    writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(2048))
    expect(await codeOf(fs.readFile('big.bin', 1024))).toBe('FILE_TOO_LARGE')
  })

  it('writes atomically, creating folders, leaving no temporary files', async () => {
    await fs.writeFile('apps/new/deep/x.py', 'x = 1\n')
    expect(readFileSync(path.join(root, 'apps/new/deep/x.py'), 'utf8')).toBe('x = 1\n')
    expect(readdirSync(path.join(root, 'apps/new/deep'))).toEqual(['x.py'])
  })

  it('refuses to overwrite a file changed on disk since it was read', async () => {
    const f = await fs.readFile('apps/hello/__init__.py')
    writeFileSync(path.join(root, 'apps/hello/__init__.py'), 'changed elsewhere\n')
    const later = new Date(Date.now() + 5000)
    const { utimesSync } = await import('node:fs')
    utimesSync(path.join(root, 'apps/hello/__init__.py'), later, later)
    expect(await codeOf(fs.writeFile('apps/hello/__init__.py', 'mine', { expectMtimeMs: f.mtimeMs }))).toBe('DIRTY_CONFLICT')
    expect(readFileSync(path.join(root, 'apps/hello/__init__.py'), 'utf8')).toBe('changed elsewhere\n')
  })

  it('creates, renames and deletes', async () => {
    await fs.create('apps/two', 'dir')
    await fs.create('apps/two/__init__.py', 'file')
    expect(await codeOf(fs.create('apps/two/__init__.py', 'file'))).toBe('ALREADY_EXISTS')
    await fs.rename('apps/two', 'apps/three')
    expect(readdirSync(path.join(root, 'apps')).sort()).toEqual(['hello', 'three'])
    expect(await codeOf(fs.rename('apps/three', 'apps/hello'))).toBe('ALREADY_EXISTS')
    await fs.delete('apps/three')
    expect(readdirSync(path.join(root, 'apps'))).toEqual(['hello'])
    expect(await codeOf(fs.delete('apps/missing'))).toBe('NOT_FOUND')
    expect(await codeOf(fs.delete(''))).toBe('PATH_EMPTY')
  })
})
