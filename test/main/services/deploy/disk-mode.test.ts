/** Disk mode: the badge mounted as the BADGER drive; deploy copies files, the serial link is not used. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempProject } from '../../../helpers/temp-project'
import { createDeployService } from '../../../../src/main/services/deploy/deploy-service'
import { createDiskDetector, findLinuxMount, findWindowsDrive } from '../../../../src/main/services/deploy/disk-detect'
import { CodedError } from '../../../../src/shared/ipc/result'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function setup() {
  const project = tempProject()
  const drive = tempProject()
  cleanups.push(project.cleanup, drive.cleanup)
  const put = (root: string, rel: string, data: string | Uint8Array) => {
    const abs = path.join(root, ...rel.split('/'))
    mkdirSync(path.dirname(abs), { recursive: true })
    writeFileSync(abs, data)
  }
  let serialUsed = 0
  const svc = createDeployService({
    session: () => {
      serialUsed++
      throw new CodedError('DISK_MODE_ACTIVE')
    },
    projectRoot: () => project.dir,
    detectDisk: async () => drive.dir,
  })
  return { project: project.dir, drive: drive.dir, put, svc, serialUsed: () => serialUsed }
}

describe('deploy in disk mode', () => {
  it('copies the plan to the drive, binary-safe and unicode-named, without the serial link', async () => {
    const t = setup()
    const bin = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 255)
    t.put(t.project, 'apps/x/__init__.py', 'print(1)\n')
    t.put(t.project, 'apps/x/img/sprite.bin', bin)
    t.put(t.project, 'apps/x/ñandú.txt', 'ü\n')
    t.put(t.project, 'secrets.py', 'WIFI_PASSWORD = "p"\n')
    t.put(t.drive, 'secrets.py', 'WIFI_PASSWORD = "device"\n')
    const view = await t.svc.plan({})
    expect(view.via).toBe('disk')
    expect(view.mount).toBe(t.drive)
    const r = await t.svc.deploy({})
    expect(r.status).toBe('done')
    expect(r.via).toBe('disk')
    expect(readFileSync(path.join(t.drive, 'apps/x/img/sprite.bin'))).toEqual(Buffer.from(bin))
    expect(readFileSync(path.join(t.drive, 'apps/x/ñandú.txt'), 'utf8')).toBe('ü\n')
    expect(readFileSync(path.join(t.drive, 'secrets.py'), 'utf8')).toContain('device')
    expect(readdirSync(path.join(t.drive, 'apps/x')).filter((n) => n.endsWith('.bide-tmp'))).toEqual([])
    expect((await t.svc.deploy({})).status).toBe('up-to-date')
    t.put(t.project, 'apps/x/__init__.py', 'print(2)\n')
    expect((await t.svc.deploy({})).sent).toEqual(['apps/x/__init__.py'])
    expect(t.serialUsed()).toBe(0)
  })

  it('deletes only with consent, only inside the app, and cleans leftovers of an interrupted copy', async () => {
    const t = setup()
    t.put(t.project, 'apps/x/__init__.py', 'print(1)\n')
    t.put(t.drive, 'apps/x/old.py', 'x\n')
    t.put(t.drive, 'apps/x/secrets.py', 's\n')
    t.put(t.drive, 'apps/x/.__init__.py.bide-tmp', 'half')
    t.put(t.drive, 'apps/other/__init__.py', 'o\n')
    t.put(t.drive, 'main.py', 'm\n')
    const keep = await t.svc.deploy({ app: 'x' })
    expect(keep.deleted).toEqual(['/system/apps/x/.__init__.py.bide-tmp'])
    expect(existsSync(path.join(t.drive, 'apps/x/old.py'))).toBe(true)
    const del = await t.svc.deploy({ app: 'x', delete: true })
    expect(del.deleted).toEqual(['/system/apps/x/old.py'])
    expect(existsSync(path.join(t.drive, 'apps/x/secrets.py'))).toBe(true)
    expect(existsSync(path.join(t.drive, 'apps/other/__init__.py'))).toBe(true)
    expect(existsSync(path.join(t.drive, 'main.py'))).toBe(true)
  })

  it('cancel finishes the current file and stops', async () => {
    const t = setup()
    for (let i = 0; i < 5; i++) t.put(t.project, `apps/x/f${i}.py`, `v=${i}\n`)
    t.put(t.project, 'apps/x/__init__.py', '')
    const svc = createDeployService({
      session: () => {
        throw new Error('serial used')
      },
      projectRoot: () => t.project,
      detectDisk: async () => t.drive,
      emit: (ch, p) => {
        if (ch === 'deploy:progress' && (p as { filesDone: number }).filesDone === 2) svc.cancel()
      },
    })
    const r = await svc.deploy({ app: 'x' })
    expect(r.status).toBe('cancelled')
    expect(r.sent).toEqual(['apps/x/f0.py', 'apps/x/f1.py'])
    expect(r.notSent).toEqual(['apps/x/f2.py', 'apps/x/f3.py', 'apps/x/f4.py', 'apps/x/__init__.py'])
    expect(readdirSync(path.join(t.drive, 'apps/x')).sort()).toEqual(['f0.py', 'f1.py'])
  })
})

describe('BADGER drive detection', () => {
  it('finds the drive on Linux by mount point name or by label', async () => {
    const mounts = '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/me/BADGER vfat rw 0 0\n'
    expect(findLinuxMount(mounts, 'BADGER')).toBe('/media/me/BADGER')
    expect(findLinuxMount('/dev/sdc1 /mnt/my\\040badge vfat rw 0 0\n', 'BADGER', '/dev/sdc1')).toBe('/mnt/my badge')
    expect(findLinuxMount('/dev/sda1 / ext4 rw 0 0\n', 'BADGER')).toBeNull()
    const detect = createDiskDetector({ platform: 'linux', readFile: async () => mounts, realpath: async () => '/dev/sdb1' })
    expect(await detect()).toBe('/media/me/BADGER')
  })
  it('finds /Volumes/BADGER on macOS and the labelled drive on Windows', async () => {
    expect(await createDiskDetector({ platform: 'darwin', isDir: async (p) => p === '/Volumes/BADGER' })()).toBe('/Volumes/BADGER')
    expect(await createDiskDetector({ platform: 'darwin', isDir: async () => false })()).toBeNull()
    const wmic = 'Name  VolumeName  \r\nC:    Windows     \r\nE:    BADGER      \r\n'
    expect(findWindowsDrive(wmic, 'BADGER')).toBe('E:\\')
    expect(await createDiskDetector({ platform: 'win32', run: async () => wmic })()).toBe('E:\\')
    expect(await createDiskDetector({ platform: 'win32', run: async (cmd) => (cmd === 'powershell' ? 'F\r\n' : '') })()).toBe('F:\\')
    expect(await createDiskDetector({ platform: 'win32', run: async () => '' })()).toBeNull()
  })
})
