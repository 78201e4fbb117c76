#!/usr/bin/env node
// @ts-check
/**
 * `npm run setup` (also npm test's `pretest`, and .ci/run): installs the Debian packages the test
 * suite needs with apt-get, through sudo when not root. Where it cannot (not Debian-like, no root and
 * no sudo) it prints one line naming the packages and the command, and exits 0 so `npm test` still
 * runs everything that does not need them (and then fails naming what is missing).
 */
import { spawnSync } from 'node:child_process'
import { installPlan, probeSystem } from './system.mjs'

const plan = installPlan(probeSystem())
if (plan.kind === 'manual') console.error(plan.message)
if (plan.kind === 'install') {
  console.error(`setup: installing ${plan.packages.join(' ')}`)
  for (const argv of plan.commands) {
    const r = spawnSync(argv[0] ?? 'apt-get', argv.slice(1), { stdio: ['inherit', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (r.status !== 0) {
      console.error(`setup: \`${argv.join(' ')}\` failed (exit ${r.status ?? r.signal})`)
      process.exit(1)
    }
  }
}
