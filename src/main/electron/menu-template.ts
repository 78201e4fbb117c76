/**
 * The application menu as data (no electron import, unit-tested): built from the command registry
 * plus Electron's standard roles. `menu.ts` turns it into Electron's menu.
 */
import { COMMANDS, type CommandSpec } from '../../shared/commands'

/** One menu entry: a registry command, an Electron role, or a separator. */
export type MenuEntry = { command: string; title: string; key?: string } | { role: string } | { separator: true }

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
    { label: 'File', items: [...commandsIn('File'), { separator: true }, { role: mac ? 'close' : 'quit' }] },
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
