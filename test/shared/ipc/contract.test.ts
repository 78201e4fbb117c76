import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '../../../src/main/app-core'
import { createRouter, missingHandlers } from '../../../src/main/ipc/router'
import { createClient, splitChannel, type Transport } from '../../../src/shared/ipc/client'
import { EVENT_CHANNELS, OPS, OP_CHANNELS } from '../../../src/shared/ipc/contract'
import { CodedError } from '../../../src/shared/ipc/result'
import { ERROR_MESSAGES } from '../../../src/shared/ipc/errors'
import { decodeWire, encodeWire } from '../../../src/shared/ipc/wire'

const shell = { pickFolder: async () => null, saveBytes: async () => null, openExternal: async () => undefined }

/** The API shape a contract implies: namespace → sorted method names. */
function expectedShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {}
  for (const c of OP_CHANNELS) {
    const [ns, m] = splitChannel(c)
    ;(shape[ns] ??= []).push(m)
  }
  for (const ns of Object.keys(shape)) shape[ns]!.sort()
  return shape
}

function shapeOf(api: Record<string, unknown>): Record<string, string[]> {
  const shape: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(api)) {
    if (typeof v === 'object' && v) shape[k] = Object.keys(v).sort()
  }
  return shape
}

describe('the IPC contract', () => {
  it('channels are namespaced and documented', () => {
    for (const c of OP_CHANNELS) {
      expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/)
      expect(OPS[c].doc.length).toBeGreaterThan(5)
    }
    for (const e of EVENT_CHANNELS) expect(e).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it('every operation has a main-process handler in the composed app', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'core-'))
    try {
      const core = await createAppCore({ userDataDir: dir, shell, watch: false })
      expect(missingHandlers(core.handlers)).toEqual([])
      await core.dispose()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('missingHandlers reports what is absent', () => {
    expect(missingHandlers({})).toEqual(OP_CHANNELS)
  })

  it('the client exposes exactly one method per operation, plus on()', () => {
    const calls: Array<[string, unknown]> = []
    const transport: Transport = {
      invoke: async (c, a) => {
        calls.push([c, a])
        return { ok: true, value: null }
      },
      subscribe: () => () => undefined,
    }
    const api = createClient(transport) as unknown as Record<string, unknown>
    expect(shapeOf(api)).toEqual(expectedShape())
    expect(Object.keys(api).filter((k) => typeof api[k] === 'function')).toEqual(['on'])
    void (api as { project: { readFile(a: unknown): unknown } }).project.readFile({ path: 'a.py' })
    expect(calls).toEqual([['project:readFile', { path: 'a.py' }]])
    expect(() => (api as { on(c: string, f: () => void): void }).on('nope:nothing', () => undefined)).toThrow(/unknown event/)
  })

  it('the built preload exposes the contract and nothing else (out/preload/index.js)', () => {
    const file = path.resolve(__dirname, '../../../out/preload/index.js')
    const code = readFileSync(file, 'utf8')
    const exposed: Record<string, unknown> = {}
    const required: string[] = []
    const invoked: string[] = []
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: async (c: string) => invoked.push(c), on: () => undefined, removeListener: () => undefined },
    }
    const sandbox = {
      require: (id: string) => {
        required.push(id)
        if (id === 'electron') return fakeElectron
        throw new Error(`sandboxed preload may not require ${id}`)
      },
      module: { exports: {} },
      exports: {},
      console,
    }
    vm.runInNewContext(code, sandbox, { filename: file })
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['badge'])
    const api = exposed['badge'] as Record<string, unknown>
    expect(shapeOf(api)).toEqual(expectedShape())
    void (api as { project: { tree(a: unknown): unknown } }).project.tree({})
    expect(invoked).toEqual(['project:tree'])
    expect('ipcRenderer' in exposed).toBe(false)
  })
})

describe('the router', () => {
  const dispatch = createRouter({
    'project:readFile': async ({ path: p }) => {
      if (p === 'missing') throw new CodedError('NOT_FOUND', p)
      if (p === 'boom') throw new Error('kaboom')
      return { path: p, text: 'x', binary: false, size: 1, mtimeMs: 0 }
    },
  })

  it('validates arguments', async () => {
    expect(await dispatch('project:readFile', { path: 42 })).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await dispatch('project:readFile', null)).toMatchObject({ ok: false, code: 'BAD_ARGS' })
  })
  it('refuses unknown channels and missing handlers', async () => {
    expect(await dispatch('evil:channel', {})).toMatchObject({ ok: false, code: 'NO_HANDLER' })
    expect(await dispatch('project:tree', {})).toMatchObject({ ok: false, code: 'NO_HANDLER' })
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, code: 'NO_HANDLER' })
  })
  it('maps coded errors to their code and message, others to INTERNAL', async () => {
    expect(await dispatch('project:readFile', { path: 'missing' })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: ERROR_MESSAGES.NOT_FOUND,
      detail: 'missing',
    })
    expect(await dispatch('project:readFile', { path: 'boom' })).toMatchObject({ ok: false, code: 'INTERNAL', detail: 'kaboom' })
    expect(await dispatch('project:readFile', { path: 'a' })).toMatchObject({ ok: true, value: { path: 'a' } })
  })
})

describe('wire encoding', () => {
  it('round-trips bytes inside messages', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 255)
    const back = decodeWire(encodeWire({ t: 'evt', payload: { frame: bytes, n: 1 } })) as { payload: { frame: Uint8Array; n: number } }
    expect(back.payload.n).toBe(1)
    expect(back.payload.frame).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(back.payload.frame).equals(Buffer.from(bytes))).toBe(true)
  })
})
