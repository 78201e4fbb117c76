/** The application menu; items send `app:menu` commands the renderer handles like its shortcuts. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { AppCore } from '../app-core'

/** Installs the menu. Accelerators mirror the renderer's keyboard shortcuts. */
export function installMenu(core: AppCore, getWindow: () => BrowserWindow | null): void {
  const cmd = (command: string, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => core.bus.emit('app:menu', { command }),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        cmd('openProject', 'Open Project…', 'CmdOrCtrl+O'),
        cmd('save', 'Save', 'CmdOrCtrl+S'),
        cmd('quickOpen', 'Quick Open…', 'CmdOrCtrl+P'),
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Run',
      submenu: [cmd('run', 'Run', 'F5'), cmd('stop', 'Stop', 'Shift+F5'), cmd('deploy', 'Deploy to Badge', 'CmdOrCtrl+Shift+D')],
    },
    {
      label: 'View',
      submenu: [
        cmd('toggleTheme', 'Toggle Light/Dark Theme'),
        { role: 'toggleDevTools' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  void getWindow
}
