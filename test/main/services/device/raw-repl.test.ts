/** The raw-REPL client against a byte-exact scripted device: raw-paste windows, fallback, errors. */
import { describe, expect, it } from 'vitest'
import { SerialTransport } from '../../../../src/main/services/device/serial-transport'
import { RawRepl, type RawReplOptions } from '../../../../src/main/services/device/raw-repl'
import { createScriptedDevice, type ScriptedOptions } from './scripted-device'

/** A program's answer: its length (guarded code contains `raise`, which {@link open}'s default fakes). */
const echoLength = (code: string) => ({ stdout: `${code.length}\r\n` })

/** As on a link that damaged most plain sends of own code: paste mode is preferred from now on. */
function markPlainSendsDamaged(repl: RawRepl): void {
  for (let i = 0; i < 20; i++) (repl as unknown as { notePlainSend(d: boolean): void }).notePlainSend(true)
}

/** A scripted device (answering the code's length, or a traceback) and a client in its raw REPL. */
async function open(window: number, extra: Partial<ScriptedOptions> = {}, replOpts: RawReplOptions = {}) {
  const dev = createScriptedDevice({
    window,
    run: (code) => (code.includes('raise') ? { stderr: 'Traceback (most recent call last):\r\nValueError: x\r\n' } : { stdout: `${code.length}\r\n` }),
    ...extra,
  })
  const t = await SerialTransport.open({ binding: dev.binding, path: 'scripted' })
  const repl = new RawRepl(t, { plainChunkDelayMs: 0, ...replOpts })
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

  it('execOwn resends code that arrived damaged, at most three times and more slowly; exec never does', async () => {
    let damaged = 1
    const syntax = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n'
    const { dev, t, repl } = await open(0, { run: () => (damaged-- > 0 ? { stderr: syntax } : { stdout: 'ok\r\n' }) }, { plainChunkSize: 48 })
    const r = await repl.execOwn('print("ok")')
    expect(r.stdout).toBe('ok\r\n')
    expect(dev.programs).toEqual(['print("ok")', 'print("ok")'])
    expect(repl.plainPacing).toEqual({ chunkSize: 48, delayMs: 0 })
    // Damaged twice: the second resend gets through.
    damaged = 2
    expect((await repl.execOwn('print("ok")')).stdout).toBe('ok\r\n')
    expect(dev.programs).toHaveLength(5)
    // A SyntaxError that persists is returned as it is, after three resends.
    damaged = 5
    expect((await repl.execOwn('x')).exception?.type).toBe('SyntaxError')
    expect(dev.programs).toHaveLength(9)
    // User code is never resent: its SyntaxError is real.
    expect((await repl.exec('x')).exception?.type).toBe('SyntaxError')
    expect(dev.programs).toHaveLength(10)
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

  it('execOwn sends code that found no heap to compile in again after a collection', async () => {
    let starved = true
    const oom = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nMemoryError: parser could not allocate enough memory\r\n'
    const { dev, t, repl } = await open(0, {
      run: (code) => (code.startsWith('x=') && starved && !(starved = false) ? { stderr: oom } : { stdout: `${code.length}\r\n` }),
    })
    expect((await repl.execOwn('x=1')).stdout).toBe('3\r\n')
    expect(dev.programs).toEqual(['x=1', 'import gc\ngc.collect()\n', 'x=1'])
    // User code is not retried: its MemoryError is reported as it is.
    starved = true
    expect((await repl.exec('x=2')).exception?.type).toBe('MemoryError')
    await t.close()
  })

  it('execOwn recovers a lost Ctrl-D at once: the line is discarded with Ctrl-A and the code sent again', async () => {
    let lose = false
    const { dev, t, repl } = await open(0, { run: echoLength, dropInput: (b) => b === 4 && lose && !(lose = false) }, { timeouts: { handshake: 3000 } })
    expect((await repl.exec('print(0)')).stdout).toBe('8\r\n') // learns there is no raw-paste
    repl.setLostCtrlDWait(50)
    lose = true
    const t0 = Date.now()
    const r = await repl.execOwn('print(1)')
    expect(Date.now() - t0).toBeLessThan(1000)
    const sent = 'print(1)'
    expect(r.stdout).toBe(`${sent.length}\r\n`)
    // The damaged copy never ran: one program, and the REPL is in step for the next.
    expect(dev.programs).toEqual(['print(0)', sent])
    expect((await repl.exec('print(22)')).stdout).toBe('9\r\n')
    await t.close()
  })

  it('execOwn on a slow device: the reply that follows Ctrl-A is kept and the code is not sent twice', async () => {
    let slow = 0
    const { dev, t, repl } = await open(0, { run: echoLength, okDelayMs: () => slow })
    await repl.exec('pass')
    repl.setLostCtrlDWait(30)
    slow = 150
    const r = await repl.execOwn('print(333)')
    slow = 0
    const sent = 'print(333)'
    expect(r.stdout).toBe(`${sent.length}\r\n`)
    expect(dev.programs).toEqual(['pass', sent])
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    await t.close()
  })

  it('a lost Ctrl-D in user code waits the full handshake and resynchronises; nothing is resent', async () => {
    let lose = false
    const { dev, t, repl } = await open(0, { dropInput: (b) => b === 4 && lose && !(lose = false) }, { timeouts: { handshake: 200 } })
    await repl.exec('pass')
    repl.setLostCtrlDWait(30)
    lose = true
    await expect(repl.exec('print(1)')).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' })
    expect(dev.programs).toEqual(['pass'])
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    await t.close()
  })

  it('execOwn sends damaged code again through paste mode, paced by the echo so a 64-byte ring never overflows', async () => {
    let loseRaw = 0
    const code = 'x=' + "'" + 'x'.repeat(400) + "'\n"
    // The raw REPL loses one byte of the first program; paste mode goes through a 64-byte ring that
    // the REPL drains slowly, dropping whatever does not fit.
    const { dev, t, repl } = await open(0, {
      run: (got) => (got.length === code.length - 1 ? { stderr: 'Traceback (most recent call last):\r\nSyntaxError: invalid syntax\r\n' } : { stdout: `${got.length}\r\n` }),
      dropInput: (b) => b === 0x78 && loseRaw > 0 && loseRaw-- === 1,
      ringSize: 64,
      takeEveryMs: 1,
    })
    await repl.exec('pass')
    repl.setEchoedPaste(48)
    loseRaw = 1
    const r = await repl.execOwn(code)
    expect(r.stdout).toBe(`${code.length}\n`)
    expect(r.stderr).toBe('')
    expect(dev.via).toEqual(['raw', 'raw', 'paste'])
    expect(dev.programs[2]).toBe(code)
    expect(dev.ringDropped).toBe(0)
    // Back to the raw REPL with Ctrl-A alone for the next step.
    expect((await repl.exec('print(1)')).stdout).toBe('8\r\n')
    expect(repl.mode).toBe('raw')
    await t.close()
  })

  it('a paste whose last byte was lost is cancelled with Ctrl-C (nothing runs) and sent again', async () => {
    const code = 'y=' + "'" + 'y'.repeat(100) + "'\n"
    let newlines = 0
    let loseY = 1
    const { dev, t, repl } = await open(0, {
      run: (got) => (got.length === code.length - 1 ? { stderr: 'Traceback (most recent call last):\r\nSyntaxError: invalid syntax\r\n' } : { stdout: `${got.length}\r\n` }),
      // The raw copy loses a 'y'; the first paste loses its final newline (the second newline sent).
      dropInput: (b) => (b === 0x79 && loseY-- === 1) || (b === 0x0a && newlines++ === 1),
    })
    await repl.exec('pass')
    repl.setEchoedPaste(48)
    const r = await repl.execOwn(code)
    expect(r.stdout).toBe(`${code.length}\n`)
    expect(dev.via).toEqual(['raw', 'raw', 'paste'])
    expect(dev.programs.at(-1)).toBe(code)
    await t.close()
  })

  it('a firmware without paste mode: the resend goes in raw mode and paste mode is not tried again', async () => {
    let damaged = 1
    const syntax = 'Traceback (most recent call last):\r\nSyntaxError: invalid syntax\r\n'
    const { dev, t, repl } = await open(
      0,
      { noPasteMode: true, run: (code) => (code !== 'pass' && damaged-- > 0 ? { stderr: syntax } : { stdout: `${code.length}\r\n` }) },
      { timeouts: { handshake: 200 } },
    )
    await repl.exec('pass')
    repl.setEchoedPaste(48)
    expect((await repl.execOwn('print(1)')).stdout).toBe('8\r\n')
    expect(dev.via).toEqual(['raw', 'raw', 'raw'])
    damaged = 1
    const t0 = Date.now()
    expect((await repl.execOwn('print(2)')).stdout).toBe('8\r\n')
    // No second wait for a paste-mode prompt that never comes.
    expect(Date.now() - t0).toBeLessThan(150)
    await t.close()
  })

  it('paste mode without the echo window would overflow the same ring (the window is what protects it)', async () => {
    const { dev, t, repl } = await open(0, { run: echoLength, ringSize: 64, takeEveryMs: 1 }, { timeouts: { handshake: 300 } })
    await repl.exec('pass')
    repl.setEchoedPaste(400)
    // Force paste mode: a link that damaged most plain sends.
    markPlainSendsDamaged(repl)
    const code = 'y'.repeat(300)
    // Each copy loses bytes in the ring, its paste is cancelled, and after three resends the error stands.
    await expect(repl.execOwn(code)).rejects.toMatchObject({ code: 'PROTOCOL_ERROR', message: expect.stringMatching(/could not exec code/) })
    expect(dev.ringDropped).toBeGreaterThan(0)
    expect(dev.programs).toEqual(['pass'])
    await t.close()
  })

  it('execOwn prefers paste mode while plain sends keep arriving damaged, and tries plain again now and then', async () => {
    const { dev, t, repl } = await open(0, { run: echoLength })
    await repl.exec('pass')
    repl.setEchoedPaste(48)
    markPlainSendsDamaged(repl)
    expect(repl.plainLossRate).toBeGreaterThan(0.2)
    for (let i = 0; i < 8; i++) expect((await repl.execOwn(`print(${i})`)).stdout.trim()).toBe('8')
    // Seven runs echoed, the eighth plain (a clean plain send lowers the loss rate).
    expect(dev.via.slice(1)).toEqual([...Array(7).fill('paste'), 'raw'])
    // User code always goes raw.
    await repl.exec('print(9)')
    expect(dev.via.at(-1)).toBe('raw')
    await t.close()
  })

  it('reports a traceback printed in paste mode as the error', async () => {
    const { t, repl } = await open(0, { run: () => ({ stdout: 'partial\r\n', stderr: 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nOSError: 28\r\n' }) })
    await repl.exec('pass')
    repl.setEchoedPaste(48)
    markPlainSendsDamaged(repl)
    const r = await repl.execOwn('f.write(x)')
    expect(r.stdout).toBe('partial\n')
    expect(r.exception).toMatchObject({ type: 'OSError', errno: 28 })
    await t.close()
  })

  it('a lost Ctrl-D waits longer for a long burst when the device drains slowly', async () => {
    let slow = 0
    const { t, repl } = await open(0, { run: echoLength, okDelayMs: () => slow })
    await repl.exec('pass')
    const ctrlAs = () => (repl.transport.bytesWritten, written.filter((b) => b === 1).length)
    const written: number[] = []
    const write = t.write.bind(t)
    t.write = (d) => {
      written.push(...(typeof d === 'string' ? Buffer.from(d) : d))
      return write(d)
    }
    // 5 ms plus the burst at 0.5 B/ms: a 100-byte program may take 200 ms to drain, so an OK after
    // 80 ms is not taken for a lost Ctrl-D.
    repl.setLostCtrlDWait(5, 0.5)
    slow = 80
    expect((await repl.execOwn('z'.repeat(100))).stdout).toBe('100\r\n')
    expect(ctrlAs()).toBe(0)
    // With a fast drain assumed, the same delay is settled with one Ctrl-A and the reply is kept.
    repl.setLostCtrlDWait(5, Infinity)
    expect((await repl.execOwn('z'.repeat(100))).stdout).toBe('100\r\n')
    expect(ctrlAs()).toBe(1)
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
