import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAppCore, type AppCore } from '../../../src/main/app-core'
import { bridgeWindowId, startBridgeServer, type BridgeServer } from '../../../src/main/bridge/bridge-server'
import { WindowRegistry } from '../../../src/main/window-registry'
import { decodeWire, encodeWire } from '../../../src/shared/ipc/wire'

let core: AppCore
let windows: WindowRegistry
let bridge: BridgeServer
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-'))
  const make = () => createAppCore({
    userDataDir: dir,
    watch: false,
    shell: { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined },
  })
  core = await make()
  windows = new WindowRegistry(make)
  windows.add(1, core)
  bridge = await startBridgeServer(windows, path.join(dir, 'renderer'))
})
afterAll(async () => {
  await bridge.close()
  await windows.closeAll()
  rmSync(dir, { recursive: true, force: true })
})

function connect(origin: string, query = ''): Promise<WebSocket> {
  const url = bridge.url.replace('http', 'ws') + '__bridge' + query
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

describe('bridge server', () => {
  it('binds to loopback only', () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1')
  })

  it('closes sockets from a foreign origin', async () => {
    const ws = await connect('https://evil.example')
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)))
    expect(code).toBe(1008)
  })

  it('answers requests and pushes events to pages it served', async () => {
    const ws = await connect(bridge.url.slice(0, -1))
    const messages: unknown[] = []
    ws.on('message', (d) => messages.push(decodeWire(String(d))))
    ws.send(encodeWire({ t: 'req', id: 7, channel: 'project:current', args: {} }))
    ws.send(encodeWire({ t: 'req', id: 8, channel: 'project:readFile', args: { path: 'x.py' } }))
    core.bus.emit('app:menu', { command: 'save' })
    await expect.poll(() => messages.length).toBe(3)
    expect(messages).toContainEqual({ t: 'res', id: 7, result: { ok: true, value: null } })
    expect(messages).toContainEqual(expect.objectContaining({ t: 'res', id: 8, result: expect.objectContaining({ ok: false, code: 'NO_PROJECT' }) }))
    expect(messages).toContainEqual({ t: 'evt', channel: 'app:menu', payload: { command: 'save' } })
    ws.close()
  })

  it('gives the page of each window its own core: its answers and only its events', async () => {
    expect([bridgeWindowId('/__bridge'), bridgeWindowId('/__bridge?window=3'), bridgeWindowId('/__bridge?window=x')]).toEqual([1, 3, 1])
    const origin = bridge.url.slice(0, -1)
    const [one, two] = await Promise.all([connect(origin), connect(origin, '?window=2')])
    const got: Record<string, unknown[]> = { one: [], two: [] }
    one.on('message', (d) => got['one']!.push(decodeWire(String(d))))
    two.on('message', (d) => got['two']!.push(decodeWire(String(d))))
    two.send(encodeWire({ t: 'req', id: 1, channel: 'project:current', args: {} }))
    await expect.poll(() => got['two']!.length).toBe(1)
    const second = await windows.get(2)!
    expect(second).not.toBe(core)
    core.bus.emit('app:menu', { command: 'run' })
    second.bus.emit('app:menu', { command: 'stop' })
    await expect.poll(() => got['one']!.length).toBe(1)
    await expect.poll(() => got['two']!.length).toBe(2)
    expect(got['one']).toEqual([{ t: 'evt', channel: 'app:menu', payload: { command: 'run' } }])
    expect(got['two']![1]).toEqual({ t: 'evt', channel: 'app:menu', payload: { command: 'stop' } })
    one.close()
    two.close()
  })
})
