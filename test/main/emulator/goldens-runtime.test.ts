/**
 * The example apps' golden frames (made with the standalone graphics harness,
 * test/helpers/mp-graphics.ts) reproduced through the real runtime: worker, boot, badgeware,
 * the JS-driven frame loop, the host's clock and scripted buttons. Both define frame n the same
 * way (io.ticks = floor((n − 1)·1000/60), buttons held during frame n, io.pressed on the first
 * frame of a hold), so any difference is a runtime bug.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decode } from 'fast-png'
import { afterAll, describe, expect, it } from 'vitest'
import { runHeadless } from '../../../src/main/emulator/headless'

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url))
type Manifest = Record<string, { frames: number[]; inputs?: Record<string, { held?: number }> }>

const cases = readdirSync(EXAMPLES)
  .filter((p) => existsSync(join(EXAMPLES, p, 'goldens.json')))
  .flatMap((project) =>
    Object.entries(JSON.parse(readFileSync(join(EXAMPLES, project, 'goldens.json'), 'utf8')) as Manifest).map(
      ([slug, spec]) => [project, slug, spec] as const,
    ),
  )

const tmp = mkdtempSync(join(tmpdir(), 'badge-goldens-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('example goldens through the real runtime', () => {
  it('there are example apps to check', () => expect(cases.length).toBeGreaterThanOrEqual(5))
  it.each(cases)('%s/%s', async (project, slug, spec) => {
    const held = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([k, v]) => [Number(k), v.held ?? 0]))
    const r = await runHeadless({
      projectDir: join(EXAMPLES, project),
      app: slug,
      frames: Math.max(...spec.frames),
      capture: spec.frames,
      held,
      // No assets overlay: the goldens use the built-in font where an app sets none (no sins.ppf).
      systemOverlays: [],
      stateDir: join(tmp, `${project}-${slug}`),
    })
    expect(r.status, r.error?.text ?? r.output).toBe('ok')
    for (const n of spec.frames) {
      const golden = decode(readFileSync(join(EXAMPLES, project, 'goldens', `${slug}-frame-${n}.png`)))
      const got = r.captures.get(n)
      expect(got, `frame ${n} captured`).toBeDefined()
      let diff = 0, first = -1
      for (let i = 0; i < got!.length; i++)
        if (got![i] !== golden.data[i]) {
          diff++
          if (first < 0) first = i
        }
      const where = first < 0 ? '' : ` first at (${(first >> 2) % 160}, ${Math.floor((first >> 2) / 160)})`
      expect(`frame ${n}: ${diff} differing bytes${where}`).toBe(`frame ${n}: 0 differing bytes`)
    }
  })
})
