import { describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decode } from 'fast-png'
import { runExampleApp } from '../../../helpers/mp-graphics'

// Example apps against their golden frames, pixel for pixel (regenerate with
// `npx tsx scripts/update-goldens.ts`, then inspect the PNGs by eye).
const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url))
type Manifest = Record<string, { frames: number[]; inputs?: Record<string, { held?: number }> }>

const cases = readdirSync(EXAMPLES)
  .filter((p) => existsSync(join(EXAMPLES, p, 'goldens.json')))
  .flatMap((project) =>
    Object.entries(JSON.parse(readFileSync(join(EXAMPLES, project, 'goldens.json'), 'utf8')) as Manifest).map(
      ([slug, spec]) => [project, slug, spec] as const,
    ),
  )

describe('example apps match their goldens', () => {
  it('there are example apps to check', () => expect(cases.length).toBeGreaterThanOrEqual(5))
  it.each(cases)('%s/%s', async (project, slug, spec) => {
    const inputs = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([k, v]) => [Number(k), v]))
    const { frames } = await runExampleApp(join(EXAMPLES, project), slug, spec.frames, inputs)
    for (const n of spec.frames) {
      const golden = decode(readFileSync(join(EXAMPLES, project, 'goldens', `${slug}-frame-${n}.png`)))
      expect([golden.width, golden.height, golden.channels]).toEqual([160, 120, 4])
      const got = frames.get(n)!
      let diff = 0, first = -1
      for (let i = 0; i < got.length; i++) if (got[i] !== golden.data[i]) {
        diff++
        if (first < 0) first = i
      }
      const where = first < 0 ? '' : ` first at (${(first >> 2) % 160}, ${Math.floor((first >> 2) / 160)})`
      expect(`frame ${n}: ${diff} differing bytes${where}`).toBe(`frame ${n}: 0 differing bytes`)
    }
  })
})
