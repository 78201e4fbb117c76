/** Device paths typed on the command line. */
import { describe, expect, it } from 'vitest'
import { cliDevicePath, devicePathProblem } from '../../../src/shared/protocol/device-path'

describe('cliDevicePath', () => {
  it('takes relative paths as relative to / and accepts a leading colon, as other MicroPython tools do', () => {
    expect(cliDevicePath('x.bin')).toBe('/x.bin')
    expect(cliDevicePath('apps/x/__init__.py')).toBe('/apps/x/__init__.py')
    expect(cliDevicePath(':main.py')).toBe('/main.py')
    expect(cliDevicePath(':/lib/a.py')).toBe('/lib/a.py')
    expect(cliDevicePath('/main.py')).toBe('/main.py')
    expect(cliDevicePath(':')).toBe('/')
  })

  it('still leaves "." and ".." for the path check to refuse', () => {
    expect(devicePathProblem(cliDevicePath('../etc'))).toBeDefined()
  })
})
