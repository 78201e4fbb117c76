import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { diagnosticsText } from '../../../../src/main/services/log/diagnostics'
import { closeLog, flushLog, log, LOG_FILE, openLog, parseLevel, readLogFiles, setLogLevel } from '../../../../src/main/services/log/logger'
import { REDACTED, redactSecrets } from '../../../../src/main/services/log/redact'
import { transcriptBinding } from '../../../../src/main/services/log/transcript'
import type { BindingInterface, BindingPortInterface } from '../../../../src/main/services/device/binding-types'

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'log-test-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  closeLog()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the log', () => {
  it('writes JSON lines with the part and level to badge-ide.log, and honours the level', async () => {
    const dir = tmp()
    await openLog(dir, 'info')
    log('device').info({ port: 'virtual' }, 'connected')
    log('device').debug('not at info')
    setLogLevel('debug')
    log('device').debug('now at debug')
    await flushLog()
    const lines = readLogFiles(dir).trim().split('\n').map((l) => JSON.parse(l) as { part: string; msg: string; level: number })
    expect(lines.map((l) => l.msg)).toEqual(['connected', 'now at debug'])
    expect(lines[0]).toMatchObject({ part: 'device', level: 30, port: 'virtual' })
    expect(readdirSync(dir)).toEqual([LOG_FILE])
  })

  it('rotates past the size limit, keeping older files readable in order', async () => {
    const dir = tmp()
    await openLog(dir, 'info')
    const big = 'x'.repeat(10_000)
    for (let i = 0; i < 260; i++) log().info({ i, big })
    await flushLog()
    await new Promise((r) => setTimeout(r, 200))
    await flushLog()
    expect(readdirSync(dir).sort()).toContain(`${LOG_FILE}.1`)
    const order = readLogFiles(dir, Infinity).trim().split('\n').map((l) => (JSON.parse(l) as { i: number }).i)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(order.at(-1)).toBe(259)
  })

  it('logs nothing (and prints nothing) before it is opened', async () => {
    setLogLevel('trace')
    expect(log().isLevelEnabled('error')).toBe(false)
  })

  it('parseLevel falls back for anything that is not a level', () => {
    expect(parseLevel('debug')).toBe('debug')
    expect(parseLevel('loud')).toBe('info')
    expect(parseLevel(undefined, 'warn')).toBe('warn')
  })
})

describe('redactSecrets', () => {
  it('removes Wi-Fi passwords, tokens and secret-named values in secrets.py, JSON and escaped JSON', () => {
    const text = [
      'WIFI_SSID = "conference"',
      'WIFI_PASSWORD = "hunter2 two"',
      "GITHUB_TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123'",
      '{"wifiPassword":"p@ss","user":"octocat"}',
      '{"text":"WIFI_PASSWORD = \\"sp ace\\"\\r\\n"}',
      'token in a line: github_pat_11ABCDEFGHIJKLMNOPQRSTUV_xyz',
    ].join('\n')
    const out = redactSecrets(text)
    for (const secret of ['hunter2', 'ghp_abc', 'p@ss', 'sp ace', 'github_pat_11']) expect(out).not.toContain(secret)
    expect(out).toContain('WIFI_SSID = "conference"')
    expect(out).toContain('"user":"octocat"')
    expect(out.split(REDACTED).length - 1).toBe(5)
  })
})

describe('diagnosticsText', () => {
  it('has the versions, settings, badge and log sections, redacted', () => {
    const t = diagnosticsText({
      at: '2026-01-01T00:00:00Z',
      versions: { 'Badge IDE': '0.1.0', Electron: undefined, 'MicroPython WebAssembly': '1.27.0' },
      platform: 'linux x64',
      settings: { theme: 'dark', apiToken: 'abc123' },
      device: { state: { status: 'connected' }, capabilities: { heap: 241000 } },
      log: '{"msg":"WIFI_PASSWORD = \\"x y\\""}\n',
    })
    for (const h of ['## Versions', '## Settings', '## Badge', '## Log']) expect(t).toContain(h)
    expect(t).toContain('MicroPython WebAssembly: 1.27.0')
    expect(t).not.toContain('Electron:')
    expect(t).toContain('"heap": 241000')
    expect(t).not.toContain('abc123')
    expect(t).not.toContain('x y')
  })
})

describe('transcriptBinding', () => {
  function fakeBinding(): { binding: BindingInterface; port: { isOpen: boolean; sent: string[] } } {
    const port = { isOpen: true, sent: [] as string[] }
    const impl = {
      ...port,
      async write(b: Buffer) {
        impl.sent.push(b.toString())
      },
      async read(buffer: Buffer, offset: number) {
        const n = buffer.write('>>> ', offset)
        return { buffer, bytesRead: n }
      },
      async close() {
        impl.isOpen = false
      },
    }
    return { binding: { list: async () => [], open: async () => impl as unknown as BindingPortInterface }, port: impl }
  }

  it('reports what is written and read while on, and nothing while off; the port itself is unchanged', async () => {
    const { binding, port } = fakeBinding()
    const lines: string[] = []
    let on = true
    const p = await transcriptBinding(binding, (dir, text) => lines.push(`${dir}:${text}`), () => on).open({ path: 'x', baudRate: 115200 } as never)
    await p.write(Buffer.from('print(1)\r'))
    await p.read(Buffer.alloc(16), 2, 14)
    on = false
    await p.write(Buffer.from('secret'))
    expect(lines).toEqual(['tx:print(1)\r', 'rx:>>> '])
    expect(port.sent).toEqual(['print(1)\r', 'secret'])
    await p.close()
    expect(port.isOpen).toBe(false)
    expect(p.isOpen).toBe(false)
  })
})
