/**
 * Hostile apps in the emulator: every attempt to reach the host through the JS bridge ends in a
 * Python exception inside the guest, and the host-side canary shows nothing happened.
 */
import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runHeadless } from '../../../../src/main/emulator/headless'
import { makeProject } from '../project-fixture'
import { ATTACKS, renderAttack } from './attacks'
import { startCanary, type Canary } from './canary'

let canary: Canary
beforeEach(async () => {
  canary = await startCanary()
})
afterEach(async () => {
  await canary.close()
})

async function runApp(source: string) {
  const p = makeProject({ 'apps/esc/__init__.py': source + '\ndef update():\n    pass\n' })
  try {
    return await runHeadless({ projectDir: p.dir, stateDir: p.state, systemOverlays: [], app: 'esc', frames: 2, prewarm: false })
  } finally {
    p.cleanup()
  }
}

describe('the canary', () => {
  it('notices a file written and a connection made by unsandboxed code', async () => {
    const c = await startCanary()
    try {
      expect(c.tripped()).toBe(false)
      await new Promise<void>((resolve) => connect(c.port, '127.0.0.1', resolve).on('error', resolve))
      await new Promise((r) => setTimeout(r, 50))
      expect(c.connections()).toBe(1)
      expect(c.tripped()).toBe(true)
    } finally {
      await c.close()
    }
  })
})

describe('hostile apps in the emulator', () => {
  ATTACKS.forEach((attack, index) => {
    it(`blocks: ${attack.name}`, async () => {
      const r = await runApp(renderAttack(attack, { canaryFile: canary.file, canaryPort: canary.port }, index))
      expect(r.output).not.toContain('CROSSED')
      const blocked = r.output.split('\n').filter((l) => l.startsWith(`BLOCKED ${index}.`))
      expect(blocked, r.output).toHaveLength(attack.attempts.length)
      expect(r.status, r.output).toBe(attack.breaksPlatform ? 'failed' : 'ok')
      if (attack.breaksPlatform) expect(r.error?.type, r.output).toBe('AttributeError')
      await new Promise((res) => setTimeout(res, 20))
      expect(canary.tripped()).toBe(false)
    })
  })
})
