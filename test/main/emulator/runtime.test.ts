/**
 * The badge runtime end to end: real worker, real MicroPython, generated projects. Headless runs
 * are deterministic, so frames, ticks and button snapshots are asserted exactly.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runHeadless, type HeadlessOptions } from '../../../src/main/emulator/headless'
import { makeProject, pixel } from './project-fixture'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function project(files: Record<string, string>) {
  const p = makeProject(files)
  cleanups.push(p.cleanup)
  return p
}

async function run(files: Record<string, string>, o: Partial<HeadlessOptions> = {}) {
  const p = project(files)
  const r = await runHeadless({ projectDir: p.dir, stateDir: p.state, systemOverlays: [], ...o })
  return { ...r, project: p }
}

/** Lines the app printed that start with `tag`, split on spaces. */
function printed(output: string, tag: string): string[][] {
  return output.split('\n').filter((l) => l.startsWith(tag + ' ')).map((l) => l.split(' ').slice(1))
}

describe('app package contract', () => {
  it('imports the app by path, calls init() once, then update() per frame with frozen io', async () => {
    const r = await run(
      {
        'apps/demo/__init__.py': [
          'import sys, os, time',
          'from badgeware import io',
          'print("NAME", __name__, sys.path[0], os.getcwd())',
          'calls = []',
          'def init():',
          '    calls.append("init")',
          'def update():',
          '    calls.append("u")',
          '    print("F", io.ticks, time.ticks_ms(), io.ticks_delta, io.held, io.pressed, io.released, type(io.held).__name__, calls.count("init"))',
          'if __name__ == "__main__":',
          '    print("MAIN GUARD RAN")',
        ].join('\n'),
      },
      { app: 'demo', frames: 5, held: { 2: 16 | 8, 3: 16, 5: 4 | 1 } },
    )
    expect(r.status).toBe('ok')
    expect(r.frames).toBe(5)
    expect(r.output).not.toContain('MAIN GUARD RAN')
    expect(printed(r.output, 'NAME')).toEqual([['/system/apps/demo', '/system/apps/demo', '/system/apps/demo']])
    const f = printed(r.output, 'F')
    expect(f.map((x) => Number(x[0]))).toEqual([0, 16, 33, 50, 66]) // floor((n-1)*1000/60)
    expect(f.map((x) => x[1])).toEqual(f.map((x) => x[0])) // time.ticks_ms() follows io.ticks
    expect(f.map((x) => x[3])).toEqual(['()', '(16,', '(16,)', '()', '(4,'])
    const line = r.output.split('\n').filter((l) => l.startsWith('F '))
    expect(line[1]).toContain('(16, 8) (16, 8) () tuple 1')
    expect(line[2]).toContain('(16,) () (8,) tuple 1')
    expect(line[3]).toContain('() () (16,) tuple 1')
    expect(line[4]).toContain('(4, 1) (4, 1) () tuple 1')
  })

  it('draws through picovector: the framebuffer starts zeroed and is never cleared', async () => {
    const r = await run(
      {
        'apps/paint/__init__.py': [
          'from badgeware import screen, brushes, shapes, io',
          'def update():',
          '    if io.ticks == 0:',
          '        screen.brush = brushes.color(255, 0, 0)',
          '        screen.draw(shapes.rectangle(0, 0, 10, 10))',
        ].join('\n'),
      },
      { app: 'paint', frames: 3, capture: [1, 3] },
    )
    expect(r.status).toBe('ok')
    expect(pixel(r.captures.get(1)!, 5, 5)).toEqual([255, 0, 0, 255])
    expect(pixel(r.captures.get(3)!, 5, 5)).toEqual([255, 0, 0, 255])
    expect(pixel(r.captures.get(3)!, 50, 50)).toEqual([0, 0, 0, 0])
    expect(pixel(r.lastFrame!, 5, 5)).toEqual([255, 0, 0, 255])
  })

  it('is deterministic: the same seed gives the same random numbers', async () => {
    const files = { 'apps/r/__init__.py': 'import random\nprint("R", random.getrandbits(30))\ndef update():\n    pass\n' }
    const a = await run(files, { app: 'r', frames: 1, seed: 7 })
    const b = await run(files, { app: 'r', frames: 1, seed: 7 })
    expect(printed(a.output, 'R')).toEqual(printed(b.output, 'R'))
    expect(printed(a.output, 'R')).toHaveLength(1)
  })
})

