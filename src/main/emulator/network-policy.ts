/**
 * The emulator's network layer (host side). An app's HTTP request is answered, in order, by a
 * matching offline mock stored in the project (`.badge-ide/mocks/*.json`), or — only when the
 * user switched the network on for this project and the host is on the user's allowlist — by the
 * real network, every redirect checked again; anything else fails with a clear OSError in the app.
 * An allowed host name that resolves to a loopback, private or link-local address is refused
 * (DNS rebinding: a public name pointed at the user's own machine or network); the connection
 * uses exactly the address that was checked. Such addresses are reachable only when the user
 * allows the address itself, or `localhost`.
 * Off by default. The user decides, not the project: the switch and the allowlist live in the
 * user's data folder; a project's own `.badge-ide/network.json` only proposes hosts.
 *
 * Mock file format (one or a list per file):
 * `{ "url": "https://api.example.com/v1/*", "method": "GET", "status": 200,
 *    "headers": {}, "body": "text" | "json": {...} | "bodyFile": "weather.json" }`
 * A trailing `*` in `url` matches any rest; `bodyFile` is relative to the mocks folder.
 */
import { lookup as dnsLookup } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { HttpReply, RpcRequest } from './messages'
import { projectUserFile, userDataDir, writeJsonFile } from './user-dirs'

/** Network settings of a project. */
export interface NetworkSettings {
  /** Real network access for allowlisted hosts (default false). */
  enabled: boolean
  /** Host names (exact, or `*.example.com`) the app may reach when enabled. */
  allow: string[]
}

/** One offline mock response. */
export interface MockResponse {
  url: string
  method?: string
  status?: number
  headers?: Record<string, string>
  body?: string
  json?: unknown
  bodyFile?: string
}

/** Folder of a project's mocks. */
export function mocksDir(projectDir: string): string {
  return join(projectDir, '.badge-ide', 'mocks')
}

const hostList = (v: unknown): string[] =>
  Array.isArray(v) ? [...new Set(v.filter((h): h is string => typeof h === 'string').map((h) => h.trim().toLowerCase()).filter(Boolean))] : []

/** Hosts a project proposes in its `.badge-ide/network.json` (`{"allow": [...]}`); nothing else in it counts. */
export function readProposedHosts(projectDir: string | null): string[] {
  if (!projectDir) return []
  try {
    return hostList((JSON.parse(readFileSync(join(projectDir, '.badge-ide', 'network.json'), 'utf8')) as { allow?: unknown }).allow)
  } catch {
    return []
  }
}

/** Where the user's network decision for a project is kept (in the user's data folder, keyed by the project's real path). */
export function networkSettingsFile(projectDir: string, base = userDataDir()): string {
  return projectUserFile('network', projectDir, base)
}

/** The user's network settings for a project (missing or invalid → off, empty allowlist). */
export function readNetworkSettings(projectDir: string | null, base = userDataDir()): NetworkSettings {
  const off: NetworkSettings = { enabled: false, allow: [] }
  if (!projectDir) return off
  try {
    const raw = JSON.parse(readFileSync(networkSettingsFile(projectDir, base), 'utf8')) as Partial<NetworkSettings>
    return { enabled: raw.enabled === true, allow: hostList(raw.allow) }
  } catch {
    return off
  }
}

/** Saves the user's network settings for a project; returns them cleaned (hosts trimmed, lower case, unique). */
export function writeNetworkSettings(projectDir: string, s: NetworkSettings, base = userDataDir()): NetworkSettings {
  const clean: NetworkSettings = { enabled: s.enabled === true, allow: hostList(s.allow) }
  writeJsonFile(networkSettingsFile(projectDir, base), { project: resolve(projectDir), ...clean })
  return clean
}

/** True when `host` matches an allowlist entry (exact, or `*.domain` for subdomains). */
export function hostAllowed(host: string, allow: string[]): boolean {
  const h = host.toLowerCase()
  return allow.some((a) => {
    const e = a.toLowerCase().trim()
    return e.startsWith('*.') ? h.endsWith(e.slice(1)) : h === e
  })
}

function loadMocks(dir: string): MockResponse[] {
  if (!existsSync(dir)) return []
  const out: MockResponse[] = []
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue
    try {
      const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as MockResponse | MockResponse[]
      for (const m of Array.isArray(v) ? v : [v]) if (m && typeof m.url === 'string') out.push(m)
    } catch {
      // A broken mock file is skipped; the others still answer.
    }
  }
  return out
}

function mockMatches(m: MockResponse, method: string, url: string): boolean {
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false
  return m.url.endsWith('*') ? url.startsWith(m.url.slice(0, -1)) : url === m.url
}

function mockBody(m: MockResponse, dir: string): Uint8Array {
  if (m.bodyFile) {
    // Checked after symlinks: a bodyFile that is (or lies behind) a link out of the folder is refused.
    const root = realpathSync(dir)
    const p = realpathSync(resolve(dir, m.bodyFile))
    if (!p.startsWith(root + sep)) throw new Error('bodyFile leaves the mocks folder')
    return new Uint8Array(readFileSync(p))
  }
  if (m.json !== undefined) return new TextEncoder().encode(JSON.stringify(m.json))
  return new TextEncoder().encode(m.body ?? '')
}

/** Redirects followed at most (each one checked against the policy). */
const MAX_REDIRECTS = 5
const EHOSTUNREACH = 113
const ENETUNREACH = 101
const ECONNREFUSED = 111
const ETIMEDOUT = 110

/** Largest response body passed to an app (the badge's whole heap is 241 KB). */
const MAX_BODY_BYTES = 4 * 1024 * 1024

