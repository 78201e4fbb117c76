/**
 * `npx tsx scripts/update-goldens.ts [slug…]`: regenerates the example projects' generated assets
 * (sprite sheets, PNGs and the project's own fonts, all drawn by code here) and their golden
 * frames (`examples/<project>/goldens/<slug>-frame-<n>.png`) from `examples/<project>/goldens.json`.
 * Tests only compare against these files; inspect every changed golden by eye before committing.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encode } from 'fast-png'
import { encodePpf } from '../src/main/emulator/graphics/fonts/ppf'
import { encodeAf, type AfGlyph } from '../src/main/emulator/graphics/fonts/af'
import { defaultFontGlyphs } from '../src/main/emulator/graphics/fonts/default-font'
import { runExampleApp } from '../test/helpers/mp-graphics'
import { pngWithChunk } from '../test/helpers/png-chunks'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const EXAMPLES = join(ROOT, 'examples')

/** Golden manifest of one project: per app, the frames to capture and held buttons per frame. */
export interface GoldenManifest {
  [slug: string]: { frames: number[]; inputs?: Record<string, { held?: number }> }
}

function write(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
}

const rgba = (w: number, h: number, f: (x: number, y: number) => [number, number, number, number]): Uint8Array => {
  const d = new Uint8Array(w * h * 4)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d.set(f(x, y), (y * w + x) * 4)
  return encode({ width: w, height: h, data: d, depth: 8, channels: 4 })
}

/** Writes the generated assets of the `graphics-tour` project. */
function makeAssets(project: string): void {
  const apps = join(EXAMPLES, project, 'apps')
  // A 16×16 badge: a ring with a translucent centre and transparent corners.
  write(join(apps, 'blits/assets/badge.png'), rgba(16, 16, (x, y) => {
    const d = Math.hypot(x - 7.5, y - 7.5)
    if (d > 8) return [0, 0, 0, 0]
    if (d > 5) return [40 + x * 12, 200 - y * 8, 90, 255]
    return [255, 220, 60, 140]
  }))
  // An 8×8 indexed image with a 4-colour palette, one entry translucent through tRNS.
  const idx = Uint8Array.from({ length: 64 }, (_, i) => ((i >> 3) + (i & 7)) % 4)
  const pal = encode({ width: 8, height: 8, depth: 8, channels: 1, data: idx, palette: [[230, 60, 60], [60, 200, 90], [60, 90, 230], [250, 250, 250]] } as Parameters<typeof encode>[0])
  write(join(apps, 'blits/assets/checker.png'), pngWithChunk(pal, 'tRNS', Uint8Array.of(255, 255, 255, 96)))
  // Sprite sheet: 4 columns × 2 rows of 16×16 cells; a little walker whose legs move per column.
  write(join(apps, 'sprites/assets/walker.png'), rgba(64, 32, (x, y) => {
    const col = x >> 4, row = y >> 4, cx = x & 15, cy = y & 15
    const body = cx >= 5 && cx <= 10 && cy >= 3 && cy <= 10
    const eye = cy === 5 && cx === 9
    const legPhase = (col + row) % 4
    const leg = cy >= 11 && cy <= 14 && (cx === 6 + (legPhase % 2) || cx === 9 - (legPhase >> 1))
    if (eye) return [20, 20, 20, 255]
    if (body) return row ? [90, 170, 250, 255] : [250, 120, 80, 255]
    if (leg) return [240, 240, 240, 255]
    if (cx === 0 || cy === 0) return [255, 255, 255, 40] // faint grid, translucent
    return [0, 0, 0, 0]
  }))
  // The project's own fonts: a 2× blocky bitmap font and a "pixel" vector font, both built
  // from the emulator's built-in glyph designs.
  const glyphs = defaultFontGlyphs()
  const twice = glyphs.map((g) => ({
    codepoint: g.codepoint,
    width: g.width === 0 ? 0 : undefined,
    rows: g.rows.flatMap((r) => {
      const wide = [...r].map((c) => c + c).join('')
      return [wide, wide]
    }),
  }))
  write(join(apps, 'text/assets/blocky.ppf'), encodePpf('Blocky 12', 12, 18, twice))
  const unit = 14 // font units per bitmap pixel (128 per em, 9-row cell)
  const vector: AfGlyph[] = glyphs.map((g) => {
    const paths: Float32Array[] = []
    g.rows.forEach((r, y) => [...r].forEach((c, x) => {
      if (c !== '#') return
      const x0 = x * unit, y0 = (y - 7) * unit
      paths.push(Float32Array.of(x0, y0, x0 + unit, y0, x0 + unit, y0 + unit, x0, y0 + unit))
    }))
    const w = Math.max(0, ...g.rows.map((r) => r.length))
    return { codepoint: g.codepoint, bx: 0, by: -2 * unit, bw: w * unit, bh: 9 * unit, advance: g.codepoint === 32 ? 3 * unit : (w + 1) * unit, paths }
  })
  write(join(apps, 'text/assets/pixels.af'), encodeAf(vector))
}

/** Encodes a 160×120 RGBA frame as PNG. */
export function framePng(rgbaFrame: Uint8Array): Uint8Array {
  return encode({ width: 160, height: 120, data: rgbaFrame, depth: 8, channels: 4 })
}

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  for (const project of readdirSync(EXAMPLES)) {
    const manifestPath = join(EXAMPLES, project, 'goldens.json')
    if (!existsSync(manifestPath)) continue
    if (project === 'graphics-tour') makeAssets(project)
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as GoldenManifest
    for (const [slug, spec] of Object.entries(manifest)) {
      if (only.length && !only.includes(slug)) continue
      const inputs = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([k, v]) => [Number(k), v]))
      const { frames, log } = await runExampleApp(join(EXAMPLES, project), slug, spec.frames, inputs)
      for (const [n, fb] of frames) write(join(EXAMPLES, project, 'goldens', `${slug}-frame-${n}.png`), framePng(fb))
      console.log(`${project}/${slug}: frames ${spec.frames.join(', ')}${log.trim() ? `\n${log.trim()}` : ''}`)
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e)
    process.exitCode = 1
  })
}
