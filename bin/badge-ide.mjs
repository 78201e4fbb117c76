#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx's loader, so `npx badge-ide` works right
// after `npm install` with no build step.
import { tsImport } from 'tsx/esm/api'

const { main } = await tsImport('../src/cli/main.ts', import.meta.url)
process.exitCode = await main(process.argv)
