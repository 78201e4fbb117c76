import { readFileSync } from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { CodedError } from '../../src/shared/ipc/result'
import { ERROR_MESSAGES } from '../../src/shared/ipc/errors'
import { EXIT, exitCode, jsonError, jsonResult } from '../../src/cli/output'

describe('exitCode', () => {
  it('0 ok, 1 failed, 2 usage, 130 interrupted; interrupted wins', () => {
    expect(exitCode({ interrupted: false, failed: false })).toBe(0)
    expect(exitCode({ interrupted: false, failed: true })).toBe(1)
    expect(exitCode({ interrupted: false, failed: false, commander: 'usage' })).toBe(2)
    expect(exitCode({ interrupted: true, failed: true, commander: 'usage' })).toBe(130)
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, interrupted: 130 })
  })
  it('an error that says the arguments are wrong is usage (2)', () => {
    expect(exitCode({ interrupted: false, failed: true, usage: true })).toBe(2)
    expect(exitCode({ interrupted: false, failed: true, usage: false })).toBe(1)
  })
  it('help and version are success; a code the command set is kept', () => {
    expect(exitCode({ interrupted: false, failed: false, commander: 'help' })).toBe(0)
    expect(exitCode({ interrupted: false, failed: false, commander: 'version' })).toBe(0)
    expect(exitCode({ interrupted: false, failed: false, set: 1 })).toBe(1)
  })
})

describe('jsonError', () => {
  it('a coded error keeps its code, its detail as message and the table text as hint', () => {
    expect(jsonError(new CodedError('PORT_NOT_FOUND', '/dev/ttyACM9'))).toEqual({
      error: { code: 'PORT_NOT_FOUND', message: '/dev/ttyACM9', hint: ERROR_MESSAGES.PORT_NOT_FOUND },
    })
    expect(jsonError(new CodedError('NOT_CONNECTED')).error.message).toBe(ERROR_MESSAGES.NOT_CONNECTED)
  })
  it("a file system error of this computer gets the project files' code", () => {
    const fail = (f: () => unknown): unknown => {
      try {
        f()
      } catch (e) {
        return e
      }
      return undefined
    }
    expect(jsonError(fail(() => readFileSync('/nonexistent/file.txt')))).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/nonexistent/file.txt'), hint: ERROR_MESSAGES.NOT_FOUND } })
    expect(jsonError(fail(() => readFileSync(os.tmpdir()))).error.code).toBe('IS_A_DIRECTORY')
  })
  it('anything else is INTERNAL with its own message', () => {
    expect(jsonError(new Error('boom'))).toEqual({ error: { code: 'INTERNAL', message: 'boom', hint: ERROR_MESSAGES.INTERNAL } })
    expect(jsonError('text').error).toMatchObject({ code: 'INTERNAL', message: 'text' })
    expect(jsonError(Object.assign(new Error('x'), { code: 'ENOENT' })).error.code).toBe('INTERNAL')
  })
})

describe('jsonResult', () => {
  it('ok follows the exit code', () => {
    expect(jsonResult('1\n', '', 0)).toEqual({ ok: true, stdout: '1\n', stderr: '' })
    expect(jsonResult('', 'Traceback', 1).ok).toBe(false)
  })
})
