/**
 * The hostile corpus sent to the virtual badge's raw REPL, as a program the user did not write
 * would send it: every attempt ends in a Python exception and the host-side canary is untouched.
 * Also its flash folder: no write-back through symlinks, and a full flash raises ENOSPC.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVirtualBadgeBinding, VIRTUAL_PORT_PATH, type BindingPortInterface } from '../../../../src/main/emulator/virtual-badge'
import { client } from '../vb-client'
import { ATTACKS, renderAttack } from './attacks'
import { startCanary, type Canary } from './canary'

const dir = mkdtempSync(join(tmpdir(), 'badge-vb-hostile-'))
const outside = mkdtempSync(join(tmpdir(), 'badge-vb-outside-'))
let canary: Canary
let port: BindingPortInterface
let c: ReturnType<typeof client>

beforeAll(async () => {
  canary = await startCanary()
  writeFileSync(join(outside, 'secret.txt'), 'host secret')
  mkdirSync(join(dir, 'system'), { recursive: true })
  symlinkSync(outside, join(dir, 'linked'))
  const binding = createVirtualBadgeBinding({ dir })
  port = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
  c = client(port)
  await c.until('>>> ')
  await c.send('\r\x01')
  await c.until('raw REPL; CTRL-B to exit\r\n>')
})
afterAll(async () => {
  await port?.close()
  await canary.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

/** Runs `code` in the raw REPL; returns [stdout, stderr]. */
async function exec(code: string): Promise<[string, string]> {
  await c.send(code + '\x04')
  const reply = await c.until('\x04>', 60_000)
  const body = reply.slice(reply.indexOf('OK') + 2, -2)
  const cut = body.indexOf('\x04')
  return [body.slice(0, cut), body.slice(cut + 1)]
}

describe('hostile code on the virtual badge', () => {
  ATTACKS.forEach((attack, index) => {
    it(`blocks: ${attack.name}`, async () => {
      const [out, err] = await exec(renderAttack(attack, { canaryFile: canary.file, canaryPort: canary.port }, index))
      expect(out).not.toContain('CROSSED')
      expect(out.split('\r\n').filter((l) => l.startsWith(`BLOCKED ${index}.`)), out + err).toHaveLength(attack.attempts.length)
      if (!attack.breaksPlatform) expect(err).toBe('')
      await new Promise((r) => setTimeout(r, 20))
      expect(canary.tripped()).toBe(false)
    })
  })

  it('writes nothing through a symlink in its flash folder', async () => {
    const [out] = await exec("import os\nprint(os.listdir('/'))\nos.mkdir('/linked') if 'linked' not in os.listdir('/') else None\nopen('/linked/pwn.txt', 'w').write('x')\nprint('WROTE')")
    expect(out).toContain('WROTE')
    expect(out).not.toContain('secret.txt') // the link was not followed on the way in either
    // Files are written back when input goes idle; a prompt round trip makes sure that happened.
    await exec('pass')
    expect(readdirSync(outside)).toEqual(['secret.txt'])
  })

  it('raises ENOSPC when the flash is full and keeps what was written', async () => {
    const [out] = await exec(
      "open('/keep.txt', 'w').write('keep me')\nchunk = b'x' * 65536\ntry:\n    with open('/big.bin', 'wb') as f:\n        while True:\n            f.write(chunk)\nexcept OSError as e:\n    print('FULL', e.errno)\nimport os\nos.remove('/big.bin')\nprint('AFTER', open('/keep.txt').read())",
    )
    expect(out).toContain('FULL 28')
    expect(out).toContain('AFTER keep me')
  })
})