describe('errors', () => {
  it('reports an exception from update() with project-relative file and line', async () => {
    const r = await run(
      {
        'apps/boom/__init__.py': 'from badgeware import io\n\ndef update():\n    if io.ticks > 20:\n        return 1 // 0\n',
      },
      { app: 'boom', frames: 10 },
    )
    expect(r.status).toBe('failed')
    expect(r.frames).toBe(3) // two frames, then the error box is presented
    expect(pixel(r.lastFrame!, 80, 60)).not.toEqual([0, 0, 0, 0])
    expect(r.error?.type).toBe('ZeroDivisionError')
    expect(r.error?.phase).toBe('update')
    expect(r.error?.frames.filter((f) => f.file)).toEqual([{ vfsPath: '/system/apps/boom/__init__.py', file: 'apps/boom/__init__.py', line: 5, fn: 'update' }])
    // Shown once, by the host (IDE console, CLI stderr), not echoed by the platform as well.
    expect(r.output).not.toContain('ZeroDivisionError')
  })

  it('reports an exception at import as phase "import"', async () => {
    const r = await run({ 'apps/bad/__init__.py': 'x = 1\nimport does_not_exist\ndef update():\n    pass\n' }, { app: 'bad', frames: 3 })
    expect(r.status).toBe('failed')
    expect(r.error?.phase).toBe('import')
    expect(r.error?.type).toBe('ImportError')
    expect(r.error?.frames.find((f) => f.file)?.line).toBe(2)
  })

  it('stops an app that produces no frame (watchdog) and keeps the host responsive', async () => {
    const r = await run({ 'apps/spin/__init__.py': 'def update():\n    while True:\n        pass\n' }, { app: 'spin', frames: 3, watchdogMs: 1000 })
    expect(r.status).toBe('watchdog')
  })

  it('raises MemoryError when the app would not fit in the badge heap', async () => {
    const r = await run(
      { 'apps/hog/__init__.py': 'keep = []\ndef update():\n    keep.append(bytearray(40000))\n' },
      { app: 'hog', frames: 50, memoryBudget: 200_000 },
    )
    expect(r.status).toBe('memory')
    expect(r.error?.type).toBe('MemoryError')
    expect(r.frames).toBeLessThan(10)
  })
})

describe('filesystem sandbox', () => {
  it('persists / to the state folder, keeps /system read-only and shows no host path', async () => {
    const app = [
      'import os',
      'from badgeware import State',
      'd = {"runs": 0}',
      'State.load("counter", d)',
      'd["runs"] += 1',
      'State.save("counter", d)',
      'print("RUNS", d["runs"])',
      'for p in ("/system/apps/fs/new.txt", "/etc/passwd", "/proc/self/environ"):',
      '    try:',
      '        open(p, "w" if p.startswith("/system") else "r").read()',
      '        print("OPENED", p)',
      '    except OSError:',
      '        print("REFUSED", p)',
      'print("ROOT", " ".join(sorted(x for x in os.listdir("/") if not x.startswith("."))))',
      'def update():',
      '    pass',
    ].join('\n')
    const r1 = await run({ 'apps/fs/__init__.py': app }, { app: 'fs', frames: 1 })
    expect(r1.status).toBe('ok')
    expect(printed(r1.output, 'RUNS')).toEqual([['1']])
    expect(r1.output).not.toContain('OPENED')
    expect(printed(r1.output, 'REFUSED')).toHaveLength(3)
    expect(JSON.parse(readFileSync(join(r1.project.state, 'state', 'counter.json'), 'utf8'))).toEqual({ runs: 1 })
    const r2 = await runHeadless({ projectDir: r1.project.dir, stateDir: r1.project.state, systemOverlays: [], app: 'fs', frames: 1 })
    expect(printed(r2.output, 'RUNS')).toEqual([['2']])
    expect(printed(r2.output, 'ROOT')[0]).not.toContain('etc')
  })

  it('overlays system assets under /system where the project has none', async () => {
    const assets = makeProject({ 'assets/fonts/x.txt': 'FONT' })
    cleanups.push(assets.cleanup)
    const r = await run(
      { 'apps/a/__init__.py': 'print("ASSET", open("/system/assets/fonts/x.txt").read())\ndef update():\n    pass\n' },
      { app: 'a', frames: 1, systemOverlays: [assets.dir] },
    )
    expect(printed(r.output, 'ASSET')).toEqual([['FONT']])
  })
})

