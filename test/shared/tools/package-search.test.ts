import { describe, expect, it } from 'vitest'
import { searchPackages, type PackageListing } from '../../../src/shared/tools/package-search'

const list: PackageListing[] = [
  { name: 'aioble', version: '0.5.2', description: 'Asyncio-based wrapper for MicroPython bluetooth' },
  { name: 'aiohttp', version: '0.0.5', description: 'HTTP client module for MicroPython asyncio' },
  { name: 'ble-helpers', version: '1.0', description: 'Small tools' },
  { name: 'bluetooth-ext', version: '', description: 'More BLE advertising' },
  { name: 'ssd1306', version: '0.1.0', description: 'Driver for SSD1306 OLED displays' },
]
const names = (q: string) => searchPackages(list, q).map((p) => p.name)

describe('searchPackages', () => {
  it('puts the exact name first, then names starting with the query, then names and descriptions containing it', () => {
    expect(names('ble')).toEqual(['ble-helpers', 'aioble', 'bluetooth-ext'])
    expect(names('aioble')).toEqual(['aioble'])
    expect(names('bluetooth')).toEqual(['bluetooth-ext', 'aioble'])
  })
  it('needs every word, in any case, in the name or the description', () => {
    expect(names('asyncio HTTP')).toEqual(['aiohttp'])
    expect(names('OLED driver')).toEqual(['ssd1306'])
    expect(names('oled bluetooth')).toEqual([])
  })
  it('lists everything, alphabetically, for an empty query', () => {
    expect(names('  ')).toEqual(['aioble', 'aiohttp', 'ble-helpers', 'bluetooth-ext', 'ssd1306'])
  })
})
