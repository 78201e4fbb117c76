/**
 * A package index on 127.0.0.1 in micropython-lib's format (`/package/py/<name>/<version>.json`,
 * `/file/<hash[:2]>/<hash>`, `/index.json`), built from plain descriptions, for the package installer's tests.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One package: its files (path → text), dependencies, version and the index's description. */
export interface IndexPackage {
  files: Record<string, string>
  deps?: Array<[string, string]>
  version?: string
  description?: string
}

/** A running index. */
export interface PackageIndex {
  url: string
  /** Every path requested, in order. */
  requests: string[]
  /** Serves other bytes for a file (a damaged mirror). */
  tamper(path: string, text: string): void
  /** Serves raw bodies at extra paths (package.json files, single .py files). */
  raw: Map<string, string>
  close(): Promise<void>
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)

/** Starts an index serving `packages` (name → package). */
export async function startPackageIndex(packages: Record<string, IndexPackage>): Promise<PackageIndex> {
  const bodies = new Map<string, string>()
  const byPath = new Map<string, string>()
  for (const [name, p] of Object.entries(packages)) {
    const hashes = Object.entries(p.files).map(([path, text]) => {
      const h = shortHash(text)
      bodies.set(`/file/${h.slice(0, 2)}/${h}`, text)
      byPath.set(`${name}:${path}`, `/file/${h.slice(0, 2)}/${h}`)
      return [path, h]
    })
    bodies.set(`/package/py/${name}/latest.json`, JSON.stringify({ hashes, deps: p.deps ?? [], version: p.version ?? '1.0' }))
  }
  // The package list, as micropython-lib's build writes it (`versions.py`: the source versions).
  bodies.set(
    '/index.json',
    JSON.stringify({
      v: 2,
      updated: 0,
      packages: Object.entries(packages).map(([name, p]) => ({ name, version: p.version ?? '1.0', author: '', description: p.description ?? '', license: 'MIT', versions: { py: [p.version ?? '1.0'] }, path: `x/${name}` })),
    }),
  )
  const requests: string[] = []
  const raw = new Map<string, string>()
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push(path)
    const body = raw.get(path) ?? bodies.get(path)
    if (body === undefined) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    raw,
    tamper(path, text) {
      for (const [k, v] of byPath) if (k.endsWith(`:${path}`)) bodies.set(v, text)
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
