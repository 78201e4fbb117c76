import { describe, expect, it } from 'vitest'
import { ExecReplyParser, parseDeviceException, parseRawPasteReply } from '../../../src/shared/protocol/raw-repl-codec'

function parseAll(chunks: number[][]) {
  let out = ''
  let err = ''
  const p = new ExecReplyParser({
    stdout: (d) => (out += Buffer.from(d).toString('latin1')),
    stderr: (d) => (err += Buffer.from(d).toString('latin1')),
  })
  const used: number[] = []
  for (const c of chunks) used.push(p.feed(Uint8Array.from(c)))
  return { out, err, done: p.done, used }
}

const bytes = (s: string) => Array.from(Buffer.from(s, 'latin1'))

describe('ExecReplyParser', () => {
  it('splits stdout and stderr however the bytes are fragmented', () => {
    const whole = bytes('hello\r\n\x04Traceback\r\nValueError: x\r\n\x04>')
    for (let size = 1; size <= whole.length; size++) {
      const chunks: number[][] = []
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size))
      const r = parseAll(chunks)
      expect(r).toMatchObject({ out: 'hello\r\n', err: 'Traceback\r\nValueError: x\r\n', done: true })
    }
  })
  it('stops at the prompt and leaves what follows to the caller', () => {
    const r = parseAll([bytes('1\x04\x04>extra')])
    expect(r.used).toEqual([4])
    expect(r.out).toBe('1')
  })
  it('takes the soft reboot that follows code ending in SystemExit as the end of the reply', () => {
    const reply = 'bye\r\n\x04\x04MPY: soft reboot\r\nboot.py says hi\r\nraw REPL; CTRL-B to exit\r\n>'
    for (const size of [1, 3, reply.length]) {
      const p = new ExecReplyParser({ stdout: () => undefined, stderr: () => undefined })
      const whole = bytes(reply + 'next')
      let used = 0
      for (let i = 0; i < whole.length && !p.done; i += size) used += p.feed(Uint8Array.from(whole.slice(i, i + size)))
      expect(p.done).toBe(true)
      expect(p.rebooted).toBe(true)
      expect(used).toBe(reply.length)
    }
    const old = new ExecReplyParser({ stdout: () => undefined, stderr: () => undefined })
    old.feed(Uint8Array.from(bytes('\x04\x04soft reboot\r\nraw REPL; CTRL-B to exit\r\n>')))
    expect(old.rebooted).toBe(true)
  })
  it('refuses a reply that does not end with the prompt', () => {
    const p = new ExecReplyParser({ stdout: () => undefined, stderr: () => undefined })
    expect(() => p.feed(Uint8Array.from(bytes('\x04\x04X')))).toThrow(SyntaxError)
  })
})

describe('parseRawPasteReply', () => {
  it.each([
    [[0x52], undefined],
    [[0x52, 0x01, 0x80], undefined],
    [[0x52, 0x01, 0x80, 0x00], { kind: 'supported', window: 128 }],
    [[0x52, 0x01, 0x00, 0x01], { kind: 'supported', window: 256 }],
    [[0x52, 0x00], { kind: 'unsupported' }],
    [bytes('ra'), { kind: 'legacy' }],
  ])('%j → %j', (b, r) => {
    expect(parseRawPasteReply(Uint8Array.from(b))).toEqual(r)
  })
})

describe('parseDeviceException', () => {
  it.each([
    ['Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nOSError: [Errno 2] ENOENT\r\n', { type: 'OSError', message: '[Errno 2] ENOENT', errno: 2 }],
    ['Traceback:\nOSError: 28\n', { type: 'OSError', message: '28', errno: 28 }],
    ['OSError: file not found\r\n', { type: 'OSError', message: 'file not found' }],
    ['Traceback:\nKeyboardInterrupt: \r\n', { type: 'KeyboardInterrupt', message: '' }],
    ['Traceback:\nMemoryError\n', { type: 'MemoryError', message: '' }],
  ])('parses %j', (text, ex) => {
    expect(parseDeviceException(text)).toMatchObject(ex)
  })
  it('returns undefined for text without an exception line', () => {
    expect(parseDeviceException('')).toBeUndefined()
    expect(parseDeviceException('some words here\n')).toBeUndefined()
  })
})
