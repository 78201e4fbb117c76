/**
 * A USB port the E2E tests plug in and out: listed as a Tufty 2350 while plugged, and opened as
 * the virtual badge (the emulator's REPL behind a serialport binding). Unplugging fails the open
 * link's reads as a pulled cable does; `dropLink` does the same while the port stays listed (a badge
 * that reset faster than the port list noticed).
 */
import { createVirtualBadgeBinding, VIRTUAL_PORT_PATH } from '../../src/main/emulator/virtual-badge'
import type { BindingInterface, BindingPortInterface } from '../../src/main/services/device/binding-types'

/** The fake port's path. */
export const FAKE_USB_PATH = '/dev/ttyACM7'

/** The port, with the test's hands on its cable. */
export interface FakeUsb {
  binding: BindingInterface
  plug(): void
  unplug(): void
  dropLink(): void
  /** Times the port was opened. */
  opens: number
}

/** Creates the fake port; the badge's flash lives in `dir`. */
export function fakeUsb(dir: string): FakeUsb {
  const badge = createVirtualBadgeBinding({ dir })
  let plugged = false
  let cut: ((e: Error) => void) | null = null
  const usb: FakeUsb = {
    opens: 0,
    plug: () => void (plugged = true),
    unplug() {
      plugged = false
      usb.dropLink()
    },
    dropLink() {
      cut?.(new Error('Input/output error'))
      cut = null
    },
    binding: {
      async list() {
        if (!plugged) return []
        return [{ path: FAKE_USB_PATH, manufacturer: 'Pimoroni', serialNumber: 'E2E0BADGE', vendorId: '2E8A', productId: '1101', pnpId: undefined, locationId: undefined }]
      },
      async open(options) {
        if (!plugged || options.path !== FAKE_USB_PATH) throw new Error(`Error: No such file or directory, cannot open ${options.path}`)
        const inner = await badge.open({ ...options, path: VIRTUAL_PORT_PATH })
        usb.opens++
        const lost = new Promise<never>((_, reject) => (cut = reject))
        lost.catch(() => undefined)
        const port: BindingPortInterface = {
          get isOpen() {
            return inner.isOpen
          },
          openOptions: inner.openOptions,
          read: (buffer, offset, length) => Promise.race([inner.read(buffer, offset, length), lost]),
          write: (b) => inner.write(b),
          close: () => inner.close(),
          update: (o) => inner.update(o),
          set: (o) => inner.set(o),
          get: () => inner.get(),
          getBaudRate: () => inner.getBaudRate(),
          flush: () => inner.flush(),
          drain: () => inner.drain(),
        }
        return port
      },
    },
  }
  return usb
}
