/**
 * The application menu, built from the command registry (menu-template.ts). Renderer commands are
 * sent as `app:menu` to the window in front; main's own (New Window, About, Documentation) run here.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import { menuTemplate, registerAccelerators, type MenuEntry } from './menu-template'

/**
 * Installs the menu (accelerators registered as {@link registerAccelerators} decides).
 * `mainCommands` handles the commands marked `main` in the registry; `rendererCommand` sends the
 * others to the window in front.
 */
export function installMenu(rendererCommand: (command: string) => void, mainCommands: Record<string, () => void>, opts: { packaged: boolean }): void {
  const item = (e: MenuEntry): MenuItemConstructorOptions => {
    if ('separator' in e) return { type: 'separator' }
    if ('role' in e) return { role: e.role as MenuItemConstructorOptions['role'], ...(e.key ? { accelerator: e.key } : {}) }
    const run = mainCommands[e.command]
    return {
      label: e.title,
      ...(e.key ? { accelerator: e.key, registerAccelerator: registerAccelerators(process.platform) } : {}),
      click: () => (run ? run() : rendererCommand(e.command)),
    }
  }
  const template: MenuItemConstructorOptions[] = menuTemplate({ platform: process.platform, packaged: opts.packaged }).map((s) =>
    s.role && s.items.length === 0 ? { role: s.role as MenuItemConstructorOptions['role'] } : { label: s.label ?? '', submenu: s.items.map(item) },
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
