/**
 * The one command registry: every command the window offers (id, title, default key binding, when
 * it is enabled, where it sits in the menu). It drives the application menu (main), the renderer's
 * shortcuts, the toolbar's titles and the command palette, so they cannot disagree.
 */

/** What a command's enabled-when condition can look at. */
export interface CommandContext {
  /** A project is open. */
  project: boolean
  /** The active tab can be saved (writable). */
  editor: boolean
  /** A tab is open and active (read-only ones too). */
  tab: boolean
  /** A badge (serial or virtual) is connected. */
  connected: boolean
  /** An app runs in the emulator (paused in the debugger or not). */
  emulating: boolean
  /** The app in the emulator is paused in the debugger. */
  paused: boolean
}

/** One command. */
export interface CommandSpec {
  id: string
  title: string
  /** Default binding in Electron accelerator syntax ("CmdOrCtrl+Shift+D", "F5"). */
  key?: string
  /** The menu it appears in; absent for palette-only commands. */
  menu?: 'File' | 'Run' | 'View' | 'Help'
  /** Conditions that must all hold for it to run (none: always). */
  when?: Array<keyof CommandContext>
  /** Handled in main (native dialogs, links) instead of the renderer. */
  main?: boolean
}

/** Every command, in menu order. */
export const COMMANDS = [
  { id: 'openProject', title: 'Open Project…', key: 'CmdOrCtrl+O', menu: 'File' },
  // Another project beside this one (each window has its own project, emulator and checker).
  { id: 'newWindow', title: 'New Window', key: 'CmdOrCtrl+Shift+N', menu: 'File', main: true },
  { id: 'newApp', title: 'New App…', menu: 'File', when: ['project'] },
  // Into the app whose file is open: packages live in the app's folder (first on the badge's sys.path).
  { id: 'addPackage', title: 'Add a MicroPython Package…', menu: 'File', when: ['project'] },
  { id: 'quickOpen', title: 'Go to File…', key: 'CmdOrCtrl+P', menu: 'File', when: ['project'] },
  { id: 'save', title: 'Save', key: 'CmdOrCtrl+S', menu: 'File', when: ['editor'] },
  { id: 'saveAll', title: 'Save All', key: 'CmdOrCtrl+Shift+S', menu: 'File', when: ['project'] },
  { id: 'closeTab', title: 'Close Tab', key: 'CmdOrCtrl+W', menu: 'File', when: ['tab'] },
  { id: 'run', title: 'Run', key: 'F5', menu: 'Run', when: ['project'] },
  { id: 'stop', title: 'Stop', key: 'Shift+F5', menu: 'Run' },
  { id: 'restart', title: 'Restart', key: 'CmdOrCtrl+Shift+F5', menu: 'Run', when: ['project'] },
  // Deploy also goes to a badge in USB disk mode: the deploy itself says when there is no badge.
  { id: 'deploy', title: 'Deploy to Badge', key: 'CmdOrCtrl+Shift+D', menu: 'Run', when: ['project'] },
  // Continue shares F5 with Run: Run comes first for the key and continues a paused app.
  { id: 'debugContinue', title: 'Continue', key: 'F5', menu: 'Run', when: ['paused'] },
  { id: 'debugStepOver', title: 'Step Over', key: 'F10', menu: 'Run', when: ['paused'] },
  { id: 'debugStepInto', title: 'Step Into', key: 'F11', menu: 'Run', when: ['paused'] },
  { id: 'debugStepOut', title: 'Step Out', key: 'Shift+F11', menu: 'Run', when: ['paused'] },
  { id: 'debugPause', title: 'Pause', key: 'F6', menu: 'Run', when: ['emulating'] },
  { id: 'toggleBreakpoint', title: 'Toggle Breakpoint', key: 'F9', menu: 'Run', when: ['editor'] },
  { id: 'breakOnException', title: 'Break on Uncaught Exceptions On/Off', menu: 'Run' },
  { id: 'palette', title: 'Command Palette…', key: 'CmdOrCtrl+Shift+P', menu: 'View' },
  { id: 'toggleTheme', title: 'Toggle Light/Dark Theme', menu: 'View' },
  { id: 'docs', title: 'Documentation', menu: 'Help', main: true },
  { id: 'usbSetup', title: 'Set Up USB Access…', menu: 'Help', main: true },
  { id: 'toggleTranscript', title: 'Serial Transcript in the Log On/Off', menu: 'Help' },
  { id: 'saveDiagnostics', title: 'Save Diagnostics…', menu: 'Help' },
  { id: 'about', title: 'About Badge IDE', menu: 'Help', main: true },
] as const satisfies readonly CommandSpec[]

