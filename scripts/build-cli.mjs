#!/usr/bin/env node
// @ts-check
/**
 * Builds the CLI into out/cli (part of `npm run build`, and of `npm install` through `prepare`):
 * main.mjs (src/cli/entry.ts and what it imports, bundled; the runtime dependencies stay in node_modules) and
 * emulator-worker.mjs (the emulator's worker thread). `bin/badge-ide.mjs` runs main.mjs.
 */
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
// Like electron-vite for main: the runtime dependencies stay in node_modules (serialport's native
// binding must), everything else (commander, zod) is bundled, so devDependencies are not needed.
const external = Object.keys(pkg.dependencies ?? {}).flatMap((n) => [n, `${n}/*`])
// CommonJS names some bundled modules use (templates are found beside __dirname).
const banner = [
  "import { createRequire as __badgeRequire } from 'node:module';",
  "import { fileURLToPath as __badgeFileUrl } from 'node:url';",
  "import { dirname as __badgeDirname } from 'node:path';",
  'const require = __badgeRequire(import.meta.url);',
  'const __filename = __badgeFileUrl(import.meta.url);',
  'const __dirname = __badgeDirname(__filename);',
].join('\n')

/** Builds both files; resolves when they are written. */
export async function buildCli() {
  const common = /** @type {const} */ ({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: banner },
    logLevel: 'warning',
  })
  await Promise.all([
    build({ ...common, entryPoints: [path.join(root, 'src/cli/entry.ts')], outfile: path.join(root, 'out/cli/main.mjs') }),
    build({ ...common, entryPoints: [path.join(root, 'src/main/emulator/worker/worker.ts')], outfile: path.join(root, 'out/cli/emulator-worker.mjs') }),
  ])
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
