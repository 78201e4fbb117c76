import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRouter } from '../../../../src/main/ipc/router'
import { toolsHandlers } from '../../../../src/main/handlers/tools'
import { ProjectService } from '../../../../src/main/services/project/project-service'
import { SettingsStore } from '../../../../src/main/services/settings'
import { tempProject } from '../../../helpers/temp-project'

const PASSWORD = 'hunter2-Sëcret!'
const TOKEN = 'ghp_abcdef0123456789'
const ORIGINAL = `# My badge
WIFI_SSID = 'Home'  # 2.4 GHz only
WIFI_PASSWORD = "${PASSWORD}"
GITHUB_TOKEN = '${TOKEN}'
REGION = "GB"
try:
    from local_overrides import *
except ImportError:
    pass
`

const cleanups: Array<() => void | Promise<void>> = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(initial: string | null) {
  const t = tempProject('hello')
  cleanups.push(t.cleanup)
  if (initial !== null) writeFileSync(path.join(t.dir, 'secrets.py'), initial)
  const settings = new SettingsStore(path.join(t.dir, '.settings'))
  const project = new ProjectService({ settings, emit: () => undefined, watch: false })
  await project.open(t.dir)
  cleanups.push(() => project.close())
  const dispatch = createRouter(toolsHandlers({ project, userDataDir: t.dir }))
  return { dir: t.dir, dispatch }
}

/** Everything written to the console or stdout/stderr while `fn` runs. */
async function captureOutput(fn: () => Promise<unknown>): Promise<string> {
  const seen: string[] = []
  const rec = (...a: unknown[]): void => void seen.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '))
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation(rec)
  vi.spyOn(process.stdout, 'write').mockImplementation((c: unknown) => (rec(String(c)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((c: unknown) => (rec(String(c)), true))
  const r = await fn()
  vi.restoreAllMocks()
  return seen.join('\n') + JSON.stringify(r)
}

describe('tools:readSecrets / tools:writeSecrets', () => {
  it('masks the password and token in IPC results unless revealed, and logs nothing', async () => {
    const { dispatch } = await setup(ORIGINAL)
    let result: unknown
    const out = await captureOutput(async () => (result = await dispatch('tools:readSecrets', {})))
    expect(out).not.toContain(PASSWORD)
    expect(out).not.toContain(TOKEN)
    expect(result).toMatchObject({
      ok: true,
      value: {
        exists: true,
        otherLines: 4,
        entries: [
          { key: 'WIFI_SSID', value: 'Home', masked: false },
          { key: 'WIFI_PASSWORD', value: null, masked: true },
          { key: 'GITHUB_TOKEN', value: null, masked: true },
          { key: 'REGION', value: 'GB', masked: false, known: false },
        ],
      },
    })
    const revealed = await dispatch('tools:readSecrets', { reveal: true })
    expect(JSON.stringify(revealed)).toContain(PASSWORD)
  })

  it('keeps masked values, comments and unknown lines when saving other fields', async () => {
    const { dir, dispatch } = await setup(ORIGINAL)
    let result: unknown
    const out = await captureOutput(async () => {
      result = await dispatch('tools:writeSecrets', {
        entries: [
          { key: 'WIFI_SSID', type: 'string', value: 'Café Ω' },
          { key: 'WIFI_PASSWORD', type: 'string', keep: true },
          { key: 'GITHUB_TOKEN', type: 'string', keep: true },
          { key: 'GITHUB_USERNAME', type: 'string', value: 'octocat' },
          { key: 'WEATHER_LOCATION', type: 'raw', value: '("Oslo", "NO")' },
        ],
        remove: ['REGION'],
      })
    })
    expect(out).not.toContain(PASSWORD)
    expect((result as { ok: boolean }).ok).toBe(true)
    expect(readFileSync(path.join(dir, 'secrets.py'), 'utf8')).toBe(`# My badge
WIFI_SSID = 'Café Ω'  # 2.4 GHz only
WIFI_PASSWORD = "${PASSWORD}"
GITHUB_TOKEN = '${TOKEN}'
try:
    from local_overrides import *
except ImportError:
    pass
GITHUB_USERNAME = "octocat"
WEATHER_LOCATION = ("Oslo", "NO")
`)
  })

  it('changes the password only when a new value is sent, and never echoes it', async () => {
    const { dir, dispatch } = await setup(ORIGINAL)
    const r = await dispatch('tools:writeSecrets', { entries: [{ key: 'WIFI_PASSWORD', type: 'string', value: 'n3w "pw"' }] })
    expect(JSON.stringify(r)).not.toContain('n3w')
    expect(readFileSync(path.join(dir, 'secrets.py'), 'utf8')).toContain(`WIFI_PASSWORD = 'n3w "pw"'\n`)
  })

  it('creates secrets.py when missing and reports bad input with a stable code and no value', async () => {
    const { dir, dispatch } = await setup(null)
    expect(await dispatch('tools:readSecrets', {})).toEqual({ ok: true, value: { exists: false, entries: [], otherLines: 0 } })
    await dispatch('tools:writeSecrets', { entries: [{ key: 'WIFI_SSID', type: 'string', value: 'x' }] })
    expect(readFileSync(path.join(dir, 'secrets.py'), 'utf8')).toMatch(/^# Badge secrets[\s\S]*\nWIFI_SSID = "x"\n$/)
    const bad = await dispatch('tools:writeSecrets', { entries: [{ key: 'WIFI_PASSWORD', type: 'raw', value: `"${PASSWORD}"\nimport os` }] })
    expect(bad).toMatchObject({ ok: false, code: 'SECRETS_INVALID' })
    expect(JSON.stringify(bad)).not.toContain(PASSWORD)
    const keep = await dispatch('tools:writeSecrets', { entries: [{ key: 'GITHUB_TOKEN', type: 'string', keep: true }] })
    expect(keep).toMatchObject({ ok: false, code: 'SECRETS_INVALID' })
  })
})
