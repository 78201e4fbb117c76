/**
 * Python importing a built-in module on a device under its plain name, for the code we send.
 * The `u`-prefixed name comes first: since MicroPython 1.21 `os`, `hashlib`, `binascii` and their
 * kind are extensible, so `import os` searches every `sys.path` entry of the filesystem on each
 * import (about 0.15 ms on the virtual badge, a flash read per entry on the badge), while
 * `import uos` is always the built-in and costs a lookup. Firmware without the alias (the
 * micro:bit's `os`) takes the plain name.
 */
export function importBuiltin(name: string, indent = ''): string {
  return [`try:`, ` import u${name} as ${name}`, `except ImportError:`, ` import ${name}`].map((l) => `${indent}${l}\n`).join('')
}

/** {@link importBuiltin} of `os`, at the top level. */
export const IMPORT_OS = importBuiltin('os')
