/**
 * The emulator's network settings for the open project, as the Network dialog shows them. Every
 * change is saved at once through `emulator:setNetwork` (the user's data folder, never the project)
 * and applies to a running app. A project that proposes hosts is asked about once.
 */
import { reactive } from 'vue'
import type { EmulatorNetwork } from '@shared/ipc/domains/emulator'
import { api, call } from '../api'
import { pendingProposals } from '../lib/network-hosts'
import { notifyError } from './notifications'

/** The dialog and the settings it edits. */
export const network = reactive({
  open: false,
  /** Opened by the IDE itself because the project proposes hosts (the dialog says so). */
  asked: false,
  enabled: false,
  allow: [] as string[],
  proposed: [] as string[],
})

function apply(n: EmulatorNetwork): void {
  network.enabled = n.enabled
  network.allow = n.allow
  network.proposed = n.proposed ?? []
}

/** Opens the Network dialog with the current settings. */
export async function openNetwork(asked = false): Promise<void> {
  try {
    apply(await call(api.emulator.getNetwork({})))
    network.asked = asked
    network.open = true
  } catch (e) {
    notifyError(e, 'Network settings')
  }
}

/** Closes the dialog. */
export function closeNetwork(): void {
  network.open = false
  network.asked = false
}

/** Saves a change (switch and allowlist together); the dialog shows what main kept. */
export async function saveNetwork(change: { enabled?: boolean; allow?: string[] }): Promise<void> {
  try {
    apply(await call(api.emulator.setNetwork({ enabled: change.enabled ?? network.enabled, allow: change.allow ?? network.allow })))
  } catch (e) {
    notifyError(e, 'Network settings')
  }
}

/** Settings key: project roots whose proposed hosts the user was already asked about. */
const ASKED_KEY = 'networkProposalsAsked'

/**
 * Once per project (remembered in the user settings): when the project proposes hosts the user has
 * not allowed, opens the dialog so the user decides before an app can use them.
 */
export async function askAboutProposals(root: string): Promise<void> {
  const [n, s] = await Promise.all([api.emulator.getNetwork({}), api.app.getSettings({})])
  if (!n.ok || !s.ok || pendingProposals(n.value.proposed, n.value.allow).length === 0) return
  const asked = Array.isArray(s.value[ASKED_KEY]) ? (s.value[ASKED_KEY] as unknown[]).filter((x): x is string => typeof x === 'string') : []
  if (asked.includes(root)) return
  await api.app.setSettings({ patch: { [ASKED_KEY]: [...asked, root] } })
  apply(n.value)
  network.asked = true
  network.open = true
}
