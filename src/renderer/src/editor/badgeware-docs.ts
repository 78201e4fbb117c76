/**
 * Hover text for badgeware names whose emulator module carries no docstring (the `io` object is
 * plain attributes set in `__init__`). Keyed `owner.name`; used only when the API index has no doc.
 */
import { BUTTON_BITS } from '../../../shared/badge-buttons'

export const EXTRA_DOCS: Readonly<Record<string, string>> = {
  '_IO.ticks': 'Milliseconds since boot, as sampled by the last io.poll() (once per frame).',
  '_IO.ticks_delta': 'Milliseconds between the last two polls: the time the previous frame took.',
  '_IO.held': 'Tuple of the buttons down at the last poll, e.g. `if io.BUTTON_A in io.held:`. Empty (falsy) when none.',
  '_IO.pressed': 'Tuple of the buttons that went down since the previous poll: `if io.BUTTON_B in io.pressed:`.',
  '_IO.released': 'Tuple of the buttons that went up since the previous poll.',
  '_IO.changed': 'Tuple of the buttons whose state changed since the previous poll (pressed or released).',
  '_IO.poll': 'Takes a new snapshot of buttons and ticks; run() calls it before every update(), so apps rarely need to.',
  '_IO.BUTTON_A': `Button A (bit ${BUTTON_BITS.A}); test it with \`io.BUTTON_A in io.pressed\`.`,
  '_IO.BUTTON_B': `Button B (bit ${BUTTON_BITS.B}).`,
  '_IO.BUTTON_C': `Button C (bit ${BUTTON_BITS.C}).`,
  '_IO.BUTTON_UP': `The UP button (bit ${BUTTON_BITS.UP}).`,
  '_IO.BUTTON_DOWN': `The DOWN button (bit ${BUTTON_BITS.DOWN}).`,
  '_IO.BUTTON_HOME': `The HOME button (bit ${BUTTON_BITS.HOME}); the launcher uses it to leave an app.`,
}
