#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: lint, typecheck, build, then the vitest projects this machine can run (QEMU first, on a
 * quiet machine). Projects whose tools are missing are not skipped silently: the run ends with one
 * line naming them, and a non-zero exit.
 */
import { spawnSync } from 'node:child_process'
import { probeTestTools, testPlan } from './system.mjs'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
/** Runs one step with inherited output; exits with its code when it fails. */
function step(/** @type {string} */ cmd, /** @type {string[]} */ args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const plan = testPlan(probeTestTools())
step(npm, ['run', 'lint'])
step(npm, ['run', 'build'])
for (const project of plan.projects) step(npx, ['vitest', 'run', '--project', project])
if (plan.missing) {
  console.error(plan.missing)
  process.exit(1)
}
