/** Temporary badge projects for emulator tests: apps from source strings, no shared files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A temporary project; `files` maps project-relative paths to contents. */
export function makeProject(files: Record<string, string | Uint8Array>): { dir: string; state: string; cleanup(): void } {
  const base = mkdtempSync(join(tmpdir(), 'badge-emu-'))
  const dir = join(base, 'project')
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, ...rel.split('/'))
    mkdirSync(dirname(p), { recursive: true })
    writeFileSync(p, content)
  }
  mkdirSync(dir, { recursive: true })
  return { dir, state: join(base, 'state'), cleanup: () => rmSync(base, { recursive: true, force: true }) }
}

/** RGBA of pixel (x, y) in a 160×120 frame. */
export function pixel(rgba: Uint8Array, x: number, y: number): number[] {
  const i = (y * 160 + x) * 4
  return [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
}
