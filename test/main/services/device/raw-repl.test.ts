/** The raw-REPL client against a byte-exact scripted device: raw-paste windows, fallback, errors. */
import { describe, expect, it } from 'vitest'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { RawRepl, type RawReplOptions } from '../../../../src/main/services/device/raw-repl'
import { createScriptedDevice, type ScriptedOptions } from './scripted-device'

/** A program's answer: its length (guarded code contains `raise`, which {@link open}'s default fakes). */
const echoLength = (code: string) => ({ stdout: `${code.length}\r\n` })

/** A scripted device (answering the code's length, or a traceback) and a client in its raw REPL. */
async function open(window: number, extra: Partial<ScriptedOptions> = {}, replOpts: RawReplOptions = {}) {
  const dev = createScriptedDevice({
    window,
    run: (code) => (code.includes('raise') ? { stderr: 'Traceback (most recent call last):\r\nValueError: x\r\n' } : { stdout: `${code.length}\r\n` }),
    ...extra,
  })
  const t = await SerialTransport.open({ binding: dev.binding, path: 'scripted' })
  const repl = new RawRepl(t, replOpts)
  repl.policy = { ...repl.policy, chunkSize: 1 << 20, chunkDelayMs: 0 }
  await repl.interrupt()
  await repl.enterRawRepl()
  return { dev, t, repl }
}

describe('RawRepl', () => {
  it('uses raw-paste within the announced window', async () => {
    const { dev, repl, t } = await open(8)
    const code = 'x = 1  # ' + 'y'.repeat(100)
    const r = await repl.exec(code)
    expect(r.stdout).toBe(`${code.length}\r\n`)
    expect(repl.rawPasteSupported).toBe(true)
    expect(repl.rawPasteWindowSize).toBe(8)
    expect(dev.windowOverrun).toBe(0)
    expect(dev.programs).toEqual([code])
    await t.close()
  })

  it('once raw-paste was granted, sends the request with the first window of code when the policy says so', async () => {
    const { dev, repl, t } = await open(8)
    const long = 'x = 1  # ' + 'y'.repeat(40)
    for (const pasteAhead of [false, true]) {
      repl.policy = { ...repl.policy, pasteAhead }
      // Longer than the window, exactly the window, shorter (its Ctrl-D in the same write).
      for (const code of [long, 'z = 123 ', 'x=1']) expect((await repl.exec(code)).stdout).toBe(`${code.length}\r\n`)
    }
    // The first exec asks and waits for the grant; with pasteAhead, every later one does not.
    expect(dev.pastedAhead).toBe(3)
    expect(dev.windowOverrun).toBe(0)
    expect(dev.programs).toEqual([long, 'z = 123 ', 'x=1', long, 'z = 123 ', 'x=1'])
    await t.close()
  })

  it('falls back to plain raw mode on "R\\x00" and remembers it', async () => {
    const { dev, repl, t } = await open(0)
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    expect(repl.rawPasteSupported).toBe(false)
    expect((await repl.exec('print(22)')).stdout).toBe('9\r\n')
    expect(dev.programs).toEqual(['print(1)', 'print(22)'])
    await t.close()
  })

  it('returns tracebacks on stderr with the exception parsed', async () => {
    const { repl, t } = await open(8)
    const r = await repl.exec('raise ValueError("x")')
    expect(r.stdout).toBe('')
    expect(r.exception).toMatchObject({ type: 'ValueError', message: 'x' })
    await t.close()
  })

  it('soft-resets and leaves the raw REPL', async () => {
    const { repl, t } = await open(8)
    await repl.softReset()
    expect(repl.mode).toBe('raw')
    await repl.exitRawRepl()
    expect(repl.mode).toBe('friendly')
    await t.close()
  })

  it('execOwn resends code that arrived damaged as often as the policy allows; exec never does', async () => {
    let damaged = 1
    const syntax = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n'
    const { dev, t, repl } = await open(0, { run: () => (damaged-- > 0 ? { stderr: syntax } : { stdout: 'ok\r\n' }) })
    repl.policy = { ...repl.policy, resends: 2 }
    const r = await repl.execOwn('print("ok")')
    expect(r.stdout).toBe('ok\r\n')
    expect(dev.programs).toEqual(['print("ok")', 'print("ok")'])
    damaged = 2
    expect((await repl.execOwn('print("ok")')).stdout).toBe('ok\r\n')
    expect(dev.programs).toHaveLength(5)
    // Damaged every time: a typed fault after the last resend.
    damaged = 5
    await expect(repl.execOwn('x')).rejects.toMatchObject({ kind: 'damaged' })
    expect(dev.programs).toHaveLength(8)
    // User code is never resent: its SyntaxError is real.
    expect((await repl.exec('x')).exception?.type).toBe('SyntaxError')
    expect(dev.programs).toHaveLength(9)
    await t.close()
  })

  it('execOwn resends code whose own names were damaged, not code whose helper raised NameError', async () => {
    const lost = 'Traceback (most recent call last):\r\n  File "<stdin>", line 2, in <module>\r\nNameError: name \'w\' is not defined\r\n'
    const real = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1, in <module>\r\n  File "<string>", line 3, in _Ba\r\nNameError: name \'_Bf\' is not defined\r\n'
    let answer: string | undefined = lost
    const { dev, t, repl } = await open(0, {
      run: (code) => {
        const a = answer
        answer = undefined
        return a ? { stderr: a } : { stdout: `${code.length}\r\n` }
      },
    })
    expect((await repl.execOwn('_w(_x)')).stdout).toBe('6\r\n')
    expect(dev.programs).toEqual(['_w(_x)', '_w(_x)'])
    answer = real
    expect((await repl.execOwn('_Ba(b"")')).exception?.type).toBe('NameError')
    expect(dev.programs).toHaveLength(3)
    await t.close()
  })

  it('on a small heap, own code that hit MemoryError goes again once after a collection', async () => {
    let starved = true
    const oom = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nMemoryError: parser could not allocate enough memory\r\n'
    const { dev, t, repl } = await open(0, {
      run: (code) => (code.startsWith('x=') && starved && !(starved = false) ? { stderr: oom } : { stdout: `${code.length}\r\n` }),
    })
    repl.policy = { ...repl.policy, smallHeap: true }
    expect((await repl.execOwn('x=1')).stdout).toBe('3\r\n')
    expect(dev.programs).toEqual(['x=1', 'import gc\ngc.collect()\n', 'x=1'])
    // Not on a large heap: the MemoryError is the answer.
    repl.policy = { ...repl.policy, smallHeap: false }
    starved = true
    expect((await repl.execOwn('x=2')).exception?.type).toBe('MemoryError')
    await t.close()
  })

  it('own code whose Ctrl-D was lost goes again after the handshake wait; the REPL stays in step', async () => {
    let lose = false
    const { dev, t, repl } = await open(0, { run: echoLength, dropInput: (b) => b === 4 && lose && !(lose = false) }, { timeouts: { handshake: 300 } })
    expect((await repl.exec('print(0)')).stdout).toBe('8\r\n')
    lose = true
    expect((await repl.execOwn('print(1)')).stdout).toBe('8\r\n')
    expect(dev.programs).toEqual(['print(0)', 'print(1)'])
    expect((await repl.exec('print(22)')).stdout).toBe('9\r\n')
    await t.close()
  })

  it('a lost Ctrl-D in user code is a typed fault and nothing is resent', async () => {
    let lose = false
    const { dev, t, repl } = await open(0, { dropInput: (b) => b === 4 && lose && !(lose = false) }, { timeouts: { handshake: 200 } })
    await repl.exec('pass')
    lose = true
    await expect(repl.exec('print(1)')).rejects.toMatchObject({ kind: 'no-ok' })
    expect(dev.programs).toEqual(['pass'])
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    await t.close()
  })

  it('a raw banner answered late (a second Ctrl-A on a slow link) is skipped before OK', async () => {
    const { t, repl } = await open(0, { run: echoLength })
    await repl.exec('pass')
    // As if an earlier Ctrl-A's banner arrived only now, right before the next exec's reply.
    t.unread(Buffer.from('raw REPL; CTRL-B to exit\r\n>'))
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    await t.close()
  })

  it('rejects pending reads with DISCONNECTED on unplug', async () => {
    const { dev, repl, t } = await open(8)
    const waiting = t.readUntil('never', 5000, 'something')
    dev.unplug()
    await expect(waiting).rejects.toMatchObject({ code: 'DISCONNECTED' })
    await expect(repl.exec('print(1)')).rejects.toMatchObject({ code: 'DISCONNECTED' })
  })
})

