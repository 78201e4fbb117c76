/**
 * The badge's buttons: their names (as the IPC, the CLI's `--press` and the window use them) and
 * their bits in badgeware's `io` (`io.BUTTON_A` … in the API spec §12). The emulator's Python `io`
 * (wasm/python/_bw_io.py) carries the same numbers; a test checks they agree.
 */

/** Bit of each button in badgeware's `io` masks. */
export const BUTTON_BITS = { HOME: 32, A: 16, B: 8, C: 4, UP: 2, DOWN: 1 } as const

/** A button name. */
export type BadgeButtonName = keyof typeof BUTTON_BITS

/** Every button, in the order the window lays them out. */
export const BADGE_BUTTONS = ['A', 'B', 'C', 'UP', 'DOWN', 'HOME'] as const satisfies readonly BadgeButtonName[]
