import { describe, expect, it } from 'vitest'
import { base64Decode, base64Encode } from '../../../src/shared/protocol/base64'
import { Utf8Stream, decodeUtf8Strict, encodeUtf8 } from '../../../src/shared/protocol/utf8-stream'
import { classifyPort, portLabel } from '../../../src/shared/protocol/port-kind'
import { devicePathProblem, normalizeDevicePath, deviceDirname } from '../../../src/shared/protocol/device-path'

describe('base64', () => {
  it('matches Node for every length 0..300 and all byte values', () => {
    for (let n = 0; n <= 300; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 97 + n) & 255)
      const enc = base64Encode(data)
      expect(enc).toBe(Buffer.from(data).toString('base64'))
      expect(base64Decode(enc)).toEqual(data)
    }
    const big = new Uint8Array(100_003).map((_, i) => (i * 7919) >>> 3)
    expect(base64Encode(big)).toBe(Buffer.from(big).toString('base64'))
  })
  it('accepts the trailing newline MicroPython adds, rejects garbage', () => {
    expect(base64Decode('AAEC\n')).toEqual(Uint8Array.of(0, 1, 2))
    expect(() => base64Decode('AA*C')).toThrow(RangeError)
    expect(() => base64Decode('AAE')).toThrow(RangeError)
    expect(() => base64Decode('AA=A')).toThrow(RangeError)
    for (const bad of ['A===', '====', 'AAAA=', 'AAA==A==']) expect(() => base64Decode(bad), bad).toThrow(RangeError)
  })
  it('decodes megabytes (a large upload through the bridge): the check is a scan, not one backtracking pattern', () => {
    const data = new Uint8Array(12 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24)
    expect(Buffer.from(base64Decode(Buffer.from(data).toString('base64'))).equals(Buffer.from(data))).toBe(true)
  })
})

describe('Utf8Stream', () => {
  it('keeps multi-byte characters whole when split at every possible point', () => {
    const text = 'aé€😀z'
    const bytes = encodeUtf8(text)
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
        const s = new Utf8Stream()
        const out = s.push(bytes.subarray(0, cut)) + s.push(bytes.subarray(cut, cut2)) + s.push(bytes.subarray(cut2)) + s.end()
        expect(out).toBe(text)
      }
    }
  })
  it('decodes strictly when asked', () => {
    expect(decodeUtf8Strict(encodeUtf8('ü'))).toBe('ü')
    expect(decodeUtf8Strict(Uint8Array.of(0xc3))).toBeUndefined()
    expect(decodeUtf8Strict(Uint8Array.of(0xff, 0x00))).toBeUndefined()
  })
})

describe('classifyPort', () => {
  it.each([
    ['2e8a', '1100', 'badge'],
    ['2E8A', '1102', 'badge'],
    ['0x2e8a', '1101', 'badge'],
    ['2e8a', '0005', 'micropython'],
    ['2e8a', '000f', 'bootsel'],
    ['2e8a', '1103', 'other'],
    ['0403', '6001', 'other'],
    [undefined, undefined, 'other'],
  ] as const)('%s:%s is %s', (vid, pid, kind) => {
    expect(classifyPort(vid, pid)).toBe(kind)
  })
  it('labels ports for people', () => {
    expect(portLabel('badge', '/dev/ttyACM0')).toContain('badge')
    expect(portLabel('other', '/dev/ttyUSB0', 'FTDI')).toBe('/dev/ttyUSB0 (FTDI)')
  })
})

describe('device paths', () => {
  it.each([
    ['/main.py', undefined],
    ['/apps/a b/é.py', undefined],
    ['', 'empty path'],
    ['main.py', 'device paths are absolute (start with /)'],
    ['/apps/../x', '"." and ".." are not allowed'],
    ['/a\0b', 'NUL byte in path'],
    ['/a\nb', 'control character in path'],
  ])('%j → %s', (p, problem) => {
    expect(devicePathProblem(p)).toBe(problem)
  })
  it('normalises and splits', () => {
    expect(normalizeDevicePath('//apps//x/')).toBe('/apps/x')
    expect(normalizeDevicePath('/')).toBe('/')
    expect(deviceDirname('/apps/x/y.py')).toBe('/apps/x')
    expect(deviceDirname('/y.py')).toBe('/')
  })
})
