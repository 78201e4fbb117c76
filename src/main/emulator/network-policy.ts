/**
 * The emulator's network layer (host side). An app's HTTP request is answered, in order, by a
 * matching offline mock stored in the project (`.badge-ide/mocks/*.json`), or — only when the
 * network is enabled and the host is on the project's allowlist — by the real network; anything
 * else fails with a clear OSError in the app. Off by default.
 *
 * Mock file format (one or a list per file):
 * `{ "url": "https://api.example.com/v1/*", "method": "GET", "status": 200,
 *    "headers": {}, "body": "text" | "json": {...} | "bodyFile": "weather.json" }`
 * A trailing `*` in `url` matches any rest; `bodyFile` is relative to the mocks folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { HttpReply, RpcRequest } from './messages'

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

/** Reads `.badge-ide/network.json` (missing or invalid → network off, empty allowlist). */
export function readNetworkSettings(projectDir: string | null): NetworkSettings {
  const off: NetworkSettings = { enabled: false, allow: [] }
  if (!projectDir) return off
  try {
    const raw = JSON.parse(readFileSync(join(projectDir, '.badge-ide', 'network.json'), 'utf8')) as Partial<NetworkSettings>
    return {
      enabled: raw.enabled === true,
      allow: Array.isArray(raw.allow) ? raw.allow.filter((h): h is string => typeof h === 'string') : [],
    }
  } catch {
    return off
  }
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
    const p = resolve(dir, m.bodyFile)
    if (!p.startsWith(resolve(dir) + sep)) throw new Error('bodyFile leaves the mocks folder')
    return new Uint8Array(readFileSync(p))
  }
  if (m.json !== undefined) return new TextEncoder().encode(JSON.stringify(m.json))
  return new TextEncoder().encode(m.body ?? '')
}

const EHOSTUNREACH = 113
const ENETUNREACH = 101
const ECONNREFUSED = 111
const ETIMEDOUT = 110

/** Answers an app's HTTP requests under a project's network settings. */
export class NetworkPolicy {
  constructor(
    private readonly projectDir: string | null,
    private settings: NetworkSettings = readNetworkSettings(projectDir),
    private readonly timeoutMs = 10_000,
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
    if (!hostAllowed(url.hostname, this.settings.allow))
      return { ok: false, errno: EHOSTUNREACH, message: `EHOSTUNREACH: ${url.hostname} is not on the project's network allowlist` }
    try {
      const init: RequestInit = { method: req.method, headers: req.headers, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) }
      if (req.body) init.body = Buffer.from(req.body)
      const res = await fetch(url, init)
      const body = new Uint8Array(await res.arrayBuffer())
      const headers: Record<string, string> = {}
      res.headers.forEach((v, k) => (headers[k] = v))
      return { ok: true, status: res.status, headers, body, source: 'network' }
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError'
      return timedOut
        ? { ok: false, errno: ETIMEDOUT, message: `ETIMEDOUT: ${url.hostname} did not answer` }
        : { ok: false, errno: ECONNREFUSED, message: `ECONNREFUSED: ${url.hostname}: ${(e as Error).message}` }
    }
  }
}
