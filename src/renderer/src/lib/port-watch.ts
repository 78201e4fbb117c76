/**
 * Ports that come and go, decided without side effects: whether a fresh listing differs from the
 * shown one, and when a badge whose link was lost is connected again (replugged, or back after a
 * reset that kept its port listed).
 */
import type { PortInfo } from '@shared/ipc/domains/device'

/** How often the window lists the ports, ms. */
export const PORT_POLL_MS = 2000
/** Attempts to reconnect while the lost port stays listed (a badge that reset); a replug starts afresh. */
export const MAX_RECONNECT_ATTEMPTS = 5

/** A badge whose link was lost (not a disconnect the user asked for). */
export interface LostLink {
  path: string
  /** USB serial number, when the port had one: a replugged badge may come back on another path. */
  serialNumber?: string
  /** Reconnects tried since the port was last seen missing. */
  attempts: number
}

/** True when two listings show the same ports (path, kind and label, in order). */
export function samePorts(a: readonly PortInfo[], b: readonly PortInfo[]): boolean {
  return a.length === b.length && a.every((p, i) => p.path === b[i]!.path && p.kind === b[i]!.kind && p.label === b[i]!.label)
}

/**
 * The port to show as chosen after a new listing: a badge just plugged in is chosen (the user plugged
 * it in to use it), else the current choice while it is still listed, else the first port.
 */
export function chosenPort(before: readonly PortInfo[], after: readonly PortInfo[], selected: string): string {
  const plugged = after.find((p) => p.kind === 'badge' && !before.some((b) => b.path === p.path))
  if (plugged) return plugged.path
  return after.some((p) => p.path === selected) ? selected : (after[0]?.path ?? '')
}

/**
 * One poll's decision for a lost link: the port to connect to now (null: not now) and the record to
 * keep. Missing from the list: wait and count the next appearance as a replug. Listed: try again,
 * at most {@link MAX_RECONNECT_ATTEMPTS} times until it goes missing once more.
 */
export function replugStep(lost: LostLink | null, ports: readonly PortInfo[]): { lost: LostLink | null; reconnect: string | null } {
  if (!lost) return { lost: null, reconnect: null }
  const port = ports.find((p) => (lost.serialNumber ? p.serialNumber === lost.serialNumber : p.path === lost.path))
  if (!port) return { lost: { ...lost, attempts: 0 }, reconnect: null }
  if (lost.attempts >= MAX_RECONNECT_ATTEMPTS) return { lost, reconnect: null }
  return { lost: { ...lost, path: port.path, attempts: lost.attempts + 1 }, reconnect: port.path }
}
