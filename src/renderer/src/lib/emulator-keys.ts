/**
 * Keyboard mapping of the badge buttons in the emulator view: A = A/Z, B = B/X, C = C/Space,
 * UP/DOWN = arrow keys, HOME = H/Escape. Only applies while the emulator view has focus.
 */
import type { BadgeButtonName as BadgeButton } from '../../../shared/badge-buttons'

const KEYMAP: Record<string, BadgeButton> = {
  a: 'A',
  z: 'A',
  b: 'B',
  x: 'B',
  c: 'C',
  ' ': 'C',
  arrowup: 'UP',
  arrowdown: 'DOWN',
  h: 'HOME',
  escape: 'HOME',
}

/** The button a `KeyboardEvent.key` maps to, or null. Modifier chords never map. */
export function buttonForKey(key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean } = {}): BadgeButton | null {
  if (mods.ctrl || mods.meta || mods.alt) return null
  return KEYMAP[key.toLowerCase()] ?? null
}

/** The keys shown as hints on the on-screen buttons. */
export const KEY_HINTS: Record<BadgeButton, string> = { A: 'A / Z', B: 'B / X', C: 'C / Space', UP: '↑', DOWN: '↓', HOME: 'H / Esc' }
