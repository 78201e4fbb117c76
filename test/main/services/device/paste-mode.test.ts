/** Splitting what the friendly REPL prints for a pasted run into output and error. */
import { describe, expect, it } from 'vitest'
import { pasteable, runEnd, splitFriendlyOutput } from '../../../../src/main/services/device/paste-mode'

describe('splitFriendlyOutput', () => {
  it('keeps plain output as output', () => {
    expect(splitFriendlyOutput('1\r\n(2, 3)\r\n')).toEqual({ stdout: '1\n(2, 3)\n', stderr: '' })
  })

  it('takes a traceback and what follows as the error', () => {
    const s = splitFriendlyOutput('done\r\nTraceback (most recent call last):\r\n  File "<stdin>", line 2, in <module>\r\nNameError: name \'foo\' is not defined\r\n')
    expect(s.stdout).toBe('done\n')
    expect(s.stderr).toMatch(/^Traceback[\s\S]*NameError: name 'foo' is not defined\n$/)
  })

  it('takes a bare last-line error (the parser out of memory) as the error', () => {
    expect(splitFriendlyOutput('MemoryError: memory allocation failed, allocating 995 bytes\r\n')).toEqual({
      stdout: '',
      stderr: 'MemoryError: memory allocation failed, allocating 995 bytes\n',
    })
  })
})

describe('pasteable', () => {
  it('refuses code that paste mode would act on', () => {
    expect(pasteable(Buffer.from("x=b'\\x03'\n"))).toBe(true)
    for (const b of [3, 4, 13]) expect(pasteable(Uint8Array.of(0x78, b))).toBe(false)
  })
})

describe('runEnd', () => {
  it('ends at a prompt on a line of its own, not at ">>> " inside data', () => {
    expect(runEnd(Buffer.from("\r\nb'see >>> "))).toBeUndefined()
    expect(runEnd(Buffer.from("\r\nb'see >>> here'\r\n>>> "))).toBe(23)
    expect(runEnd(Buffer.from('\r\n>>> '))).toBe(6)
  })
})
