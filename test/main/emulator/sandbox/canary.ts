/** Host-side canaries for the hostile suites: a file that must not appear, a port that must stay unvisited. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A canary file path (not created) and a TCP listener on 127.0.0.1 counting connections. */
export interface Canary {
  file: string
  port: number
  /** Connections the listener saw. */
  connections(): number
  /** True when the file exists or the listener was reached. */
  tripped(): boolean
  close(): Promise<void>
}

/** Starts a canary. */
export async function startCanary(): Promise<Canary> {
  const dir = mkdtempSync(join(tmpdir(), 'badge-canary-'))
  const file = join(dir, 'crossed.txt')
  let seen = 0
  const server: Server = createServer((s) => {
    seen++
    s.destroy()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  return {
    file,
    port,
    connections: () => seen,
    tripped: () => existsSync(file) || seen > 0,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
