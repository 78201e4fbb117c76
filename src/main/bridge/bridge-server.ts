/**
 * Serves the built renderer on 127.0.0.1 and bridges its API to real cores over a WebSocket
 * (`/__bridge`). Used by the E2E tests and by `npm run browser-dev` (the IDE in a browser, for
 * machines without the Electron binary). Binds to loopback only. A page is one IDE window: the
 * page at `/?window=N` talks to window N's core in the {@link WindowRegistry} (opened on its first
 * connection; the page without the parameter is window 1), as each Electron window has its own.
 */
import { createReadStream, promises as fsp } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { decodeWire, encodeWire, type WireRequest } from '../../shared/ipc/wire'
import type { WindowRegistry } from '../window-registry'
import { contentSecurityPolicy } from '../security/policy'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/** A running bridge: its URL and how to stop it. */
export interface BridgeServer {
  url: string
  close(): Promise<void>
}

/** The window a bridge connection belongs to: `?window=N` on its URL, else 1. */
export function bridgeWindowId(requestUrl: string | undefined): number {
  const n = Number(new URL(requestUrl ?? '/', 'http://127.0.0.1').searchParams.get('window'))
  return Number.isSafeInteger(n) && n > 0 ? n : 1
}

/** Starts the bridge for the `windows`' cores, serving `rendererDir` (the `out/renderer` folder). */
export async function startBridgeServer(windows: WindowRegistry, rendererDir: string, port = 0): Promise<BridgeServer> {
  const root = path.resolve(rendererDir)
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rel = decodeURIComponent(url.pathname).split('/').filter((s) => s && s !== '.')
    if (rel.includes('..')) return void res.writeHead(400).end()
    const file = path.join(root, ...(rel.length ? rel : ['index.html']))
    const st = await fsp.stat(file).catch(() => null)
    if (!st?.isFile()) return void res.writeHead(404).end('not found')
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(),
      'Cache-Control': 'no-store',
    })
    createReadStream(file).pipe(res)
  })
  const wss = new WebSocketServer({ server, path: '/__bridge' })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (ws, req) => {
    // Same check as the Electron sender validation: only pages we served may talk to the core.
    const origin = req.headers.origin
    const host = req.headers.host
    if (!origin || !host || origin !== `http://${host}`) return ws.close(1008, 'untrusted origin')
    sockets.add(ws)
    const id = bridgeWindowId(req.url)
    const core = windows.get(id) ?? windows.open(id)
    // Each page gets its own window's events only.
    const stopEvents = core.then((c) =>
      c.bus.listen((channel, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeWire({ t: 'evt', channel, payload }))
      }),
    )
    ws.on('close', () => {
      sockets.delete(ws)
      void stopEvents.then((stop) => stop(), () => undefined)
    })
    ws.on('message', async (data) => {
      let msg: WireRequest
      try {
        msg = decodeWire(String(data)) as WireRequest
      } catch {
        return
      }
      if (msg?.t !== 'req') return
      const result = await (await core).dispatch(msg.channel, msg.args)
      if (ws.readyState === ws.OPEN) ws.send(encodeWire({ t: 'res', id: msg.id, result }))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: actual } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${actual}/`,
    async close() {
      for (const ws of sockets) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
