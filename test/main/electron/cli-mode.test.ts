import { describe, expect, it } from 'vitest'
import { cliArgs } from '../../../src/main/electron/cli-mode'

const commands = ['exec', 'deploy', 'emulate']

describe('cliArgs', () => {
  it('a packaged app started with a CLI command runs the CLI with the rest of the arguments', () => {
    expect(cliArgs(['/usr/bin/badge-ide', 'exec', '--port', 'virtual', 'print(1)'], false, commands)).toEqual(['exec', '--port', 'virtual', 'print(1)'])
    expect(cliArgs(['/usr/bin/badge-ide', '--version'], false, commands)).toEqual(['--version'])
    expect(cliArgs(['/usr/bin/badge-ide', '--virtual-dir', '/tmp/v', 'ls', '--port', 'virtual'], false, commands)).toEqual(['--virtual-dir', '/tmp/v', 'ls', '--port', 'virtual'])
  })
  it('without arguments, or with something that is not a command, it opens the window', () => {
    expect(cliArgs(['/usr/bin/badge-ide'], false, commands)).toBeNull()
    expect(cliArgs(['/usr/bin/badge-ide', '--no-sandbox'], false, commands)).toBeNull()
    expect(cliArgs(['/opt/Badge IDE/badge-ide', '/home/me/project'], false, commands)).toBeNull()
  })
  it('under `electron .` the app folder is skipped', () => {
    expect(cliArgs(['electron', '.'], true, commands)).toBeNull()
    expect(cliArgs(['electron', '.', 'deploy', 'p'], true, commands)).toEqual(['deploy', 'p'])
  })
})
