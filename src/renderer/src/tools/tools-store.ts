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

/** Base64 of bytes (chunked: large arrays would overflow the argument list). */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/** Bytes of a base64 string. */
export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
