import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { listProjectFiles, readProjectFiles, unchangedSince, type StatKey } from '../../../../src/main/services/deploy/local-files'

const MS = 1_000_000n
const stat = (over: Partial<StatKey> = {}): StatKey => ({ ino: 7n, size: 100n, mtimeNs: 1_700_000_000_123_456_789n, ctimeNs: 1_700_000_000_123_456_789n, ...over })

describe('unchangedSince', () => {
  const s = stat()
  it('trusts the same stat read well after the last change', () => {
    expect(unchangedSince(s, stat(), s.mtimeNs + 60n * MS)).toBe(true)
  })
  it('distrusts a read within the grain of the file times after the last change (a write in the same tick keeps them)', () => {
    expect(unchangedSince(s, stat(), s.mtimeNs + 10n * MS)).toBe(false)
    // ctime counts as a change too (a rename or chmod can come after the write).
    expect(unchangedSince(stat({ ctimeNs: s.mtimeNs + 30n * MS }), stat({ ctimeNs: s.mtimeNs + 30n * MS }), s.mtimeNs + 60n * MS)).toBe(false)
  })
  it('gives whole-second times (FAT, old filesystems) a 2 s grain', () => {
    const coarse = stat({ mtimeNs: 1_700_000_000_000_000_000n, ctimeNs: 1_600_000_000_000_000_000n })
    expect(unchangedSince(coarse, coarse, coarse.mtimeNs + 1500n * MS)).toBe(false)
    expect(unchangedSince(coarse, coarse, coarse.mtimeNs + 2100n * MS)).toBe(true)
  })
  it('distrusts any change of inode, size or times', () => {
    const late = s.mtimeNs + 10_000n * MS
    for (const d of [{ ino: 8n }, { size: 101n }, { mtimeNs: s.mtimeNs + 1n }, { ctimeNs: s.ctimeNs + 1n }]) expect(unchangedSince(s, stat(d), late)).toBe(false)
  })
})

describe('readProjectFiles', () => {
  const roots: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
  })
  const project = (files: Record<string, string>) => {
    const root = mkdtempSync(path.join(tmpdir(), 'local-files-'))
    roots.push(root)
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
      writeFileSync(path.join(root, rel), text)
    }
    return root
  }

  it('reads a file again only when it changed since the last read', async () => {
    const root = project({ 'apps/a/__init__.py': 'print(1)\n', 'apps/a/b.py': 'x = 1\n' })
    const rels = ['apps/a/__init__.py', 'apps/a/b.py']
    await new Promise((r) => setTimeout(r, 80)) // older than the grain of the file times
    const first = await readProjectFiles(root, rels)
    const reads = vi.spyOn(fs, 'readFileSync')
    const again = await readProjectFiles(root, rels)
    expect(reads).not.toHaveBeenCalled()
    expect(again).toEqual(first)
    writeFileSync(path.join(root, 'apps/a/b.py'), 'x = 2\n') // same size, new bytes
    const third = await readProjectFiles(root, rels)
    expect(reads).toHaveBeenCalledTimes(1)
    expect(Buffer.from(third[1]!.data).toString()).toBe('x = 2\n')
    expect(third[1]!.sha256).not.toBe(first[1]!.sha256)
    expect(third[0]).toBe(first[0])
  })

  it('reads a file written just before the last read again, so a same-tick write is never missed', async () => {
    const root = project({ 'main.py': 'a = 1\n' })
    await readProjectFiles(root, ['main.py'])
    const reads = vi.spyOn(fs, 'readFileSync')
    await readProjectFiles(root, ['main.py'])
    expect(reads).toHaveBeenCalledTimes(1)
  })
})

describe('listProjectFiles', () => {
  const roots: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
  })

  it('walks only the folders on the way to `under` and inside it, and follows no symlink there either', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'list-'))
    roots.push(root)
    const outside = mkdtempSync(path.join(tmpdir(), 'list-outside-'))
    roots.push(outside)
    writeFileSync(path.join(outside, 'stolen.py'), 'x\n')
    for (const rel of ['main.py', 'apps/a/__init__.py', 'apps/a/sub/b.bin', 'apps/ab/__init__.py', 'apps/z/__init__.py', 'assets/big.png']) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
      writeFileSync(path.join(root, rel), 'x')
    }
    fs.symlinkSync(outside, path.join(root, 'apps/linked'))
    const reads = vi.spyOn(fs, 'readdirSync')
    expect(await listProjectFiles(root, 'apps/a/')).toEqual(['apps/a/__init__.py', 'apps/a/sub/b.bin', 'main.py'])
    const walked = reads.mock.calls.map((c) => path.relative(root, String(c[0])))
    expect(walked.sort()).toEqual(['', 'apps', 'apps/a', 'apps/a/sub'])
    expect(await listProjectFiles(root, 'apps/linked/')).toEqual(['main.py'])
    expect(await listProjectFiles(root)).toEqual(['apps/a/__init__.py', 'apps/a/sub/b.bin', 'apps/ab/__init__.py', 'apps/z/__init__.py', 'assets/big.png', 'main.py'])
  })
})