/** A command's id. */
export type CommandId = (typeof COMMANDS)[number]['id']

/** The ids of the commands the renderer handles. */
export type RendererCommandId = Exclude<(typeof COMMANDS)[number], { main: true }>['id']

/** The command with `id`, or undefined. */
export function commandById(id: string): CommandSpec | undefined {
  return (COMMANDS as readonly CommandSpec[]).find((c) => c.id === id)
}

/** True when `c` may run in `ctx`. */
export function isEnabled(c: CommandSpec, ctx: CommandContext): boolean {
  return (c.when ?? []).every((k) => ctx[k])
}

/** The parts of a key press that bindings look at (a DOM KeyboardEvent has them). */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/**
 * True when `press` is `binding` (accelerator syntax). CmdOrCtrl is Cmd on macOS and Ctrl
 * elsewhere; modifiers must match exactly, so Ctrl+S is not Ctrl+Shift+S. Letters compare without
 * case (Shift+letter reports an upper-case key).
 */
export function keyMatches(binding: string, press: KeyPress, mac: boolean): boolean {
  const parts = binding.split('+')
  const key = parts.pop()!.toLowerCase()
  const mods = new Set(parts.map((p) => p.toLowerCase()))
  const want = {
    ctrl: mods.has('ctrl') || (!mac && mods.has('cmdorctrl')),
    meta: mods.has('cmd') || mods.has('command') || (mac && mods.has('cmdorctrl')),
    shift: mods.has('shift'),
    alt: mods.has('alt') || mods.has('option'),
  }
  return press.key.toLowerCase() === key && press.ctrlKey === want.ctrl && press.metaKey === want.meta
    && press.shiftKey === want.shift && press.altKey === want.alt
}

/** The command bound to `press`, if any. */
export function commandForKey(press: KeyPress, mac: boolean): CommandSpec | undefined {
  return (COMMANDS as readonly CommandSpec[]).find((c) => c.key !== undefined && keyMatches(c.key, press, mac))
}

/** One row of the command palette. */
export interface PaletteEntry {
  id: string
  title: string
  key?: string
  enabled: boolean
}

/**
 * The palette's rows for `query`: renderer commands (not the palette itself) whose title contains
 * every word of the query, in any case; enabled ones first, each group in registry order.
 */
export function paletteEntries(query: string, ctx: CommandContext): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const rows = (COMMANDS as readonly CommandSpec[])
    .filter((c) => !c.main && c.id !== 'palette')
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
    .map((c) => ({ id: c.id, title: c.title, ...(c.key ? { key: c.key } : {}), enabled: isEnabled(c, ctx) }))
  return [...rows.filter((r) => r.enabled), ...rows.filter((r) => !r.enabled)]
}

/** A binding as the user reads it on this system: "Ctrl+Shift+D", "⌘⇧D" style is left to the OS menu. */
export function keyLabel(binding: string, mac: boolean): string {
  return binding.replace('CmdOrCtrl', mac ? 'Cmd' : 'Ctrl')
}

/** Where the project's documentation lives (Help → Documentation). */
export const DOCS_URL = 'https://github.com/badge-ide/badge-ide#readme'
