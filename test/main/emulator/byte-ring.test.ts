import { describe, expect, it } from 'vitest'
import { ByteRing } from '../../../src/main/emulator/control-block'

const bytes = (...b: number[]) => Uint8Array.from(b)

describe('ByteRing', () => {
  it('hands bytes over in order across the end of its buffer, a byte or a run at a time', () => {
    const r = new ByteRing(8)
    expect(r.write(bytes(1, 2, 3, 4, 5, 6))).toBe(6)
    expect([r.readByte(0), r.readByte(0), r.readByte(0), r.readByte(0)]).toEqual([1, 2, 3, 4])
    // 5, 6 are left at the end; these wrap around to the start.
    expect(r.write(bytes(7, 8, 9, 10, 11, 12, 13))).toBe(6)
    expect(r.available()).toBe(8)
    expect([...r.take(100, () => false)]).toEqual([5, 6, 7, 8, 9, 10, 11, 12])
    expect(r.available()).toBe(0)
    expect(r.readByte(0)).toBe(-1)
  })

  it('takes at most the count asked for and stops before a stop byte, which stays for readByte', () => {
    const r = new ByteRing(16)
    r.write(bytes(10, 20, 30, 40, 0x04, 50))
    expect([...r.take(2, (b) => b === 0x04)]).toEqual([10, 20])
    expect([...r.take(10, (b) => b === 0x04)]).toEqual([30, 40])
    expect([...r.take(10, (b) => b === 0x04)]).toEqual([])
    expect(r.readByte(0)).toBe(0x04)
    expect([...r.take(10, (b) => b === 0x04)]).toEqual([50])
  })
})
