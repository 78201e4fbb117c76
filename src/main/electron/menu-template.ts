/**
 * The application menu as data (no electron import, unit-tested): built from the command registry
 * plus Electron's standard roles. `menu.ts` turns it into Electron's menu.
 */
import { COMMANDS, type CommandSpec } from '../../shared/commands'

/** One menu entry: a registry command, an Electron role, or a separator. */
export type MenuEntry = { command: string; title: string; key?: string } | { role: string; key?: string } | { separator: true }

/** A top-level menu. */
export interface MenuSection {
  label?: string
  /** A whole standard menu (macOS app menu, Edit). */
  role?: string
  items: MenuEntry[]
}

/** The commands of one registry menu as entries. */
function commandsIn(menu: NonNullable<CommandSpec['menu']>): MenuEntry[] {
  return (COMMANDS as readonly CommandSpec[])
    .filter((c) => c.menu === menu)
    .map((c) => ({ command: c.id, title: c.title, ...(c.key ? { key: c.key } : {}) }))
}

/**
 * The menu for `platform`; DevTools only when the app is not packaged (development builds), so a
 * user's installed app has none.
 */
export function menuTemplate(opts: { platform: string; packaged: boolean }): MenuSection[] {
  const mac = opts.platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu', items: [] }] : []),
    // Close Window moves to Cmd+Shift+W on macOS: Cmd+W closes the editor tab (Close Tab), as in other editors.
    { label: 'File', items: [...commandsIn('File'), { separator: true }, mac ? { role: 'close', key: 'Cmd+Shift+W' } : { role: 'quit' }] },
    { role: 'editMenu', items: [] },
    { label: 'Run', items: commandsIn('Run') },
    {
      label: 'View',
      items: [
        ...commandsIn('View'),
        { separator: true },
        ...(opts.packaged ? [] : [{ role: 'toggleDevTools' }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { label: 'Help', items: commandsIn('Help') },
  ]
}

/**
 * Whether menu accelerators are registered with the system. Only on macOS, whose menu takes the key
 * before the page sees it; elsewhere the renderer's key handler (same registry) runs the shortcut,
 * and the menu only shows it, so no shortcut runs twice.
 */
export function registerAccelerators(platform: string): boolean {
  return platform === 'darwin'
}

/** Every command id the menu names. */
export function menuCommandIds(sections: MenuSection[]): string[] {
  return sections.flatMap((s) => s.items.flatMap((i) => ('command' in i ? [i.command] : [])))
}

/** The versions About shows. */
export interface Versions {
  app: string
  electron?: string | undefined
  chrome?: string | undefined
  node: string
  micropython: string
}

/** The About box's text. */
export function aboutText(v: Versions): string {
  return [
    `Badge IDE ${v.app}`,
    ...(v.electron ? [`Electron ${v.electron}`] : []),
    ...(v.chrome ? [`Chromium ${v.chrome}`] : []),
    `Node ${v.node}`,
    `MicroPython WebAssembly ${v.micropython}`,
  ].join('\n')
}

/** Where the udev rule goes. */
export const UDEV_RULE_TARGET = '/etc/udev/rules.d/99-badge-ide.rules'

/**
 * Help → Set Up USB Access…: what to tell the user. On Linux, the exact commands that install the
 * rule shipped at `rulePath` (the deb installs it itself; the AppImage and a source checkout do
 * not), or that it is installed; elsewhere that no set-up is needed.
 */
export function usbSetupMessage(platform: string, rulePath: string, installed: boolean): { message: string; detail: string; commands?: string } {
  if (platform !== 'linux') {
    return { message: 'No USB set-up needed', detail: 'On macOS and Windows the badge\'s serial port works without extra set-up. Use a data cable, not a charge-only one.' }
  }
  if (installed) {
    return { message: 'USB access is set up', detail: `The udev rule is installed (${UDEV_RULE_TARGET}). Unplug the badge and plug it in again if its port still refuses.` }
  }
  const commands = `sudo cp '${rulePath.replace(/'/g, "'\\''")}' ${UDEV_RULE_TARGET} && sudo udevadm control --reload-rules && sudo udevadm trigger`
  return {
    message: 'Set up USB access to the badge',
    detail: `The rule lets you use the badge's serial port without joining a group and keeps ModemManager away from it. Run in a terminal, then plug the badge in again:\n\n${commands}`,
    commands,
  }
}
