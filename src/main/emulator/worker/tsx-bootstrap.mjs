// Starts the emulator worker from its TypeScript source through tsx (CLI and tests on Node 20,
// where `--import tsx` in a worker's execArgv does not apply to the worker's own entry).
import { workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

await tsImport(workerData.tsEntry, import.meta.url)
