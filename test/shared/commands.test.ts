import { describe, expect, it } from 'vitest'
import { COMMANDS, commandById, commandForKey, isEnabled, keyLabel, keyMatches, paletteEntries, type CommandSpec } from '../../src/shared/commands'

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt,
})
const all = { project: true, editor: true, tab: true, connected: true, emulating: true, paused: true }
const none = { project: false, editor: false, tab: false, connected: false, emulating: false, paused: false }

describe('command registry', () => {
  it('ids are unique and no two commands share a key but Run and Continue (Run continues a paused app)', () => {
    const ids = COMMANDS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    const keys = (COMMANDS as readonly CommandSpec[]).filter((c) => c.id !== 'debugContinue').flatMap((c) => (c.key ? [c.key] : []))
    expect(new Set(keys).size).toBe(keys.length)
    expect(commandById('debugContinue')!.key).toBe(commandById('run')!.key)
  })
  it('the debugger\'s keys: F10, F11, Shift+F11 step while paused; Pause while an app runs in the emulator', () => {
    expect(commandForKey(press('F10'), false)?.id).toBe('debugStepOver')
    expect(commandForKey(press('F11'), false)?.id).toBe('debugStepInto')
    expect(commandForKey(press('F11', { shift: true }), false)?.id).toBe('debugStepOut')
    expect(commandForKey(press('F9'), false)?.id).toBe('toggleBreakpoint')
    for (const id of ['debugContinue', 'debugStepOver', 'debugStepInto', 'debugStepOut']) {
      expect(isEnabled(commandById(id)!, { ...all, paused: false })).toBe(false)
    }
    expect(isEnabled(commandById('debugPause')!, { ...all, emulating: false })).toBe(false)
    expect(isEnabled(commandById('breakOnException')!, none)).toBe(true)
  })
  it('Deploy to Badge has its key and needs a project (a serial badge or one in disk mode is checked by the deploy)', () => {
    const d = commandById('deploy')!
    expect(d.key).toBe('CmdOrCtrl+Shift+D')
    expect(isEnabled(d, all)).toBe(true)
    expect(isEnabled(d, { ...all, project: false })).toBe(false)
    expect(isEnabled(commandById('save')!, { ...all, editor: false })).toBe(false)
    expect(isEnabled(commandById('openProject')!, none)).toBe(true)
  })
})

describe('keyMatches', () => {
  it('CmdOrCtrl is Ctrl off macOS and Cmd on it', () => {
    expect(keyMatches('CmdOrCtrl+S', press('s', { ctrl: true }), false)).toBe(true)
    expect(keyMatches('CmdOrCtrl+S', press('s', { meta: true }), false)).toBe(false)
    expect(keyMatches('CmdOrCtrl+S', press('s', { meta: true }), true)).toBe(true)
    expect(keyMatches('CmdOrCtrl+S', press('s', { ctrl: true }), true)).toBe(false)
  })
  it('modifiers must match exactly, letters ignore case', () => {
    expect(keyMatches('CmdOrCtrl+S', press('S', { ctrl: true, shift: true }), false)).toBe(false)
    expect(keyMatches('CmdOrCtrl+Shift+S', press('S', { ctrl: true, shift: true }), false)).toBe(true)
    expect(keyMatches('F5', press('F5', { shift: true }), false)).toBe(false)
    expect(keyMatches('Shift+F5', press('F5', { shift: true }), false)).toBe(true)
  })
})

describe('commandForKey', () => {
  it('finds the bound command, including Ctrl+Shift+P for the palette and Ctrl+Shift+D for deploy', () => {
    expect(commandForKey(press('F5'), false)?.id).toBe('run')
    expect(commandForKey(press('F5', { ctrl: true, shift: true }), false)?.id).toBe('restart')
    expect(commandForKey(press('P', { ctrl: true, shift: true }), false)?.id).toBe('palette')
    expect(commandForKey(press('p', { ctrl: true }), false)?.id).toBe('quickOpen')
    expect(commandForKey(press('D', { ctrl: true, shift: true }), false)?.id).toBe('deploy')
    expect(commandForKey(press('x', { ctrl: true }), false)).toBeUndefined()
  })
})

describe('paletteEntries', () => {
  it('matches every word in any case, leaves out main-only commands and itself, enabled first', () => {
    expect(paletteEntries('', all).map((r) => r.id)).not.toContain('palette')
    expect(paletteEntries('', all).map((r) => r.id)).not.toContain('about')
    expect(paletteEntries('DEPLOY badge', all).map((r) => r.id)).toEqual(['deploy'])
    const rows = paletteEntries('', { ...none, project: true })
    expect(rows.filter((r) => !r.enabled).map((r) => r.id)).toContain('save')
    expect(rows[0]!.enabled).toBe(true)
    const enabled = rows.map((r) => r.enabled)
    expect(enabled).toEqual([...enabled].sort((a, b) => Number(b) - Number(a)))
  })
})

describe('keyLabel', () => {
  it('names the modifier of the system', () => {
    expect(keyLabel('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P')
    expect(keyLabel('CmdOrCtrl+Shift+P', true)).toBe('Cmd+Shift+P')
  })
})