describe('SerialTransport.open errors', () => {
  it.each([
    [Object.assign(new Error('Error: No such file or directory, cannot open /dev/ttyACM9'), {}), 'PORT_NOT_FOUND'],
    [new Error('Error: Permission denied, cannot open /dev/ttyACM0'), 'PORT_PERMISSION'],
    [new Error('Error Resource temporarily unavailable Cannot lock port'), 'PORT_BUSY'],
    [new Error('Opening COM3: Access denied'), 'PORT_PERMISSION'],
    [new Error('something odd'), 'PORT_OPEN_FAILED'],
  ])('maps %s to %s with the OS words', async (err, code) => {
    const dev = createScriptedDevice({ run: () => ({}) })
    dev.failNextOpen(err)
    const p = SerialTransport.open({ binding: dev.binding, path: '/dev/ttyACM0' })
    await expect(p).rejects.toMatchObject({ code })
    await expect(p).rejects.toMatchObject({ detail: expect.stringContaining(err.message) })
  })

  it('adds the udev/group hint to permission errors on Linux', async () => {
    const dev = createScriptedDevice({ run: () => ({}) })
    dev.failNextOpen(new Error('Error: Permission denied, cannot open /dev/null'))
    const e = await SerialTransport.open({ binding: dev.binding, path: '/dev/null' }).catch((x: unknown) => x)
    if (process.platform === 'linux') expect((e as { detail: string }).detail).toMatch(/99-badge-ide\.rules|usermod/)
  })
})