/** Loopback, private, link-local, carrier-grade NAT and unspecified addresses. */
const INTERNAL = new BlockList()
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4')
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) INTERNAL.addSubnet(net, bits, 'ipv6')

/** True for an address on the user's own machine or network (IPv4-mapped IPv6 included). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4')
  const family = isIP(address)
  return family !== 0 && INTERNAL.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** Raised by the guarded lookup; mapped to EHOSTUNREACH for the app. */
class RebindingRefused extends Error {}

/** A resolver for one request that refuses internal addresses for names other than `localhost`. */
function guardedLookup(resolve: typeof dnsLookup): LookupFunction {
  return (host, options, callback) => {
    resolve(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0)
      const list = addresses as unknown as Array<{ address: string; family: number }>
      const bad = host.toLowerCase() === 'localhost' ? undefined : list.find((a) => isInternalAddress(a.address))
      if (bad || !list.length) return callback(new RebindingRefused(`${host} resolves to ${bad?.address ?? 'nothing'}, an address on this machine or its network`), '', 0)
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list)
      callback(null, list[0].address, list[0].family)
    })
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array
}

/** One HTTP(S) request with the guarded resolver (Node's own client; redirects are the caller's). */
function send(url: URL, o: { method: string; headers: Record<string, string>; body?: Uint8Array; signal: AbortSignal; lookup: LookupFunction }): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: o.method, headers: o.headers, signal: o.signal, lookup: o.lookup }, (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY_BYTES) req.destroy(new Error(`the response is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`))
        else chunks.push(c)
      })
      res.on('end', () => {
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
        resolvePromise({ status: res.statusCode ?? 0, headers, body: new Uint8Array(Buffer.concat(chunks)) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(o.body ? Buffer.from(o.body) : undefined)
  })
}

/** Answers an app's HTTP requests under a project's network settings. */
export class NetworkPolicy {
  constructor(
    private readonly projectDir: string | null,
    private settings: NetworkSettings = readNetworkSettings(projectDir),
    private readonly timeoutMs = 10_000,
    /** The resolver (tests give one that maps a public name to an internal address). */
    private readonly resolver: typeof dnsLookup = dnsLookup,
  ) {}

  /** Replaces the settings (the IDE's network switch and allowlist). */
  setSettings(s: NetworkSettings): void {
    this.settings = { enabled: s.enabled, allow: [...s.allow] }
  }

  /** Current settings. */
  getSettings(): NetworkSettings {
    return { ...this.settings, allow: [...this.settings.allow] }
  }

  /** Answers one request; never throws (failures become OSError replies). */
  async handle(req: RpcRequest): Promise<HttpReply> {
    let url: URL
    try {
      url = new URL(req.url)
    } catch {
      return { ok: false, errno: 22, message: `EINVAL: not a URL: ${req.url}` }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, errno: 22, message: `EINVAL: unsupported scheme ${url.protocol}` }
    if (this.projectDir) {
      const dir = mocksDir(this.projectDir)
      const m = loadMocks(dir).find((x) => mockMatches(x, req.method, req.url))
      if (m) {
        try {
          return { ok: true, status: m.status ?? 200, headers: m.headers ?? {}, body: mockBody(m, dir), source: 'mock' }
        } catch (e) {
          return { ok: false, errno: 5, message: `EIO: mock for ${req.url} is unreadable: ${(e as Error).message}` }
        }
      }
    }
    if (!this.settings.enabled)
      return { ok: false, errno: ENETUNREACH, message: `ENETUNREACH: the emulator's network is off (no mock for ${req.method} ${req.url}); turn it on and allow ${url.hostname}, or add a mock in .badge-ide/mocks/` }
    const notAllowed = (u: URL): HttpReply => ({
      ok: false,
      errno: EHOSTUNREACH,
      message: `EHOSTUNREACH: ${u.hostname} is not on the allowlist of this project's emulator network (Emulator → Network settings)`,
    })
    if (!hostAllowed(url.hostname, this.settings.allow)) return notAllowed(url)
    try {
      const signal = AbortSignal.timeout(this.timeoutMs)
      let method = req.method
      let body: Uint8Array | undefined = req.body ? new Uint8Array(req.body) : undefined
      const lookup = guardedLookup(this.resolver)
      let res: RawResponse
      for (let hop = 0; ; hop++) {
        res = await send(url, { method, headers: req.headers, ...(body ? { body } : {}), signal, lookup })
        const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined
        if (!location) break
        if (hop >= MAX_REDIRECTS) return { ok: false, errno: EHOSTUNREACH, message: `EHOSTUNREACH: more than ${MAX_REDIRECTS} redirects from ${req.url}` }
        const next = new URL(location, url)
        if ((next.protocol !== 'http:' && next.protocol !== 'https:') || !hostAllowed(next.hostname, this.settings.allow)) return notAllowed(next)
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET'
          body = undefined
        }
        url = next
      }
      return { ok: true, status: res.status, headers: res.headers, body: res.body, source: 'network' }
    } catch (e) {
      if (e instanceof RebindingRefused)
        return { ok: false, errno: EHOSTUNREACH, message: `EHOSTUNREACH: ${e.message}; allow that address itself to reach it` }
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError'
      return timedOut
        ? { ok: false, errno: ETIMEDOUT, message: `ETIMEDOUT: ${url.hostname} did not answer` }
        : { ok: false, errno: ECONNREFUSED, message: `ECONNREFUSED: ${url.hostname}: ${(e as Error).message}` }
    }
  }
}
