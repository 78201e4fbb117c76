/**
 * Hostile apps against the emulator's files, network, storage, memory and time: every attempt
 * ends inside the guest (a Python exception, or the watchdog), the host-side canaries stay
 * untouched, and what the guest sees is what a badge shows (errno numbers, statvfs, listing).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runHeadless, type HeadlessOptions } from '../../../../src/main/emulator/headless'
import { isInternalAddress, NetworkPolicy } from '../../../../src/main/emulator/network-policy'
import { BADGE_FLASH_BYTES } from '../../../../src/main/emulator/worker-config'
import { makeProject } from '../project-fixture'
import { startCanary, type Canary } from './canary'

let canary: Canary
let outside: string
const cleanups: Array<() => void> = []
beforeEach(async () => {
  canary = await startCanary()
  outside = mkdtempSync(join(tmpdir(), 'badge-outside-'))
  writeFileSync(join(outside, 'secret.txt'), 'host secret')
})
afterEach(async () => {
  await canary.close()
  rmSync(outside, { recursive: true, force: true })
  while (cleanups.length) cleanups.pop()!()
})

function project(files: Record<string, string>) {
  const p = makeProject(files)
  cleanups.push(p.cleanup)
  return p
}

async function run(source: string, o: Partial<HeadlessOptions> = {}, extra: Record<string, string> = {}, prepare?: (dir: string) => void) {
  const p = project({ 'apps/esc/__init__.py': source, ...extra })
  prepare?.(p.dir)
  const r = await runHeadless({ projectDir: p.dir, systemOverlays: [], app: 'esc', frames: 2, prewarm: false, ...o })
  return { ...r, project: p }
}

const lines = (output: string, tag: string): string[] => output.split('\n').filter((l) => l.startsWith(tag + ' ')).map((l) => l.slice(tag.length + 1))

describe('files', () => {
  it('does not write through a symlink in the state folder', async () => {
    const r = await run(
      ['import os', 'os.mkdir("/data") if "data" not in os.listdir("/") else None', 'open("/data/pwn.txt", "w").write("x")', 'print("WROTE", os.listdir("/data"))', 'def update():', '    pass'].join('\n'),
      {},
      {},
      (dir) => {
        mkdirSync(join(dir, '.badge-ide', 'badge-root'), { recursive: true })
        symlinkSync(outside, join(dir, '.badge-ide', 'badge-root', 'data'))
      },
    )
    expect(readdirSync(outside)).toEqual(['secret.txt'])
    expect(r.warnings.join('\n')).toMatch(/symlink/)
    // The link was not followed on the way in either: the guest saw an empty folder.
    expect(lines(r.output, 'WROTE')).toEqual(["['pwn.txt']"])
  })

  it('refuses to boot when the state folder itself is a symlink', async () => {
    const r = await run('def update():\n    open("/pwn.txt", "w").write("x")\n', {}, {}, (dir) => {
      mkdirSync(join(dir, '.badge-ide'), { recursive: true })
      symlinkSync(outside, join(dir, '.badge-ide', 'badge-root'))
    })
    expect(r.status).toBe('failed')
    expect(r.error?.text).toMatch(/symlink/)
    expect(readdirSync(outside)).toEqual(['secret.txt'])
  })

  it('does not copy symlinks out of the project, and .. stays inside the badge', async () => {
    const r = await run(
      [
        'for p in ("/system/apps/esc/leak.txt", "/system/apps/esc/../../../../" + ' + JSON.stringify(join(outside, 'secret.txt')) + ', ' + JSON.stringify(join(outside, 'secret.txt')) + '):',
        '    try:',
        '        print("READ", open(p).read())',
        '    except OSError as e:',
        '        print("BLOCKED", e.errno)',
        'open("/../../" + ' + JSON.stringify(canary.file.slice(1)) + ', "w").write("x")',
        'def update():',
        '    pass',
      ].join('\n'),
      {},
      {},
      (dir) => symlinkSync(join(outside, 'secret.txt'), join(dir, 'apps', 'esc', 'leak.txt')),
    )
    expect(lines(r.output, 'READ')).toEqual([])
    expect(lines(r.output, 'BLOCKED')).toEqual(['2', '2', '2'])
    expect(canary.tripped()).toBe(false)
  })

  it('shows the badge errno numbers, statvfs and root listing, and /system is read-only', async () => {
    const r = await run(
      [
        'import os, errno',
        'def code(f):',
        '    try:',
        '        f()',
        '    except OSError as e:',
        '        return (e.errno, errno.errorcode.get(e.errno))',
        'os.mkdir("/d")',
        'open("/f", "w").write("x")',
        'print("ENOENT", code(lambda: open("/nope")))',
        'print("EEXIST", code(lambda: os.mkdir("/d")))',
        'print("ENOTDIR", code(lambda: os.listdir("/f")))',
        'print("EISDIR", code(lambda: open("/d", "w")))',
        'print("EROFS", code(lambda: open("/system/x", "w")))',
        'print("LIST", sorted(os.listdir("/")), sorted(n[0] for n in os.ilistdir("/")))',
        'v = os.statvfs("/")',
        'print("VFS", v[0], v[1], v[2], v[3])',
        'def update():',
        '    pass',
      ].join('\n'),
    )
    expect(lines(r.output, 'ENOENT')).toEqual(["(2, 'ENOENT')"])
    expect(lines(r.output, 'EEXIST')).toEqual(["(17, 'EEXIST')"])
    expect(lines(r.output, 'ENOTDIR')).toEqual(['(20, None)']) // the badge's errno module has no ENOTDIR name either
    expect(lines(r.output, 'EISDIR')).toEqual(["(21, 'EISDIR')"])
    expect(lines(r.output, 'EROFS')).toEqual(['(30, None)'])
    expect(lines(r.output, 'LIST')).toEqual(["['d', 'f', 'system'] ['d', 'f', 'system']"])
    const [bsize, frsize, blocks, bfree] = lines(r.output, 'VFS')[0].split(' ').map(Number)
    expect([bsize, frsize, blocks]).toEqual([4096, 4096, BADGE_FLASH_BYTES / 4096])
    expect(bfree).toBeLessThan(blocks)
  })

  it('fails a write that does not fit the flash with ENOSPC and keeps what was written', async () => {
    const r = await run(
      [
        'open("/keep.txt", "w").write("keep me")',
        'chunk = b"x" * 65536',
        'n = 0',
        'try:',
        '    with open("/big.bin", "wb") as f:',
        '        for i in range(800):',  // 50 MB
        '            f.write(chunk)',
        '            n += 1',
        'except OSError as e:',
        '    print("FULL", e.errno, n)',
        'import os',
        'print("AFTER", open("/keep.txt").read(), os.stat("/big.bin")[6] == n * 65536)',
        'def update():',
        '    pass',
      ].join('\n'),
    )
    const full = lines(r.output, 'FULL')
    expect(full).toHaveLength(1)
    expect(full[0].split(' ')[0]).toBe('28')
    expect(Number(full[0].split(' ')[1]) * 65536).toBeLessThanOrEqual(BADGE_FLASH_BYTES)
    expect(lines(r.output, 'AFTER')).toEqual(['keep me True'])
    expect(readFileSync(join(r.project.dir, '.badge-ide', 'badge-root', 'keep.txt'), 'utf8')).toBe('keep me')
  })
})

describe('flash accounting', () => {
  it('gives back the space of a file rewritten in place (open "w" truncates it)', async () => {
    const r = await run(
      [
        'chunk = b"r" * 65536',
        'for n in range(2):',
        '    with open("/again.bin", "wb") as f:',
        '        for i in range(112):',  // 7 MiB each time; twice would not fit 12 MiB
        '            f.write(chunk)',
        'import os',
        'print("SIZE", os.stat("/again.bin")[6])',
        'def update():',
        '    pass',
      ].join('\n'),
    )
    expect(r.status, r.output + (r.error?.text ?? '')).toBe('ok')
    expect(lines(r.output, 'SIZE')).toEqual([String(112 * 65536)])
  })
})

describe('network', () => {
  let servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
    servers = []
  })
  const serve = async (handler: Parameters<typeof createServer>[1]): Promise<number> => {
    const s = createServer(handler)
    servers.push(s)
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    return (s.address() as { port: number }).port
  }
  const fetchApp = (url: string) =>
    [
      'import urllib.urequest as ur, socket',
      'try:',
      `    print("BODY", ur.urlopen(${JSON.stringify(url)}).read())`,
      'except OSError as e:',
      '    print("BLOCKED", e.errno, e.args[1] if len(e.args) > 1 else "")',
      'try:',
      '    s = socket.socket()',
      `    s.connect(("127.0.0.1", ${canary.port}))`,
      '    print("SOCKET connected")',
      'except OSError as e:',
      '    print("SOCKET", e.errno)',
      'def update():',
      '    pass',
    ].join('\n')

  it('is off unless the user turns it on, whatever the project says', async () => {
    const r = await run(fetchApp(`http://127.0.0.1:${canary.port}/`), {}, { '.badge-ide/network.json': JSON.stringify({ enabled: true, allow: ['127.0.0.1'] }) })
    expect(lines(r.output, 'BLOCKED')[0]).toMatch(/^101 ENETUNREACH/)
    expect(lines(r.output, 'SOCKET')).toEqual(['111'])
    expect(canary.tripped()).toBe(false)
  })

  it('checks every redirect again: an allowed host cannot send the app to another', async () => {
    const port = await serve((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${canary.port}/` })
      res.end()
    })
    const r = await run(fetchApp(`http://localhost:${port}/start`), { network: { enabled: true, allow: ['localhost'] } })
    expect(lines(r.output, 'BLOCKED')[0]).toMatch(/^113 EHOSTUNREACH: 127\.0\.0\.1/)
    expect(canary.tripped()).toBe(false)
  })

  it('follows a redirect that stays on allowed hosts', async () => {
    const port = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/end' })
        res.end()
      } else res.end('made it')
    })
    const r = await run(fetchApp(`http://localhost:${port}/start`), { network: { enabled: true, allow: ['localhost'] } })
    expect(lines(r.output, 'BODY')).toEqual(["b'made it'"])
  })

  it('refuses an allowed name that resolves to this machine (DNS rebinding), and connects to the address it checked', async () => {
    // The resolver a rebinding attacker controls: a public name answers with loopback.
    const rebinding = ((host: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) =>
      cb(null, [{ address: host === 'rebind.example.com' ? '127.0.0.1' : '93.184.216.34', family: 4 }])) as never
    const policy = new NetworkPolicy(null, { enabled: true, allow: ['rebind.example.com'] }, 2000, rebinding)
    const reply = await policy.handle({ type: 'http', method: 'GET', url: `http://rebind.example.com:${canary.port}/`, headers: {}, body: null })
    expect(reply).toMatchObject({ ok: false, errno: 113 })
    expect(reply.ok ? '' : reply.message).toMatch(/rebind\.example\.com resolves to 127\.0\.0\.1/)
    expect(canary.tripped()).toBe(false)
    // The user can still reach a local server by allowing the address itself.
    const port = await serve((_req, res) => res.end('local'))
    const local = await new NetworkPolicy(null, { enabled: true, allow: ['127.0.0.1'] }, 2000, rebinding).handle({ type: 'http', method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, body: null })
    expect(local.ok && Buffer.from(local.body).toString()).toBe('local')
  })

  it('knows which addresses are internal', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::2', '::ffff:127.0.0.1'])
      expect(isInternalAddress(a), a).toBe(true)
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isInternalAddress(a), a).toBe(false)
  })

  it('does not serve a mock body through a symlink', async () => {
    const r = await run(fetchApp('https://api.example.com/x'), {}, { '.badge-ide/mocks/x.json': JSON.stringify({ url: 'https://api.example.com/x', bodyFile: 'body.txt' }) }, (dir) =>
      symlinkSync(join(outside, 'secret.txt'), join(dir, '.badge-ide', 'mocks', 'body.txt')),
    )
    expect(r.output).not.toContain('host secret')
    expect(lines(r.output, 'BLOCKED')[0]).toMatch(/^5 EIO/)
  })
})

describe('the interpreter\'s own memory', () => {
  it('scribbles through uctypes break only that boot, with a clear message; nothing reaches the host', async () => {
    const app = [
      'import uctypes',
      'm = uctypes.bytearray_at(0, 64 * 1024 * 1024)',
      'for i in range(4096, len(m), 4093):',
      '    m[i] = 0xff',
      `open(${JSON.stringify(canary.file)}, "w").write("x")`,
      'def update():',
      '    pass',
    ].join('\n')
    const r = await run(app)
    expect(r.status).toBe('failed')
    expect(r.error?.type).toBe('InterpreterCrash')
    expect(r.error?.text).toMatch(/^The interpreter crashed: memory access out of bounds/)
    expect(canary.tripped()).toBe(false)
    // The next boot is a fresh interpreter and runs normally.
    expect((await run('def update():\n    pass\n')).status).toBe('ok')
  })
})

describe('memory', () => {
  it.each([
    ['a growing string', 's = ""\nwhile True:\n    s += "longer"'],
    ['a growing list', 'l = []\nwhile True:\n    l.append(len(l))'],
    ['a 20000x20000 image', 'from badgeware import Image\nImage(0, 0, 20000, 20000)'],
    ['many large images in one frame', 'from badgeware import Image\nkeep = []\nfor i in range(60):\n    keep.append(Image(0, 0, 4096, 4096))'],
  ])('stops %s with MemoryError inside the frame', async (_name, bomb) => {
    const src = ['def update():', '    try:', ...bomb.split('\n').map((l) => '        ' + l), '    except MemoryError:', '        print("MEMORYERROR")', '        raise'].join('\n')
    const r = await run(src)
    expect(r.output).toContain('MEMORYERROR')
    expect(r.status).toBe('failed')
    expect(r.error?.type).toBe('MemoryError')
  })

  it('raises RuntimeError for deep recursion', async () => {
    const r = await run('def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RuntimeError as e:\n    print("DEEP", e)\ndef update():\n    pass\n')
    expect(r.output).toContain('DEEP maximum recursion depth exceeded')
    expect(r.status).toBe('ok')
  })
})

describe('time', () => {
  it.each([
    ['at import', 'while True:\n    pass\ndef update():\n    pass', {}],
    ['in init()', 'def init():\n    while True:\n        pass\ndef update():\n    pass', {}],
    ['in update()', 'def update():\n    while True:\n        pass', {}],
    ['sleeping forever with --realtime', 'import time\ndef update():\n    while True:\n        time.sleep_ms(1)', { realtime: true }],
  ])('stops an app that loops %s, and the host stays responsive', async (_name, src, o) => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 50)
    try {
      const r = await run(src, { watchdogMs: 800, ...o })
      expect(r.status).toBe('watchdog')
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(10)
    expect(existsSync(canary.file)).toBe(false)
  })
})
