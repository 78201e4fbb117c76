import type { BadgeApi } from '../shared/ipc/client'

declare global {
  interface Window {
    /** The IDE's API, one method per contract operation (see src/shared/ipc/contract.ts). */
    badge: BadgeApi
  }
}
