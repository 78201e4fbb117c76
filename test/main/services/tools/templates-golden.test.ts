/**
 * Every app template runs in the headless emulator without error and draws the expected
 * frames (golden PNGs in test/fixtures/goldens/templates). Regenerate after an intended change with
 * `UPDATE_GOLDENS=1 npx vitest run test/main/services/tools/templates-golden.test.ts` and look at
 * every changed PNG before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { decode, encode } from 'fast-png'
import { afterEach, describe, expect, it } from 'vitest'
import { decodePngFile } from '../../../../src/main/emulator/graphics/png'
import { ProjectFs } from '../../../../src/main/services/project/project-fs'
import { createApp } from '../../../../src/main/services/tools/scaffold'
import { TEMPLATES } from '../../../../src/main/services/tools/templates'
import { runHeadless } from '../../../../src/main/emulator/headless'
import { tempProject } from '../../../helpers/temp-project'
import { makePpf } from './make-font'

const GOLDENS = path.resolve(__dirname, '../../../fixtures/goldens/templates')
const UPDATE = process.env['UPDATE_GOLDENS'] === '1'
const A = 16, UP = 2, DOWN = 1

/** Frames to capture and buttons held per frame (bit masks of io.BUTTON_*), per template. */
const PLAN: Record<string, { frames: number[]; held?: Record<number, number> }> = {
  // A is held over a range so the bar shows in frame 7 whether the schedule counts the boot's
  // button poll or not (see the note on `held` in the report).
  hello: { frames: [1, 7, 12], held: { 5: A, 6: A, 7: A, 8: A, 9: A } },
  animation: { frames: [1, 45, 90] },
  game: {
    frames: [1, 40, 120],
    held: Object.fromEntries([[2, A], ...Array.from({ length: 20 }, (_, i) => [10 + i, UP]), [50, DOWN]]),
  },
  network: { frames: [1, 30] },
}

/** Runs one app in the headless emulator (deterministic timing, no user asset cache, network off). */
async function emulate(projectDir: string, app: string, frames: number[], held: Record<number, number> = {}) {
  const r = await runHeadless({ projectDir, app, frames: Math.max(...frames), capture: frames, held, systemOverlays: [] })
  return { ...r, log: r.output + (r.error ? JSON.stringify(r.error) : '') }
}

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function compare(name: string, frame: Uint8Array): void {
  const file = path.join(GOLDENS, `${name}.png`)
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing golden ${file}: run with UPDATE_GOLDENS=1 and inspect it`)
    mkdirSync(GOLDENS, { recursive: true })
    // The display ignores alpha: store the frame opaque so the PNG looks like the screen.
    const rgb = frame.slice()
    for (let i = 3; i < rgb.length; i += 4) rgb[i] = 255
    writeFileSync(file, encode({ width: 160, height: 120, data: rgb, channels: 4, depth: 8 }))
    return
  }
  const golden = decode(readFileSync(file)).data
  let diff = 0
  for (let i = 0; i < frame.length; i += 4) {
    if (frame[i] !== golden[i] || frame[i + 1] !== golden[i + 1] || frame[i + 2] !== golden[i + 2]) diff++
  }
  expect(diff, `${name}: ${diff} pixels differ from the golden`).toBe(0)
}

describe('app templates: golden frames', () => {
  it('covers every template', () => {
    expect(Object.keys(PLAN).sort()).toEqual(TEMPLATES.map((t) => t.name).sort())
  })

  it.each(TEMPLATES.map((t) => t.name))('%s runs without error and matches its goldens', async (template) => {
    const p = tempProject()
    cleanups.push(p.cleanup)
    // The project's own test font at the path of the badge's default font (never the real one).
    mkdirSync(path.join(p.dir, 'assets/fonts'), { recursive: true })
    writeFileSync(path.join(p.dir, 'assets/fonts/sins.ppf'), makePpf('sins', 6, 8))
    // Wi-Fi details for the network template (the emulator's network is off, so it keeps waiting).
    writeFileSync(path.join(p.dir, 'secrets.py'), 'WIFI_SSID = "test-net"\nWIFI_PASSWORD = "not-a-real-password"\n')
    await createApp(await ProjectFs.open(p.dir), { slug: `t_${template}`, template, title: 'Hi Badge' })
    const plan = PLAN[template]!
    const r = await emulate(p.dir, `t_${template}`, plan.frames, plan.held)
    expect(r.log).not.toMatch(/Traceback|Error/)
    expect(r.status).toBe('ok')
    const frames = r.captures
    for (const n of plan.frames) compare(`${template}-frame-${n}`, frames.get(n)!)
    // Consecutive captured frames of the animated templates differ (they really animate).
    if (template !== 'hello') {
      const [a, b] = plan.frames.slice(-2).map((n) => frames.get(n)!)
      expect(Buffer.compare(Buffer.from(a!), Buffer.from(b!))).not.toBe(0)
    }
  })
})

describe('launchers show a new app in the emulator', () => {
  it.each(['launcher-list', 'launcher-scan'])('%s: the new app\'s icon is drawn in the second tile', async (fixture) => {
    const p = tempProject(fixture)
    cleanups.push(p.cleanup)
    const fs = await ProjectFs.open(p.dir)
    const before = (await emulate(p.dir, 'menu', [1])).captures.get(1)!
    await createApp(fs, { slug: 'zebra', template: 'hello' })
    const run = await emulate(p.dir, 'menu', [1])
    expect(run.status).toBe('ok')
    const after = run.captures.get(1)!
    // Tile i sits at x = 8 + 38·i, y = 8; the icon is blitted 4 px inside it.
    const icon = decodePngFile(readFileSync(path.join(p.dir, 'apps/zebra/icon.png')))
    const rgbaAt = (f: Uint8Array, x: number, y: number) => Array.from(f.subarray((y * 160 + x) * 4, (y * 160 + x) * 4 + 3))
    const iconAt = (x: number, y: number) => {
      const ix = icon.palette ? icon.data[y * 24 + x]! * 4 : (y * 24 + x) * 4
      return Array.from((icon.palette ?? icon.data).subarray(ix, ix + 3))
    }
    for (const [x, y] of [[12, 12], [5, 8], [20, 3]] as const) {
      expect(rgbaAt(after, 8 + 38 + 4 + x, 8 + 4 + y)).toEqual(iconAt(x, y))
    }
    expect(Buffer.compare(Buffer.from(before), Buffer.from(after))).not.toBe(0)
  })
})
