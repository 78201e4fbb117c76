/**
 * The in-app replacement for `window.prompt` (Electron returns null from it): one pending request
 * at a time, answered by `NameDialog.vue` mounted in the window.
 */
import { shallowRef } from 'vue'

/** What {@link askName} shows and how it checks the answer. */
export interface NameRequest {
  title: string
  label: string
  initial: string
  confirmLabel?: string
  /** Returns a message when the value is not acceptable, else null. */
  validate?: (value: string) => string | null
  /** Where the default selection ends (e.g. before the extension); the whole text by default. */
  selectEnd?: number
  /** An empty answer is accepted (a breakpoint condition cleared); by default it asks for a name. */
  allowEmpty?: boolean
}

interface Pending extends NameRequest {
  resolve: (value: string | null) => void
}

/** The request on screen, if any. */
export const namePrompt = shallowRef<Pending | null>(null)

/** Asks for a name in the dialog; resolves with the trimmed value, or null when cancelled. */
export function askName(req: NameRequest): Promise<string | null> {
  namePrompt.value?.resolve(null)
  return new Promise((resolve) => {
    namePrompt.value = {
      ...req,
      resolve: (v) => {
        namePrompt.value = null
        resolve(v)
      },
    }
  })
}
