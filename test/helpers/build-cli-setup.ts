/**
 * Vitest global setup: builds the CLI (out/cli, scripts/build-cli.mjs, about a second) so the CLI
 * tests run the same built file `badge-ide` runs, never a stale one.
 */
import { buildCli } from '../../scripts/build-cli.mjs'

/** Runs once before the project's tests. */
export default async function setup(): Promise<void> {
  await buildCli()
}
