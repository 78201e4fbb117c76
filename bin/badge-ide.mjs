#!/usr/bin/env node
// Runs the built CLI (out/cli/main.mjs, made by `npm run build:cli`, which `npm install` and
// `npm run build` run too). Nothing is transpiled at run time.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = new URL('../out/cli/main.mjs', import.meta.url)
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('badge-ide: the CLI is not built yet: run `npm run build:cli` in the badge-ide folder\n')
  process.exit(1)
}
const { run } = await import(built.href)
process.exitCode = await run(process.argv, fileURLToPath(new URL('.', built)))
