/** Toast messages: what happened and what to do. Errors stay until dismissed; info fades. */
import { reactive } from 'vue'
import { ApiError } from '../api'

/** One message shown to the user. */
export interface Notice {
  id: number
  kind: 'info' | 'error'
  text: string
  code?: string
}

let next = 1
/** The visible messages, oldest first. */
export const notices = reactive<Notice[]>([])

/** Shows a message; info messages disappear after a few seconds. */
export function notify(kind: Notice['kind'], text: string, code?: string): void {
  const n: Notice = code ? { id: next++, kind, text, code } : { id: next++, kind, text }
  notices.push(n)
  if (kind === 'info') setTimeout(() => dismiss(n.id), 4000)
}

/** Shows an error thrown by an API call (keeps its stable code). */
export function notifyError(e: unknown, context?: string): void {
  const prefix = context ? `${context}: ` : ''
  if (e instanceof ApiError) notify('error', prefix + e.message, e.fail.code)
  else notify('error', prefix + (e instanceof Error ? e.message : String(e)))
}

/** Removes every message with one of these codes (their cause is gone: the badge is back). */
export function dismissCodes(...codes: string[]): void {
  for (let i = notices.length - 1; i >= 0; i--) if (codes.includes(notices[i]!.code ?? '')) notices.splice(i, 1)
}

/** Removes a message. */
export function dismiss(id: number): void {
  const i = notices.findIndex((n) => n.id === id)
  if (i >= 0) notices.splice(i, 1)
}
