/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or those named on the command line, by
 * substring). Each module default-exports an async function that measures its figures and prints
 * them, always as ratios against a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'

const dir = fileURLToPath(new URL('.', import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

async function main(): Promise<void> {
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f.replace(/\.bench\.ts$/, '')} ===`)
  try {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => Promise<void> }
    await mod.default()
  } catch (e) {
    failed++
    console.error(`bench ${f} failed:`, e)
  }
}
process.exitCode = failed ? 1 : 0
}

void main()
