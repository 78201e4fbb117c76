import { describe, expect, it } from 'vitest'
import { runStatusLabel } from '../../src/renderer/src/lib/run-status'

describe('runStatusLabel', () => {
  it("follows the run target: the badge's run while Run goes to the badge, whatever the emulator did last", () => {
    const emu = { status: 'watchdog' as const, app: 'loop' }
    expect(runStatusLabel('emulator', emu, null)).toBe('Emulator: loop stopped (no frame for 5 s)')
    expect(runStatusLabel('badge', emu, null)).toBe('Badge: no app started')
    expect(runStatusLabel('badge', emu, { status: 'running', app: 'shapes' })).toBe('Badge: running shapes')
    expect(runStatusLabel('badge', emu, { status: 'stopped', app: 'shapes' })).toBe('Badge: shapes stopped')
  })

  it('names the app in the emulator states that have one', () => {
    expect(runStatusLabel('emulator', { status: 'running', app: 'clock' }, null)).toBe('Emulator: running clock')
    expect(runStatusLabel('emulator', { status: 'crashed', app: 'clock' }, null)).toBe('Emulator: clock crashed')
    expect(runStatusLabel('emulator', { status: 'stopped' }, null)).toBe('Emulator: stopped')
  })
})
