/**
 * Button names and the CLI's `--press` schedule: `B@60-62,A@90` holds B during frames 60–62 and
 * A during frame 90 (frames are update() calls, from 1). io.pressed fires on the first frame of
 * each hold.
 */

import { BUTTON_BITS as BUTTONS, type BadgeButtonName as ButtonName } from '../../shared/badge-buttons'

export { BUTTONS, type ButtonName }

/** Parses a button name (case-insensitive); throws with the valid names otherwise. */
export function parseButton(name: string): ButtonName {
  const n = name.trim().toUpperCase()
  if (n in BUTTONS) return n as ButtonName
  throw new Error(`unknown button "${name}" (use ${Object.keys(BUTTONS).join(', ')})`)
}

/** Parses a press schedule into frame → held mask. Throws a message naming the bad item. */
export function parsePressScript(text: string): Record<number, number> {
  const held: Record<number, number> = {}
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)@(\d+)(?:-(\d+))?$/.exec(item)
    if (!m) throw new Error(`bad --press item "${item}" (expected BUTTON@FRAME or BUTTON@FROM-TO, e.g. A@10 or B@20-25)`)
    const bit = BUTTONS[parseButton(m[1])]
    const from = Number(m[2])
    const to = m[3] === undefined ? from : Number(m[3])
    if (from < 1 || to < from) throw new Error(`bad frame range in "${item}" (frames start at 1, FROM <= TO)`)
    if (to - from > 1_000_000) throw new Error(`frame range too long in "${item}"`)
    for (let f = from; f <= to; f++) held[f] = (held[f] ?? 0) | bit
  }
  return held
}

/** Parses `1,30,120` into sorted unique frame numbers (>= 1). */
export function parseFrameList(text: string): number[] {
  const out = new Set<number>()
  for (const s of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    if (!/^\d+$/.test(s) || Number(s) < 1) throw new Error(`bad frame number "${s}" (frames start at 1)`)
    out.add(Number(s))
  }
  return [...out].sort((a, b) => a - b)
}
