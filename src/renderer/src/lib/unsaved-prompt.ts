/**
 * "Save all / Don't save / Cancel" for unsaved tabs, asked in the page (`UnsavedDialog.vue`) before
 * anything would drop them: closing the window, quitting, opening another project, closing a tab.
 * One pending question at a time; a newer one cancels the older.
 */
import { shallowRef } from 'vue'

/** The user's answer. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel'

/** What the dialog shows. */
export interface UnsavedRequest {
  /** Why it asks, e.g. "Close the window" (the dialog's title). */
  action: string
  /** The unsaved files. */
  paths: string[]
}

interface Pending extends UnsavedRequest {
  resolve: (choice: UnsavedChoice) => void
}

/** The question on screen, if any. */
export const unsavedPrompt = shallowRef<Pending | null>(null)

/** Asks what to do with `paths`; resolves with the choice ('cancel' when dismissed). */
export function askUnsaved(req: UnsavedRequest): Promise<UnsavedChoice> {
  unsavedPrompt.value?.resolve('cancel')
  return new Promise((resolve) => {
    unsavedPrompt.value = {
      ...req,
      resolve: (c) => {
        unsavedPrompt.value = null
        resolve(c)
      },
    }
  })
}

/**
 * Settles unsaved documents before `action`: nothing to ask when none is dirty; otherwise asks and,
 * for Save all, saves each one. Resolves true when the action may go ahead: every one saved, or the
 * user chose Don't save. A save that fails (disk full, a conflict left unresolved) keeps the action
 * from going ahead, so its text is never dropped.
 */
export async function settleUnsaved<D extends { path: string }>(
  action: string,
  dirty: D[],
  save: (d: D) => Promise<boolean>,
  ask: (req: UnsavedRequest) => Promise<UnsavedChoice> = askUnsaved,
): Promise<boolean> {
  if (dirty.length === 0) return true
  const choice = await ask({ action, paths: dirty.map((d) => d.path) })
  if (choice === 'cancel') return false
  if (choice === 'discard') return true
  let ok = true
  for (const d of dirty) if (!(await save(d))) ok = false
  return ok
}
