import { describe, expect, it } from 'vitest'
import { projectArgument, projectWindowAction, secondInstanceAction } from '../../../src/main/electron/single-instance'

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

  it('a second start for another project opens a new window; the open windows keep theirs', () => {
    const windows = [{ id: 1, root: '/home/me/proj' }, { id: 4, root: '/srv/badge' }]
    expect(secondInstanceAction(['/usr/bin/badge-ide', '../other'], false, '/home/me/proj', windows)).toEqual({ kind: 'newWindow', root: '/home/me/other' })
  })

  it('a second start for a project open in some window focuses that window', () => {
    const windows = [{ id: 1, root: '/home/me/proj' }, { id: 4, root: '/srv/badge/' }]
    expect(secondInstanceAction(['/usr/bin/badge-ide', '/srv/badge'], false, '/home/me', windows)).toEqual({ kind: 'focus', window: 4 })
    expect(secondInstanceAction(['/usr/bin/badge-ide', '.'], false, '/home/me/proj', windows)).toEqual({ kind: 'focus', window: 1 })
  })

  it('a second start without a project only focuses; a window on the welcome screen takes a new project', () => {
    expect(secondInstanceAction(['/usr/bin/badge-ide'], false, '/home/me', [{ id: 1, root: '/home/me/proj' }])).toEqual({ kind: 'focus', window: null })
    expect(secondInstanceAction(['/usr/bin/badge-ide', 'x'], false, '/w', [{ id: 1, root: '/p' }, { id: 2, root: null }])).toEqual({ kind: 'openHere', window: 2, root: '/w/x' })
  })

  it('Open in New Window focuses the window showing the project, else opens a new one (never fills another window)', () => {
    const windows = [{ id: 1, root: '/p' }, { id: 2, root: null }]
    expect(projectWindowAction('/p/', windows, false)).toEqual({ kind: 'focus', window: 1 })
    expect(projectWindowAction('/q', windows, false)).toEqual({ kind: 'newWindow', root: '/q' })
    expect(projectWindowAction('/q', windows, true)).toEqual({ kind: 'openHere', window: 2, root: '/q' })
  })
})
