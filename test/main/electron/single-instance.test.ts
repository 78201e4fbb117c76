import { describe, expect, it } from 'vitest'
import { projectArgument, secondInstanceAction } from '../../../src/main/electron/single-instance'

describe('single instance', () => {
  it('finds the project folder on the command line, relative to where it was started', () => {
    expect(projectArgument(['/usr/bin/badge-ide', 'proj'], false, '/home/me')).toBe('/home/me/proj')
    expect(projectArgument(['/usr/bin/badge-ide', '/srv/badge'], false, '/home/me')).toBe('/srv/badge')
    expect(projectArgument(['/usr/bin/badge-ide'], false, '/home/me')).toBeNull()
  })

  it('skips the switches Electron and Chromium add, and the app folder under `electron .`', () => {
    expect(projectArgument(['/opt/Badge IDE/badge-ide', '--no-sandbox', '--allow-file-access-from-files', 'p'], false, '/w')).toBe('/w/p')
    expect(projectArgument(['electron', '.', 'apps/demo'], true, '/w')).toBe('/w/apps/demo')
    expect(projectArgument(['electron', '.'], true, '/w')).toBeNull()
  })

  it('a second start focuses the window and opens its project', () => {
    expect(secondInstanceAction(['/usr/bin/badge-ide', '../other'], false, '/home/me/proj', '/home/me/proj')).toEqual({ focus: true, open: '/home/me/other' })
  })

  it('a second start for the open project, or with no project, only focuses', () => {
    expect(secondInstanceAction(['/usr/bin/badge-ide', '.'], false, '/home/me/proj', '/home/me/proj/')).toEqual({ focus: true, open: null })
    expect(secondInstanceAction(['/usr/bin/badge-ide'], false, '/home/me', '/home/me/proj')).toEqual({ focus: true, open: null })
  })
})
