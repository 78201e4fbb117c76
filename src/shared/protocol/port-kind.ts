/** Recognising the badge and other MicroPython boards from USB vendor and product ids. */

/** Raspberry Pi's USB vendor id, used by RP2040/RP2350 boards and the Tufty 2350 family. */
export const RP_VENDOR_ID = 0x2e8a
/** Tufty 2350 family product ids (shared with customised variants: confirm with a probe). */
export const BADGE_PRODUCT_IDS = [0x1100, 0x1101, 0x1102] as const
/** Generic MicroPython on RP2. */
export const MICROPYTHON_RP2_PRODUCT_ID = 0x0005
/** RP2 boot ROM (BOOTSEL): no serial REPL, shown so the user knows why. */
export const BOOTSEL_PRODUCT_ID = 0x000f

/** What a listed port appears to be. */
export type PortKind = 'badge' | 'micropython' | 'bootsel' | 'virtual' | 'other'

function parseId(id: string | undefined): number | undefined {
  if (!id) return undefined
  const n = parseInt(id.replace(/^0x/i, ''), 16)
  return Number.isFinite(n) ? n : undefined
}

/** Classifies a port by its (hex string) USB ids as listed by serialport. */
export function classifyPort(vendorId: string | undefined, productId: string | undefined): PortKind {
  const vid = parseId(vendorId)
  const pid = parseId(productId)
  if (vid !== RP_VENDOR_ID || pid === undefined) return 'other'
  if ((BADGE_PRODUCT_IDS as readonly number[]).includes(pid)) return 'badge'
  if (pid === MICROPYTHON_RP2_PRODUCT_ID) return 'micropython'
  if (pid === BOOTSEL_PRODUCT_ID) return 'bootsel'
  return 'other'
}

/** Sort order: badge first, then MicroPython boards, the virtual badge, BOOTSEL, others. */
export const PORT_KIND_ORDER: Record<PortKind, number> = { badge: 0, micropython: 1, virtual: 2, bootsel: 3, other: 4 }

/** A short human label for a port. */
export function portLabel(kind: PortKind, path: string, manufacturer?: string): string {
  switch (kind) {
    case 'badge':
      return `Universe badge (${path})`
    case 'micropython':
      return `MicroPython board (${path})`
    case 'bootsel':
      return `RP2 in BOOTSEL mode, no REPL (${path})`
    case 'virtual':
      return 'Virtual badge (emulator)'
    default:
      return manufacturer ? `${path} (${manufacturer})` : path
  }
}
