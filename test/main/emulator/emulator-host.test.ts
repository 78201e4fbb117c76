/**
 * The emulator host service as the IDE drives it: start, frames and stats as events, buttons,
 * an error with its traceback, Stop of an app stuck in a loop, network settings and state reset.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { networkSettingsFile } from '../../../src/main/emulator/network-policy'
import { EmulatorHost } from '../../../src/main/services/emulator-host'
import { makeProject } from './project-fixture'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

function setup(files: Record<string, string>) {
  const p = makeProject(files)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads of every event shape
  const events: Array<{ channel: string; payload: any }> = []
  const host = new EmulatorHost({ emit: (channel, payload) => events.push({ channel, payload }), projectRoot: () => p.dir, userDataDir: p.state })
  cleanups.push(p.cleanup, () => host.dispose())
  const waitFor = async (pred: () => boolean, what: string, ms = 20_000): Promise<void> => {
    const end = Date.now() + ms
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; events: ${events.map((e) => e.channel + ':' + JSON.stringify(e.payload?.status ?? e.payload?.data ?? '')).slice(-10).join(', ')}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  const output = () => events.filter((e) => e.channel === 'emulator:output').map((e) => e.payload.data).join('')
  return { p, host, events, waitFor, output }
}

describe('EmulatorHost', () => {
  it('runs an app, emits frames, takes button presses and stops it', async () => {
    const { host, events, waitFor, output } = setup({
      'apps/btn/__init__.py': [
        'from badgeware import io, screen, brushes, shapes',
        'def on_exit():',
        '    print("bye")',
        'def update():',
        '    if io.BUTTON_B in io.pressed:',
        '        print("B!")',
        '    screen.brush = brushes.color(0, 255, 0)',
        '    screen.draw(shapes.rectangle(0, 0, 4, 4))',
      ].join('\n'),
    })
    expect((await host.start({ app: 'btn' })).status).toBe('starting')
    await waitFor(() => events.some((e) => e.channel === 'emulator:frame'), 'a frame')
    expect(host.state.status).toBe('running')
    const frame = events.find((e) => e.channel === 'emulator:frame')!.payload
    expect([frame.width, frame.height, frame.rgba.length]).toEqual([160, 120, 160 * 120 * 4])
    host.press('B')
    host.release('B') // released before the next poll: the press is latched, not lost
    await waitFor(() => output().includes('B!'), 'the press')
    expect(Buffer.from(host.screenshot().png.subarray(1, 4)).toString('latin1')).toBe('PNG')
    expect((await host.stop()).status).toBe('stopped')
    expect(output()).not.toContain('bye') // Stop is Ctrl-C on the badge: on_exit() belongs to HOME
    await expect(host.stop()).rejects.toMatchObject({ code: 'EMULATOR_NOT_RUNNING' })
  })

  it('reports an error with project frames and marks the state crashed', async () => {
    const { host, events, waitFor } = setup({ 'apps/err/__init__.py': 'def update():\n    raise ValueError("nope")\n' })
    await host.start({ app: 'err' })
    await waitFor(() => events.some((e) => e.channel === 'emulator:error'), 'the error')
    const err = events.find((e) => e.channel === 'emulator:error')!.payload
    expect(err.type).toBe('ValueError')
    expect(err.frames.find((f: { file: string | null }) => f.file)).toMatchObject({ file: 'apps/err/__init__.py', line: 2 })
    expect(host.state.status).toBe('crashed')
    // any button dismisses the error box and the badge reboots into the launcher (the only app)
    host.press('A')
    host.release('A')
    await waitFor(() => events.filter((e) => e.channel === 'emulator:error').length >= 2, 'the app to run (and fail) again')
    await host.stop()
  })

  it('stops an app stuck in a loop without frames (KeyboardInterrupt impossible → worker ended)', async () => {
    const { host, waitFor } = setup({ 'apps/spin/__init__.py': 'def update():\n    while True:\n        pass\n' })
    await host.start({ app: 'spin' })
    await waitFor(() => host.state.status === 'starting' || host.state.status === 'running', 'start')
    await new Promise((r) => setTimeout(r, 300))
    expect((await host.stop()).status).toBe('stopped')
  })

  it('HOME calls on_exit() and reboots into the launcher with a fresh interpreter', async () => {
    const { host, waitFor, output } = setup({
      'apps/solo/__init__.py': ['print("start", "seen" in globals())', 'seen = 1', 'def on_exit():', '    print("saving")', 'def update():', '    pass'].join('\n'),
    })
    await host.start({ app: 'solo' })
    await waitFor(() => host.state.status === 'running', 'running')
    host.press('HOME')
    await waitFor(() => output().includes('saving'), 'on_exit')
    host.release('HOME')
    // the built-in launcher starts the project's only app again, in a new interpreter
    await waitFor(() => (output().match(/start False/g) ?? []).length === 2, 'the reboot')
    await host.stop()
  })

  it('delivers IR frames to the app at its next decode()', async () => {
    const { host, waitFor, output } = setup({
      'apps/ir/__init__.py': [
        'from aye_arr.nec import NECReceiver',
        'from aye_arr.nec.remotes.descriptor import RemoteDescriptor',
        'class Remote(RemoteDescriptor):',
        '    NAME = "tv"',
        '    ADDRESS = 7',
        '    BUTTON_CODES = {"OK": 0x40}',
        'rx = NECReceiver(21, 0, 0)',
        'r = Remote()',
        'r.on_known = lambda key: print("KEY", key)',
        'rx.bind(r)',
        'rx.start()',
        'def update():',
        '    rx.decode()',
      ].join('\n'),
    })
    await host.start({ app: 'ir' })
    await waitFor(() => host.state.status === 'running', 'running')
    host.sendIr(9, 0x40) // another address: ignored
    host.sendIr(7, 0x40)
    await waitFor(() => output().includes('KEY OK'), 'the IR key')
    expect(output().match(/KEY/g)).toHaveLength(1)
    await host.stop()
  })

  it('keeps the network decision with the user, not the project, and resets the state folder', async () => {
    const { p, host } = setup({
      'apps/a/__init__.py': 'def update():\n    pass\n',
      '.badge-ide/network.json': JSON.stringify({ enabled: true, allow: ['evil.example.com', 'API.example.com'] }),
    })
    // A cloned project cannot switch its own network on: it only proposes hosts.
    expect(host.getNetwork()).toEqual({ enabled: false, allow: [], proposed: ['evil.example.com', 'api.example.com'] })
    expect(host.setNetwork({ enabled: true, allow: ['API.example.com', 'api.example.com'] })).toEqual({ enabled: true, allow: ['api.example.com'], proposed: ['evil.example.com', 'api.example.com'] })
    expect(JSON.parse(readFileSync(networkSettingsFile(p.dir, p.state), 'utf8'))).toMatchObject({ enabled: true, allow: ['api.example.com'] })
    expect(JSON.parse(readFileSync(join(p.dir, '.badge-ide', 'network.json'), 'utf8')).allow).toEqual(['evil.example.com', 'API.example.com'])
    expect(host.getNetwork().enabled).toBe(true)
    await expect(host.start({ app: 'missing' })).rejects.toMatchObject({ code: 'APP_NOT_FOUND' })
    await expect(host.start({ app: '../x' })).rejects.toMatchObject({ code: 'INVALID_SLUG' })
    host.resetState()
    expect(existsSync(join(p.dir, '.badge-ide', 'badge-root'))).toBe(false)
  })
})
