import { describe, expect, it } from 'vitest'
import {
  DEBIAN_PACKAGES, NO_ELECTRON_MESSAGE, electronInstalled, installPlan, isDebianLike, testPlan,
} from '../../scripts/system.mjs'

const debian = { platform: 'linux', debianLike: true, root: true, sudo: false, missing: [] as string[] }

describe('isDebianLike', () => {
  it('knows Debian, Ubuntu and their derivatives by ID or ID_LIKE', () => {
    expect(isDebianLike('ID=debian\nVERSION_ID="12"\n')).toBe(true)
    expect(isDebianLike('ID=ubuntu\nID_LIKE=debian\n')).toBe(true)
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true)
    expect(isDebianLike('ID=fedora\nID_LIKE="rhel centos"\n')).toBe(false)
    expect(isDebianLike('')).toBe(false)
  })
})

describe('installPlan', () => {
  it('does nothing when every package is installed', () => {
    expect(installPlan(debian)).toEqual({ kind: 'none' })
  })
  it('installs only the missing packages, as root without sudo', () => {
    const plan = installPlan({ ...debian, missing: ['qemu-system-arm', 'socat'] })
    expect(plan).toEqual({
      kind: 'install',
      packages: ['qemu-system-arm', 'socat'],
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'qemu-system-arm', 'socat'],
      ],
    })
  })
  it('goes through sudo when not root', () => {
    const plan = installPlan({ ...debian, root: false, sudo: true, missing: ['chromium'] })
    expect(plan.kind === 'install' && plan.commands.map((c) => c[0])).toEqual(['sudo', 'sudo'])
  })
  it('names the packages and the command when neither root nor sudo is there', () => {
    const plan = installPlan({ ...debian, root: false, sudo: false, missing: ['chromium', 'xvfb'] })
    expect(plan.kind).toBe('manual')
    expect(plan.kind === 'manual' && plan.message).toContain('apt-get install -y --no-install-recommends chromium xvfb')
  })
  it('on macOS or a non-Debian Linux names every package and points to the README', () => {
    for (const platform of ['darwin', 'win32']) {
      const plan = installPlan({ ...debian, platform, debianLike: false, missing: [...DEBIAN_PACKAGES] })
      expect(plan.kind).toBe('manual')
      expect(plan.kind === 'manual' && plan.message).toContain(DEBIAN_PACKAGES.join(' '))
      expect(plan.kind === 'manual' && plan.message).toContain('README')
      expect(plan.kind === 'manual' && plan.message.includes('\n')).toBe(false)
    }
    expect(installPlan({ ...debian, debianLike: false, missing: [] }).kind).toBe('manual')
  })
})

describe('testPlan', () => {
  it('runs qemu first, then node and e2e, and fails on nothing when every tool is there', () => {
    expect(testPlan({ qemu: true, firmware: true, chromium: true })).toEqual({ projects: ['qemu', 'node', 'e2e'], missing: null })
  })
  it('without QEMU and Chromium runs the node tests and names both in one line', () => {
    const plan = testPlan({ qemu: false, firmware: false, chromium: false })
    expect(plan.projects).toEqual(['node'])
    expect(plan.missing).toMatch(/qemu-system-arm/)
    expect(plan.missing).toMatch(/firmware\.hex/)
    expect(plan.missing).toMatch(/Chromium/)
    expect(plan.missing!.includes('\n')).toBe(false)
  })
  it('names only the missing firmware when QEMU is there', () => {
    const plan = testPlan({ qemu: true, firmware: false, chromium: true })
    expect(plan.projects).toEqual(['node', 'e2e'])
    expect(plan.missing).not.toMatch(/qemu-system-arm and/)
    expect(plan.missing).toMatch(/firmware\.hex/)
  })
})

describe('electronInstalled', () => {
  const exists = (p: string) => p === '/nm/electron/dist/electron' || p === '/opt/electron'
  it('is true when path.txt names a binary that exists', () => {
    expect(electronInstalled({ electronDir: '/nm/electron', pathTxt: 'electron\n', exists })).toBe(true)
  })
  it('is false when the download never wrote path.txt or the binary is gone', () => {
    expect(electronInstalled({ electronDir: '/nm/electron', pathTxt: null, exists })).toBe(false)
    expect(electronInstalled({ electronDir: '/nm/electron', pathTxt: 'Electron.app/Contents/MacOS/Electron', exists })).toBe(false)
    expect(electronInstalled({ electronDir: null, pathTxt: null, exists })).toBe(false)
  })
  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    expect(electronInstalled({ overrideDist: '/opt/electron', electronDir: null, pathTxt: null, exists })).toBe(true)
    expect(electronInstalled({ overrideDist: '/missing', electronDir: '/nm/electron', pathTxt: 'electron', exists })).toBe(false)
  })
  it('the message is one line and names the browser mode', () => {
    expect(NO_ELECTRON_MESSAGE.includes('\n')).toBe(false)
    expect(NO_ELECTRON_MESSAGE).toContain('npm run browser-dev')
  })
})
