/** Which links may leave the app for the user's browser: https only, on a short allowlist of hosts. */

/** Hosts (exact, or a subdomain of them) that external links may point to. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'docs.micropython.org',
  'micropython.org',
  'pimoroni.com',
  'learn.pimoroni.com',
]

/** True when `url` is https and its host is on {@link EXTERNAL_LINK_HOSTS}. Parses, never prefix-matches. */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false
  const host = u.hostname.toLowerCase()
  return EXTERNAL_LINK_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))
}
