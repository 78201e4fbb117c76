import { describe, expect, it } from 'vitest'
import { COMMANDS, type CommandSpec } from '../../../src/shared/commands'
import { aboutText, menuCommandIds, menuTemplate, registerAccelerators, UDEV_RULE_TARGET, usbSetupMessage } from '../../../src/main/electron/menu-template'

const roles = (t: ReturnType<typeof menuTemplate>) => t.flatMap((s) => s.items.flatMap((i) => ('role' in i ? [i.role] : [])))

describe('menu template', () => {
  it('names only registry commands, and every registry menu command appears once', () => {
    const ids = menuCommandIds(menuTemplate({ platform: 'linux', packaged: true }))
    const registry = (COMMANDS as readonly CommandSpec[]).filter((c) => c.menu).map((c) => c.id)
    expect([...ids].sort()).toEqual([...registry].sort())
  })
  it('has Deploy to Badge with its accelerator in the Run menu', () => {
    const run = menuTemplate({ platform: 'linux', packaged: true }).find((s) => s.label === 'Run')!
    expect(run.items).toContainEqual({ command: 'deploy', title: 'Deploy to Badge', key: 'CmdOrCtrl+Shift+D' })
  })
  it('has New Window in the File menu after Open Project, handled in main', () => {
    const file = menuTemplate({ platform: 'linux', packaged: true }).find((s) => s.label === 'File')!
    expect(file.items.slice(0, 2)).toEqual([{ command: 'openProject', title: 'Open Project…', key: 'CmdOrCtrl+O' }, { command: 'newWindow', title: 'New Window', key: 'CmdOrCtrl+Shift+N' }])
    expect((COMMANDS as readonly CommandSpec[]).find((c) => c.id === 'newWindow')?.main).toBe(true)
  })
  it('offers DevTools only in development builds', () => {
    expect(roles(menuTemplate({ platform: 'linux', packaged: true }))).not.toContain('toggleDevTools')
    expect(roles(menuTemplate({ platform: 'linux', packaged: false }))).toContain('toggleDevTools')
  })
  it('has a Help menu with About and the docs link', () => {
    const help = menuTemplate({ platform: 'win32', packaged: true }).find((s) => s.label === 'Help')!
    expect(help.items.map((i) => ('command' in i ? i.command : null))).toEqual(['docs', 'usbSetup', 'toggleTranscript', 'saveDiagnostics', 'about'])
  })
  it('macOS gets the app menu and Close; elsewhere File ends with Quit', () => {
    expect(menuTemplate({ platform: 'darwin', packaged: true })[0]!.role).toBe('appMenu')
    expect(roles(menuTemplate({ platform: 'linux', packaged: true }))).toContain('quit')
    expect(roles(menuTemplate({ platform: 'darwin', packaged: true }))).toContain('close')
  })
  it('macOS closes the window with Cmd+Shift+W, leaving Cmd+W to Close Tab', () => {
    const file = menuTemplate({ platform: 'darwin', packaged: true }).find((s) => s.label === 'File')!
    expect(file.items).toContainEqual({ role: 'close', key: 'Cmd+Shift+W' })
    expect(file.items).toContainEqual({ command: 'closeTab', title: 'Close Tab', key: 'CmdOrCtrl+W' })
  })
})

describe('registerAccelerators', () => {
  it('registers menu keys only on macOS (elsewhere the renderer runs them, so nothing runs twice)', () => {
    expect(registerAccelerators('darwin')).toBe(true)
    expect(registerAccelerators('linux')).toBe(false)
    expect(registerAccelerators('win32')).toBe(false)
  })
})

describe('aboutText', () => {
  it('lists the app, Electron and MicroPython WebAssembly versions', () => {
    const t = aboutText({ app: '0.1.0', electron: '45.4.1', chrome: '140.0', node: '22.1.0', micropython: '1.27.0' })
    expect(t).toBe('Badge IDE 0.1.0\nElectron 45.4.1\nChromium 140.0\nNode 22.1.0\nMicroPython WebAssembly 1.27.0')
    expect(aboutText({ app: '0.1.0', node: '20', micropython: '1.27.0' })).not.toContain('Electron')
  })
})

describe('usbSetupMessage', () => {
  it('on Linux without the rule gives the exact commands for the shipped rule', () => {
    const m = usbSetupMessage('linux', "/tmp/.mount_Badge/resources/resources/99-badge-ide.rules", false)
    expect(m.commands).toBe(`sudo cp '/tmp/.mount_Badge/resources/resources/99-badge-ide.rules' ${UDEV_RULE_TARGET} && sudo udevadm control --reload-rules && sudo udevadm trigger`)
    expect(m.detail).toContain(m.commands!)
  })
  it('quotes a path with a quote in it', () => {
    expect(usbSetupMessage('linux', "/home/o'neil/rules", false).commands).toContain(`'/home/o'\\''neil/rules'`)
  })
  it('says when the rule is installed, and that macOS and Windows need nothing', () => {
    expect(usbSetupMessage('linux', '/x', true).commands).toBeUndefined()
    expect(usbSetupMessage('linux', '/x', true).detail).toContain(UDEV_RULE_TARGET)
    expect(usbSetupMessage('darwin', '/x', false).message).toBe('No USB set-up needed')
  })
})
