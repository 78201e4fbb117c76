/**
 * Saving bytes the user asked for (a screenshot, a badge file): the native save dialog in the
 * desktop app; in browser mode, which has none (NO_NATIVE_DIALOG), the browser's own download.
 */
import { api, ApiError } from '../api'

/** Where the bytes went when the browser downloaded them. */
export const BROWSER_DOWNLOADS = "your browser's downloads"

/** Saves `bytes` as `name`; resolves with where they went, or null when the user cancelled. */
export async function saveBytes(name: string, bytes: Uint8Array): Promise<string | null> {
  const r = await api.app.saveDialog({ defaultName: name, bytes })
  if (r.ok) return r.value
  if (r.code !== 'NO_NATIVE_DIALOG') throw new ApiError(r)
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return BROWSER_DOWNLOADS
}
