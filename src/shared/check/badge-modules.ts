/**
 * The modules the badge's firmware has, for the "import of a module the badge does not have" check.
 * The emulator's WebAssembly build is no guide here: it freezes micropython-lib modules the badge
 * lacks (`abc`, `datetime`, `logging`…) and has `js`, which the badge does not.
 */

/**
 * MicroPython's RP2350 port (built-in and frozen modules) and Pimoroni's badge firmware: the badgeware
 * library, its platform modules and the drivers the badgeware spec names (st7789, pcf85063a, ezwifi,
 * qrcode, ntptime).
 */
export const BADGE_MODULES: ReadonlySet<string> = new Set([
  // MicroPython, rp2 port
  '__main__', '_asyncio', '_onewire', '_rp2', '_thread', 'array', 'asyncio', 'binascii', 'bluetooth', 'builtins',
  'cmath', 'collections', 'cryptolib', 'deflate', 'dht', 'ds18x20', 'errno', 'framebuf', 'gc', 'hashlib', 'heapq',
  'io', 'json', 'lwip', 'machine', 'math', 'micropython', 'mip', 'neopixel', 'network', 'ntptime', 'onewire', 'os',
  'platform', 'random', 're', 'requests', 'rp2', 'select', 'socket', 'ssl', 'struct', 'sys', 'time', 'tls',
  'uasyncio', 'uctypes', 'urequests', 'vfs', 'websocket',
  // The badge's firmware
  'badgeware', 'picovector', 'powman', 'aye_arr', 'urllib', 'st7789', 'pcf85063a', 'ezwifi', 'qrcode',
])

/** MicroPython still imports a built-in module by its old `u` name (`utime`, `uos`, `ujson`). */
export function isBadgeModule(name: string): boolean {
  return BADGE_MODULES.has(name) || (name.startsWith('u') && BADGE_MODULES.has(name.slice(1)))
}
