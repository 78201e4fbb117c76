// @ts-check
/**
 * What the test suite and `npm run dev` need from the system, and the decisions about it, as pure
 * functions (unit-tested in test/scripts/system.test.ts). The probes at the bottom read the real
 * machine; setup-system.mjs, test.mjs and dev.mjs only combine the two.
 *
 * Plain JavaScript on purpose: .ci/run calls setup-system.mjs on a fresh machine before `npm ci`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * Debian packages the suite needs: Chromium (renderer E2E), QEMU and the micro:bit MicroPython
 * firmware (the real-device tests), socat and xvfb (serial relays, a display for screenshots).
 */
export const DEBIAN_PACKAGES = ['chromium', 'qemu-system-arm', 'firmware-microbit-micropython', 'socat', 'xvfb']

/** Debian's micro:bit MicroPython image, the firmware the QEMU device tests boot. */
export const MICROBIT_FIRMWARE = '/usr/share/firmware-microbit-micropython/firmware.hex'

/** The browser the E2E tests drive (CHROMIUM_PATH overrides it). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/**
 * @typedef {object} SystemFacts
 * @property {string} platform process.platform
 * @property {boolean} debianLike /etc/os-release names debian or ubuntu (ID or ID_LIKE) and apt-get exists
 * @property {boolean} root the effective user id is 0
 * @property {boolean} sudo a `sudo` command is on PATH
 * @property {string[]} missing the packages of DEBIAN_PACKAGES not installed (dpkg's view)
 */

/**
 * @typedef {{ kind: 'none' } | { kind: 'install', packages: string[], commands: string[][] } | { kind: 'manual', message: string }} InstallPlan
 */

/** True when an /etc/os-release text describes Debian or a derivative (Ubuntu, Mint, Raspberry Pi OS…). */
export function isDebianLike(/** @type {string} */ osRelease) {
  const field = (/** @type {string} */ name) => (osRelease.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1] ?? '').replace(/["']/g, '')
  const ids = `${field('ID')} ${field('ID_LIKE')}`.toLowerCase().split(/\s+/)
  return ids.includes('debian') || ids.includes('ubuntu')
}

/**
 * How to install what is missing: nothing, the apt-get commands (through sudo when not root), or a
 * one-line message naming the packages and the command when this user or system cannot.
 * @param {SystemFacts} facts
 * @returns {InstallPlan}
 */
export function installPlan(facts) {
  if (facts.platform === 'linux' && facts.debianLike && facts.missing.length === 0) return { kind: 'none' }
  const wanted = facts.platform === 'linux' && facts.debianLike ? facts.missing : DEBIAN_PACKAGES
  const command = `apt-get install -y --no-install-recommends ${wanted.join(' ')}`
  if (facts.platform !== 'linux' || !facts.debianLike) {
    return {
      kind: 'manual',
      message: `setup: not a Debian-like system, so the device and E2E tests' tools are not installed for you: on Debian/Ubuntu they are \`${command}\`; elsewhere see README "Tests on macOS and Windows"`,
    }
  }
  const prefix = facts.root ? [] : facts.sudo ? ['sudo'] : null
  if (!prefix) return { kind: 'manual', message: `setup: missing ${wanted.join(', ')}; not root and no sudo: run as root \`apt-get update && ${command}\`` }
  return {
    kind: 'install',
    packages: wanted,
    commands: [
      [...prefix, 'apt-get', 'update', '-qq'],
      [...prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...wanted],
    ],
  }
}

/**
 * @typedef {object} TestTools
 * @property {boolean} qemu qemu-system-arm runs
 * @property {boolean} firmware the micro:bit firmware image exists
 * @property {boolean} chromium the Chromium binary exists
 */

/**
 * Which vitest projects `npm test` runs with these tools, and the one line it fails with when some
 * could not run (null when everything ran). QEMU goes first, on a quiet machine.
 * @param {TestTools} tools
 * @returns {{ projects: string[], missing: string | null }}
 */
export function testPlan(tools) {
  const projects = []
  const absent = []
  if (tools.qemu && tools.firmware) projects.push('qemu')
  else absent.push(`device tests (need ${[!tools.qemu && 'qemu-system-arm', !tools.firmware && MICROBIT_FIRMWARE].filter(Boolean).join(' and ')})`)
  projects.push('node')
  if (tools.chromium) projects.push('e2e')
  else absent.push('E2E tests (need Chromium: apt-get install chromium, or set CHROMIUM_PATH)')
  return {
    projects,
    missing: absent.length ? `npm test: every other test ran, but these could not: ${absent.join('; ')}. \`npm run setup\` installs them on Debian/Ubuntu.` : null,
  }
}

/**
 * Whether the Electron binary is there: electron's package writes path.txt after its download, and
 * ELECTRON_OVERRIDE_DIST_PATH points at one installed by hand.
 * @param {{ overrideDist?: string | undefined, pathTxt: string | null, exists: (p: string) => boolean, electronDir: string | null }} f
 */
export function electronInstalled(f) {
  if (f.overrideDist) return f.exists(f.overrideDist)
  if (!f.electronDir || f.pathTxt === null) return false
  return f.exists(path.join(f.electronDir, 'dist', f.pathTxt.trim()))
}

/** The one line `npm run dev` prints when there is no Electron binary. */
export const NO_ELECTRON_MESSAGE =
  'npm run dev: the Electron binary is not installed (its download failed or is blocked here); run the IDE in your browser instead: npx electron-vite build && npm run browser-dev -- path/to/project'

// ---- probes of the real machine ----

/** The facts {@link installPlan} needs, read from this machine. */
export function probeSystem() {
  const has = (/** @type {string} */ cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
  let osRelease = ''
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8')
  } catch {
    // not Linux, or a system without os-release
  }
  const debianLike = process.platform === 'linux' && isDebianLike(osRelease) && has('apt-get') && has('dpkg-query')
  const missing = debianLike
    ? DEBIAN_PACKAGES.filter((p) => !/install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout ?? ''))
    : [...DEBIAN_PACKAGES]
  return { platform: process.platform, debianLike, root: process.getuid?.() === 0, sudo: has('sudo'), missing }
}

/** The facts {@link testPlan} needs, read from this machine. */
export function probeTestTools() {
  return {
    qemu: spawnSync('qemu-system-arm', ['--version'], { stdio: 'ignore' }).status === 0,
    firmware: existsSync(MICROBIT_FIRMWARE),
    chromium: existsSync(process.env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM),
  }
}

/** Whether this checkout's Electron binary is installed. */
export function probeElectron() {
  const require = createRequire(import.meta.url)
  let electronDir = null
  let pathTxt = null
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'))
    pathTxt = readFileSync(path.join(electronDir, 'path.txt'), 'utf8')
  } catch {
    // electron not installed, or its download never finished
  }
  return electronInstalled({ overrideDist: process.env['ELECTRON_OVERRIDE_DIST_PATH'], pathTxt, exists: existsSync, electronDir })
}
