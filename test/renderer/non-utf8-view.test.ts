import { describe, expect, it } from 'vitest'
import { nonUtf8View } from '../../src/renderer/src/lib/non-utf8-view'

describe('nonUtf8View', () => {
  it('shows text in another encoding with the invalid bytes marked, under a line saying why', () => {
    const v = nonUtf8View('latin1.py', new Uint8Array([...Buffer.from('name = "caf'), 0xe9, ...Buffer.from('"\nprint(name)\n')]))
    const [first, ...rest] = v.split('\n')
    expect(first).toContain('latin1.py: not UTF-8 text, shown read-only')
    expect(rest.join('\n')).toBe('name = "caf\uFFFD"\nprint(name)\n')
  })

  it('keeps files with NUL bytes (images, fonts) to a one-line note', () => {
    expect(nonUtf8View('icon.png', new Uint8Array([0x89, 0x50, 0, 0xff]))).toBe('# icon.png: binary file (4 bytes), shown read-only')
  })
})
