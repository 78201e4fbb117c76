/** DeviceManager with in-memory bindings: port listing, state events, open errors, the virtual seam. */
import { describe, expect, it } from 'vitest'
import { DeviceManager } from '../../../../src/main/services/device/device-manager'
import { listPorts } from '../../../../src/main/services/device/port-list'
import type { BindingInterface, BindingPortInfo } from '../../../../src/main/services/device/binding-types'
import type { DeviceState } from '../../../../src/shared/ipc/domains/device'
import { createScriptedDevice } from './scripted-device'

const info = (path: string, vendorId?: string, productId?: string): BindingPortInfo => ({
  path,
  vendorId,
  productId,
  manufacturer: undefined,
  serialNumber: undefined,
  pnpId: undefined,
  locationId: undefined,
})

function listing(ports: BindingPortInfo[] | Error): BindingInterface {
  return {
    list: async () => {
      if (ports instanceof Error) throw ports
      return ports
    },
    open: async () => {
      throw new Error('not used')
    },
  }
}

describe('listPorts', () => {
  it('recognises the badge, MicroPython boards and BOOTSEL, badge first, virtual included', async () => {
    const ports = await listPorts(
      listing([info('/dev/ttyUSB0', '0403', '6001'), info('/dev/ttyACM1', '2e8a', '0005'), info('/dev/ttyACM0', '2E8A', '1101'), info('/dev/ttyACM2', '2e8a', '000f')]),
    )
    expect(ports.map((p) => [p.path, p.kind])).toEqual([
      ['/dev/ttyACM0', 'badge'],
      ['/dev/ttyACM1', 'micropython'],
      ['virtual', 'virtual'],
      ['/dev/ttyACM2', 'bootsel'],
      ['/dev/ttyUSB0', 'other'],
    ])
    expect(ports[0]).toMatchObject({ vendorId: '2e8a', productId: '1101' })
  })

  it('survives a failing enumeration (no udev in a container)', async () => {
    expect(await listPorts(listing(new Error('udev not available')))).toEqual([{ path: 'virtual', kind: 'virtual', label: 'Virtual badge (emulator)' }])
  })
})

describe('DeviceManager', () => {
  function manager(dev = createScriptedDevice({ window: 16, run: (code) => (code.includes("print(repr(r))") ? { stdout: "{'impl': 'micropython', 'ver': '1.27.0', 'plat': 'rp2', 'kbd': 1, 'rd': 'stdin', 'free': 200000, 'os_rename': 1, 'os_mkdir': 1, 'lda': 1}\r\n" } : { stdout: 'ran\r\n' }) })) {
    const states: DeviceState[] = []
    const outputs: string[] = []
    const m = new DeviceManager({
      bindingFor: () => dev.binding,
      emit: ((channel: string, payload: unknown) => {
        if (channel === 'device:state') states.push(payload as DeviceState)
        if (channel === 'device:output') outputs.push((payload as { data: string }).data)
      }) as never,
    })
    return { m, dev, states, outputs }
  }

  it('connects, reports capabilities in the state, streams exec output and notices an unplug', async () => {
    const { m, dev, states, outputs } = manager()
    const state = await m.connect('/dev/ttyACM0')
    expect(state).toMatchObject({ status: 'connected', port: '/dev/ttyACM0', info: { platform: 'rp2', rawPaste: true, rawPasteWindow: 16, byteReader: 'stdin' } })
    await m.exec('print(1)')
    expect(outputs.join('')).toBe('ran\r\n')
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected', 'running', 'connected'])
    dev.unplug()
    await expect.poll(() => m.state.status).toBe('disconnected')
    expect(m.state.error?.code).toBe('DISCONNECTED')
    await expect(m.exec('print(1)')).rejects.toMatchObject({ code: 'NOT_CONNECTED' })
    // The lost port is released, so connecting again is not refused as busy.
    await expect.poll(() => dev.portOpen).toBe(false)
  })

  it('turns an open failure into an error state with a stable code', async () => {
    const { m, dev, states } = manager()
    dev.failNextOpen(new Error('Error Resource temporarily unavailable Cannot lock port'))
    await expect(m.connect('/dev/ttyACM0')).rejects.toMatchObject({ code: 'PORT_BUSY' })
    expect(states[states.length - 1]).toMatchObject({ status: 'error', error: { code: 'PORT_BUSY' } })
  })

  it('routes "virtual" to the virtual binding factory', async () => {
    const dev = createScriptedDevice({ run: (code) => (code.includes('print(repr(r))') ? { stdout: "{'impl': 'micropython', 'plat': 'webassembly'}\r\n" } : {}) })
    let asked = 0
    const m = new DeviceManager({
      virtualBinding: async () => {
        asked++
        return dev.binding
      },
    })
    expect((await m.connect('virtual')).info).toMatchObject({ platform: 'webassembly' })
    expect(asked).toBe(1)
    await m.disconnect()
    expect(m.state.status).toBe('disconnected')
  })
})
