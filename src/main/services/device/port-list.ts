/**
 * Listing serial ports with the badge recognised. `list()` needs udev on Linux and may fail in
 * containers; then the list is empty and the user can still type a path. ptys are never listed.
 */
import type { BindingInterface, BindingPortInfo } from './binding-types'
import type { PortInfo } from '../../../shared/ipc/domains/device'
import { PORT_KIND_ORDER, classifyPort, portLabel } from '../../../shared/protocol/port-kind'

/** The virtual badge's port path. Mirrors the emulator's `VIRTUAL_PORT_PATH`. */
export const VIRTUAL_PORT_PATH = 'virtual'

/**
 * Lists the ports `binding` reports, classified and sorted badge first. With `includeVirtual`, the
 * virtual badge is listed too. Never throws: a failing enumeration yields the virtual entry only.
 */
export async function listPorts(binding: BindingInterface, includeVirtual = true): Promise<PortInfo[]> {
  let raw: BindingPortInfo[]
  try {
    raw = await binding.list()
  } catch {
    raw = []
  }
  const ports: PortInfo[] = raw.map((p) => {
    const kind = classifyPort(p.vendorId, p.productId)
    const info: PortInfo = { path: p.path, kind, label: portLabel(kind, p.path, p.manufacturer) }
    if (p.manufacturer) info.manufacturer = p.manufacturer
    if (p.serialNumber) info.serialNumber = p.serialNumber
    if (p.vendorId) info.vendorId = p.vendorId.toLowerCase()
    if (p.productId) info.productId = p.productId.toLowerCase()
    return info
  })
  if (includeVirtual) ports.push({ path: VIRTUAL_PORT_PATH, kind: 'virtual', label: portLabel('virtual', VIRTUAL_PORT_PATH) })
  return ports.sort((a, b) => PORT_KIND_ORDER[a.kind] - PORT_KIND_ORDER[b.kind] || a.path.localeCompare(b.path))
}
