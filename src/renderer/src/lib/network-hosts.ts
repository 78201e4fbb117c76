/**
 * The emulator network settings as the window edits them: a typed host checked with the
 * contract's own validator, the project's proposals still waiting for the user, and the file a new
 * offline mock starts from.
 */
import { emulatorOps } from '@shared/ipc/domains/emulator'

/** A typed host made ready for the allowlist, or why it cannot go there. */
export type HostInput = { host: string } | { error: string }

/**
 * Reads what the user typed as an allowlist entry: trimmed, lower case; a pasted URL gives its host
 * name (people copy the URL their app fetches). Checked by the `emulator:setNetwork` validator.
 */
export function parseHost(typed: string): HostInput {
  let host = typed.trim().toLowerCase()
  if (!host) return { error: 'Type a host name, for example api.example.com' }
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname
    } catch {
      return { error: `"${typed.trim()}" is not a URL or a host name` }
    }
  }
  const ok = emulatorOps['emulator:setNetwork'].args.safeParse({ enabled: true, allow: [host] }).success
  return ok ? { host } : { error: `"${host}" is not a host name: use a name like api.example.com, or *.example.com for its subdomains` }
}

/** Hosts the project proposes that the user has not allowed yet, in the project's order. */
export function pendingProposals(proposed: readonly string[] | undefined, allow: readonly string[]): string[] {
  return (proposed ?? []).filter((h) => !allow.includes(h))
}

/** Where a new offline mock for `host` goes, and what it starts with (the network-policy mock format). */
export function mockTemplate(host: string, existing: ReadonlySet<string>): { path: string; text: string } {
  const base = host.replace(/^\*\./, '').replace(/[^a-z0-9.-]/g, '_') || 'mock'
  let path = `.badge-ide/mocks/${base}.json`
  for (let i = 2; existing.has(path); i++) path = `.badge-ide/mocks/${base}-${i}.json`
  const text = JSON.stringify({ url: `https://${host.replace(/^\*\./, '')}/*`, method: 'GET', status: 200, json: { hello: 'from the mock' } }, null, 2) + '\n'
  return { path, text }
}
