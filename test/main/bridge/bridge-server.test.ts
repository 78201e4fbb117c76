import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAppCore, type AppCore } from '../../../src/main/app-core'
import { startBridgeServer, type BridgeServer } from '../../../src/main/bridge/bridge-server'
import { decodeWire, encodeWire } from '../../../src/shared/ipc/wire'

let core: AppCore
let bridge: BridgeServer
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-'))
  core = await createAppCore({
    userDataDir: dir,
    watch: false,
    shell: { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined },
  })
  bridge = await startBridgeServer(core, path.join(dir, 'renderer'))
})
afterAll(async () => {
  await bridge.close()
  await core.dispose()
  rmSync(dir, { recursive: true, force: true })
})

function connect(origin: string): Promise<WebSocket> {
  const url = bridge.url.replace('http', 'ws') + '__bridge'
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
})