describe('launcher semantics', () => {
  const menu = [
    'from badgeware import io',
    'import powman',
    'print("MENU wake", powman.get_wake_reason())',
    'def update():',
    '    if io.BUTTON_A in io.pressed:',
    '        return "/system/apps/game"',
  ].join('\n')
  const game = [
    'from badgeware import io',
    'print("GAME start")',
    'def on_exit():',
    '    print("GAME on_exit")',
    'def update():',
    '    pass',
  ].join('\n')

  it('boots through the menu app, launches the chosen app, and HOME calls on_exit and reboots to the menu', async () => {
    const r = await run(
      { 'apps/menu/__init__.py': menu, 'apps/game/__init__.py': game, 'main.py': '# placeholder\n' },
      { frames: 12, held: { 3: 16, 8: 32 } },
    )
    expect(r.status).toBe('ok')
    expect(r.apps).toEqual(['/system/apps/game'])
    expect(r.boots).toBe(2)
    const lines = r.output.split('\n').filter((l) => /^(MENU|GAME)/.test(l))
    expect(lines).toEqual(['MENU wake 255', 'GAME start', 'GAME on_exit', 'MENU wake 241'])
  })

  it("runs the project's own main.py verbatim when it has code", async () => {
    const main = [
      'import powman, machine',
      'from badgeware import run',
      'print("MAIN wake", powman.get_wake_reason(), __name__)',
      'app = __import__("/system/apps/game")',
      'run(app.update)',
      'machine.reset()',
    ].join('\n')
    const r = await run({ 'main.py': main, 'apps/game/__init__.py': game }, { frames: 3 })
    expect(r.status).toBe('ok')
    expect(r.output).toContain('MAIN wake 255 __main__\nGAME start\n')
  })

  it('launches an app path returned by another app only when the extension is on', async () => {
    const files = {
      'apps/first/__init__.py': 'print("FIRST")\ndef update():\n    return "/system/apps/second"\n',
      'apps/second/__init__.py': 'print("SECOND")\ndef update():\n    pass\n',
    }
    const on = await run(files, { app: 'first', frames: 2, launchReturnedPath: true })
    expect(on.apps.slice(0, 2)).toEqual(['/system/apps/first', '/system/apps/second'])
    const off = await run(files, { app: 'first', frames: 2 })
    expect(off.output).not.toContain('SECOND') // device behaviour: back to the launcher…
    expect(off.apps).toEqual(['/system/apps/first']) // …the built-in menu (two apps), waiting for a choice
    expect(off.status).toBe('ok')
  })

  it('runs the only app directly when the project has no launcher', async () => {
    const r = await run({ 'apps/game/__init__.py': game }, { frames: 2 })
    expect(r.status).toBe('ok')
    expect(r.apps).toEqual(['/system/apps/game'])
  })
})

describe('platform stubs', () => {
  it('simulates Wi-Fi joining about 1.5 s after connect()', async () => {
    const app = [
      'import network',
      'from badgeware import io',
      'w = network.WLAN(network.STA_IF)',
      'w.active(True)',
      'w.connect("ssid", "pw")',
      'def update():',
      '    if w.isconnected():',
      '        print("UP", io.ticks, w.ifconfig()[0], network.WLAN(0) is w)',
      '        return 1',
    ].join('\n')
    const r = await run({ 'apps/wifi/__init__.py': app }, { app: 'wifi', frames: 200, network: { enabled: true, allow: [] } })
    expect(printed(r.output, 'UP')[0]).toEqual(['1500', '192.168.4.23', 'True']) // frame 91; the app then returns to the launcher
  })

  it('never connects while the emulator network is off, as a badge out of reach of its access point', async () => {
    const app = [
      'import network',
      'w = network.WLAN(network.STA_IF)',
      'w.active(True)',
      'w.connect("ssid", "pw")',
      'n = 0',
      'def update():',
      '    global n',
      '    n += 1',
      '    if n == 150:',
      '        print("STATE", w.isconnected(), w.status(), len(w.scan()))',
    ].join('\n')
    const r = await run({ 'apps/wifi/__init__.py': app }, { app: 'wifi', frames: 160 })
    expect(printed(r.output, 'STATE')[0]?.slice(0, 1)).toEqual(['False'])
    expect(printed(r.output, 'STATE')[0]?.[2]).toBe('0')
  })
})

describe('network', () => {
  const app = [
    'from urllib.urequest import urlopen',
    'for url in ("https://api.example.com/v1/weather", "https://blocked.example.org/"):',
    '    try:',
    '        r = urlopen(url, headers={"User-Agent": "badge"})',
    '        buf = bytearray(4)',
    '        parts = []',
    '        while True:',
    '            n = r.readinto(buf)',
    '            if n == 0:',
    '                break',
    '            parts.append(bytes(buf[:n]))',
    '        print("BODY", b"".join(parts).decode())',
    '    except OSError as e:',
    '        print("OSERROR", e.errno)',
    'def update():',
    '    pass',
  ].join('\n')

  it('answers from the project mocks, blocks other hosts with a catchable OSError', async () => {
    const r = await run(
      { 'apps/net/__init__.py': app, '.badge-ide/mocks/weather.json': JSON.stringify({ url: 'https://api.example.com/v1/*', json: { t: 21 } }) },
      { app: 'net', frames: 1 },
    )
    expect(r.status).toBe('ok')
    expect(printed(r.output, 'BODY')).toEqual([['{"t":21}']])
    expect(printed(r.output, 'OSERROR')).toEqual([['101']])
    expect(existsSync(join(r.project.dir, '.badge-ide', 'badge-root'))).toBe(false) // stateDir was used instead
  })
})
