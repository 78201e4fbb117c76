/** Which badge-tool dialog is open (new-app wizard, icon editor, secrets form, asset import). */
import { reactive } from 'vue'

/** The dialogs of the Badge tools menu. */
export type ToolDialog = 'newApp' | 'icon' | 'secrets' | 'assets'

/** Open dialog and its argument (the icon editor's file). */
export const tools = reactive({
  open: null as ToolDialog | null,
  /** Project-relative PNG the icon editor loads/saves. */
  iconPath: '' as string,
})

/** Opens a dialog (closing any other). */
export function openTool(d: ToolDialog, opts: { iconPath?: string } = {}): void {
  if (opts.iconPath !== undefined) tools.iconPath = opts.iconPath
  tools.open = d
}

/** Closes the open dialog. */
export function closeTool(): void {
  tools.open = null
}
