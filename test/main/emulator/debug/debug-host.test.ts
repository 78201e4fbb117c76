/**
 * The debugger as the IDE drives it (EmulatorHost + debug:* handlers, realtime runs): breakpoints,
 * stepping, variables, pause, break on exception, and that a paused app holds its frame counter
 * and clock, is not stopped by the watchdog, and still obeys Stop and HOME.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SLOT } from '../../../../src/main/emulator/control-block'
import type { DebugState } from '../../../../src/shared/ipc/domains/debug'
import { EmulatorHost } from '../../../../src/main/services/emulator-host'
import { makeProject } from '../project-fixture'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

const APP = [
  'from badgeware import screen, brushes, shapes, io', // 1
  'items = [1, 2, 3]', // 2
  'ticks = []', // 3
  '', // 4
  'def width(k):', // 5
  '    w = k * 2', // 6
  '    return w', // 7
  '', // 8
  'def update():', // 9
  '    ticks.append(io.ticks)', // 10
  '    n = len(ticks)', // 11
  '    screen.brush = brushes.color(255, 0, 0)', // 12
  '    screen.draw(shapes.rectangle(0, 0, width(n), 10))', // 13
  '    if n == 1000000:', // 14
  '        print(1 // 0)', // 15
].join('\n')
const FILE = 'apps/dbg/__init__.py'

function setup(files: Record<string, string>, watchdogMs = 5000) {
  const p = makeProject(files)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads of every event shape
  const events: Array<{ channel: string; payload: any }> = []
  const host = new EmulatorHost({ emit: (channel, payload) => events.push({ channel, payload }), projectRoot: () => p.dir, userDataDir: p.state, watchdogMs })
  cleanups.push(p.cleanup, () => host.dispose())
  const waitFor = async (pred: () => boolean, what: string, ms = 20_000): Promise<void> => {
    const end = Date.now() + ms
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; state ${JSON.stringify(host.debug.state.status)} ${JSON.stringify(host.state)}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  const paused = () => host.debug.state.paused
  const frames = () => Atomics.load((host as unknown as { ctrl: Int32Array }).ctrl, SLOT.FRAMES)
  const states = () => events.filter((e) => e.channel === 'debug:state').map((e) => e.payload as DebugState)
  return { host, events, waitFor, paused, frames, states }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('debugger in the emulator', () => {
  it('stops at a breakpoint, steps, shows variables, holds frames and clock while paused, continues', async () => {
    const { host, waitFor, paused, frames, states } = setup({ [FILE]: APP }, 1200)
    host.debug.setBreakpoints(FILE, [{ line: 11 }])
    await host.start({ app: 'dbg' })
    await waitFor(() => paused()?.line === 11, 'the breakpoint')
    const first = paused()!
    expect(first).toMatchObject({ reason: 'breakpoint', file: FILE, stack: [{ file: FILE, line: 11, fn: 'update' }] })
    expect(first.globals.find((g) => g.name === 'items')).toMatchObject({ kind: 'list', value: '[1, 2, 3]', size: 3 })
    expect(states().some((s) => s.status === 'paused')).toBe(true)

    // Paused well past the watchdog period (1.2 s): no frame, no watchdog.
    const held = frames()
    await sleep(3000)
    expect(frames()).toBe(held)
    expect(host.state.status).toBe('running')

    // Variables expand while paused.
    const items = first.globals.find((g) => g.name === 'items')!
    expect((await host.debug.variables(items.ref)).map((v) => v.value)).toEqual(['1', '2', '3'])

    host.debug.resume('over')
    await waitFor(() => paused()?.line === 12, 'step over to line 12')
    expect(paused()!.locals).toEqual([{ name: 'n', kind: 'int', value: '1', ref: 0 }])
    host.debug.resume('over')
    await waitFor(() => paused()?.line === 13, 'line 13')
    host.debug.resume('into')
    await waitFor(() => paused()?.line === 6, 'into width()')
    expect(paused()!.stack.map((f) => f.fn)).toEqual(['width', 'update'])
    host.debug.resume('out')
    await waitFor(() => paused()?.line === 14, 'out to line 14')

    // Without breakpoints the app runs on, and the clock did not count the pause.
    host.debug.setBreakpoints(FILE, [])
    host.debug.resume('continue')
    await waitFor(() => frames() > held + 30, '30 more frames')
    host.debug.setWatches(['ticks[1] - ticks[0]', 'len(ticks)'])
    host.debug.pause()
    await waitFor(() => paused()?.reason === 'pause', 'the pause')
    const gap = Number(paused()!.watches[0].value!.value)
    expect(gap).toBeLessThan(500) // frame 1 → frame 2 spans the 3 s pause; the badge's clock saw one frame's time
    expect(paused()!.file).toBe(FILE)
    await host.stop()
    expect(host.debug.state.status).toBe('idle')
  })

  it('Stop and HOME work while paused', async () => {
    const { host, waitFor, paused, events, states } = setup({ [FILE]: APP })
    host.debug.setBreakpoints(FILE, [{ line: 6 }])
    await host.start({ app: 'dbg' })
    await waitFor(() => paused()?.line === 6, 'the breakpoint')
    // HOME: the app runs on (no more stops this boot) and the badge reboots into the launcher.
    host.press('HOME')
    await waitFor(() => events.some((e) => e.channel === 'emulator:state' && e.payload.app === undefined && e.payload.status === 'starting') || host.debug.state.status === 'running', 'the app to run on')
    host.release('HOME')
    // The next boot (launcher → the only app) stops at the breakpoint again; Stop ends it.
    await waitFor(() => paused()?.line === 6 && states().some((s) => s.status === 'idle'), 'the breakpoint after the reboot')
    const t0 = Date.now()
    await host.stop()
    expect(Date.now() - t0).toBeLessThan(900) // ended by the KeyboardInterrupt, not the 1 s kill
    expect(host.state.status).toBe('stopped')
  })

  it('breaks on an uncaught exception at the raising line, with that frame', async () => {
    const app = ['def div(a, b):', '    q = a + 1', '    return q // b', 'def update():', '    div(4, 0)'].join('\n')
    const { host, waitFor, paused, events } = setup({ 'apps/boom/__init__.py': app })
    host.debug.setOptions({ breakOnException: true })
    await host.start({ app: 'boom' })
    await waitFor(() => paused()?.reason === 'exception', 'the exception')
    expect(paused()).toMatchObject({ file: 'apps/boom/__init__.py', line: 3, exception: { type: 'ZeroDivisionError' } })
    expect(paused()!.locals.map((v) => `${v.name}=${v.value}`)).toEqual(['a=4', 'b=0', 'q=5'])
    // Before the error screen: nothing reported yet.
    expect(events.some((e) => e.channel === 'emulator:error')).toBe(false)
    host.debug.resume('continue')
    await waitFor(() => events.some((e) => e.channel === 'emulator:error'), 'the error report')
  })

  it('the watchdog names the line an app is stuck on (when the loop calls the host)', async () => {
    const app = ['from badgeware import screen', 'def update():', '    n = 0', '    while True:', '        screen.clear()', '        n += 1'].join('\n')
    const { host, waitFor, events } = setup({ 'apps/stuck/__init__.py': app }, 1000)
    await host.start({ app: 'stuck' })
    await waitFor(() => host.state.status === 'watchdog', 'the watchdog')
    const err = events.find((e) => e.channel === 'emulator:error')!.payload
    expect(err.text).toMatch(/It was running apps\/stuck\/__init__\.py line (4|5|6) \(in update\)/)
    expect(err.frames[0]).toMatchObject({ file: 'apps/stuck/__init__.py', fn: 'update' })
    // A loop that never calls the host cannot answer: stopped all the same, without a line.
    const { host: h2, waitFor: w2, events: e2 } = setup({ 'apps/spin/__init__.py': 'def update():\n    while True:\n        pass\n' }, 1000)
    await h2.start({ app: 'spin' })
    await w2(() => h2.state.status === 'watchdog', 'the second watchdog')
    expect(e2.find((e) => e.channel === 'emulator:error')!.payload.frames).toEqual([])
  })

  it('a pause report the guest forges is refused, and _bdhost takes only strings', async () => {
    const app = [
      'import _bdhost',
      'print("refused:", _bdhost.wait("paused", [1]))',
      'print("answer:", _bdhost.wait("bogus", "x"))',
      'print("forged:", _bdhost.wait("paused", "{not json"))',
      'def update():',
      '    pass',
    ].join('\n')
    const { host, waitFor, events } = setup({ 'apps/evil/__init__.py': app })
    await host.start({ app: 'evil' })
    const out = () => events.filter((e) => e.channel === 'emulator:output').map((e) => e.payload.data).join('')
    await waitFor(() => out().includes('answer:'), 'the output')
    expect(out()).toContain('refused: !TypeError::host functions take only')
    expect(out()).toContain('answer: continue')
    await waitFor(() => out().includes('forged:'), 'the forged pause to be refused')
    expect(out()).toContain('forged: continue')
    expect(host.debug.state.status).toBe('running')
  })
})
