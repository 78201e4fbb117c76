/** Which badge-tool dialog is open (new-app wizard, icon editor, secrets form, asset import, package install). */
import { reactive } from 'vue'
import { activeDoc, workspace } from '../stores/workspace'

/** The dialogs of the Badge tools menu. */
export type ToolDialog = 'newApp' | 'icon' | 'secrets' | 'assets' | 'package'

/** Open dialog and its argument (the icon editor's file). */
export const tools = reactive({
  open: null as ToolDialog | null,
  /** Project-relative PNG the icon editor loads/saves. */
  iconPath: '' as string,
  /** The app a package is added to (the one whose file is open). */
  app: '' as string,
})

/** Opens a dialog (closing any other). */
export function openTool(d: ToolDialog, opts: { iconPath?: string; app?: string } = {}): void {
  if (opts.iconPath !== undefined) tools.iconPath = opts.iconPath
  if (opts.app !== undefined) tools.app = opts.app
  tools.open = d
}

/** Closes the open dialog. */
export function closeTool(): void {
  tools.open = null
}

/** The app whose file is open, else the first app of the project that is not the launcher ('' for none). */
export function activeApp(): string {
  const m = /^apps\/([^/]+)\//.exec(activeDoc.value?.path ?? '')
  if (m) return m[1]!
  const apps = workspace.project?.tree.children?.find((c) => c.name === 'apps')?.children ?? []
  return apps.find((a) => a.kind === 'dir' && a.name !== 'menu' && a.name !== 'startup')?.name ?? ''
}

/** Opens a dialog on the active app: the icon editor on its icon, the package dialog on its folder. */
export function openToolForActiveApp(d: ToolDialog): void {
  const app = activeApp()
  openTool(d, d === 'icon' ? { iconPath: app ? `apps/${app}/icon.png` : '' } : d === 'package' ? { app } : {})
}
