/**
 * CLI start-up: `badge-ide --help` and `badge-ide exec --port virtual "print(1)"` (the built CLI,
 * out/cli) against bare `node -e 0`, measured in the same run. Goal: --help within 4x of bare Node.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildCli } from '../scripts/build-cli.mjs'

const bin = path.resolve(__dirname, '../bin/badge-ide.mjs')

/** Median wall time in ms of `runs` runs of node with `args` (which must exit 0). */
function median(args: string[], runs: number): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' })
    times.push(performance.now() - t0)
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export default async function bench(): Promise<void> {
  await buildCli()
  const vdir = mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'))
  try {
    // One warm-up of each so the file cache is the same for all three.
    median(['-e', '0'], 1)
    median([bin, '--help'], 1)
    median([bin, '--virtual-dir', vdir, 'exec', '--port', 'virtual', 'print(1)'], 1)
    const node = median(['-e', '0'], 11)
    const help = median([bin, '--help'], 11)
    const exec = median([bin, '--virtual-dir', vdir, 'exec', '--port', 'virtual', 'print(1)'], 5)
    console.log(`node -e 0 (baseline)                      ${node.toFixed(0)} ms`)
    console.log(`badge-ide --help                          ${help.toFixed(0)} ms = ${(help / node).toFixed(2)}x node (goal within 4x)`)
    console.log(`badge-ide exec --port virtual "print(1)"  ${exec.toFixed(0)} ms = ${(exec / node).toFixed(2)}x node (boots the virtual badge's MicroPython)`)
  } finally {
    rmSync(vdir, { recursive: true, force: true })
  }
}
