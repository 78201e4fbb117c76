import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUTTONS as PRESS_SCRIPT_BITS } from '../../src/main/emulator/press-script'
import { BADGE_BUTTONS, BUTTON_BITS } from '../../src/shared/badge-buttons'

describe('badge buttons', () => {
  it('the emulator Python io carries the same bits (module constants and the io object)', () => {
    const py = readFileSync(path.resolve(__dirname, '../../wasm/python/_bw_io.py'), 'utf8')
    for (const [name, bit] of Object.entries(BUTTON_BITS)) {
      const found = [...py.matchAll(new RegExp(`^\\s*BUTTON_${name} = (\\d+)$`, 'gm'))].map((m) => Number(m[1]))
      expect(found, name).toEqual([bit, bit])
    }
  })
  it('the CLI press schedule uses the same bits; every button is listed once', () => {
    expect(PRESS_SCRIPT_BITS).toEqual(BUTTON_BITS)
    expect([...BADGE_BUTTONS].sort()).toEqual(Object.keys(BUTTON_BITS).sort())
  })
})
