/**
 * Where the emulator worker's code is and how to start it — the one place to change for the
 * Electron build (electron-vite's `?modulePath` import of ./worker/worker.ts).
 *
 * From the sources (CLI, tests, bench) the worker is bundled once with esbuild into the temp
 * folder, keyed by the sources' sizes and times, because starting it through tsx costs seconds
 * per boot and every boot is a new worker. Without esbuild it falls back to tsx through a small
 * .mjs bootstrap (Node 20 does not apply `--import tsx` to a worker's own entry file).
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** How to spawn the worker: its entry URL, Node flags and extra workerData fields. */
export interface WorkerSpec {
  url: URL
  execArgv: string[]
  workerData?: Record<string, unknown>
}

/** The worker run from its TypeScript source through tsx (slow start, no build step). */
export function tsxWorkerSpec(): WorkerSpec {
  return {
    url: new URL('./worker/tsx-bootstrap.mjs', import.meta.url),
    execArgv: [],
    workerData: { tsEntry: new URL('./worker/worker.ts', import.meta.url).href },
  }
}

let bundled: URL | null | undefined

function sourcesKey(dir: string): string {
  const h = createHash('sha1')
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.ts')) {
        const st = statSync(p)
        h.update(`${p}:${st.size}:${st.mtimeMs}\n`)
      }
    }
  }
  walk(dir)
  return h.digest('hex').slice(0, 16)
}

/** The worker bundled with esbuild (cached in the temp folder), or null when esbuild is missing. */
export function bundledWorkerUrl(): URL | null {
  if (bundled !== undefined) return bundled
  try {
    const here = fileURLToPath(new URL('.', import.meta.url))
    const out = join(tmpdir(), `badge-ide-emulator-worker-${sourcesKey(here)}.mjs`)
    if (!existsSync(out)) {
      const esbuild = createRequire(import.meta.url)('esbuild') as {
        buildSync(o: Record<string, unknown>): unknown
      }
      const partial = `${out}.${process.pid}.partial`
      esbuild.buildSync({
        entryPoints: [join(here, 'worker', 'worker.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: partial,
        logLevel: 'silent',
      })
      renameSync(partial, out)
    }
    bundled = pathToFileURL(out)
  } catch {
    bundled = null
  }
  return bundled
}

let override: WorkerSpec | null = null

/**
 * Makes every later {@link emulatorWorkerSpec} return `spec`: the Electron build passes the worker
 * chunk electron-vite built (`?modulePath`), so nothing is bundled at run time.
 */
export function setEmulatorWorkerSpec(spec: WorkerSpec | null): void {
  override = spec
}

/** How workers start: the override (Electron build), else the cached bundle, else tsx. */
export function emulatorWorkerSpec(): WorkerSpec {
  if (override) return override
  const url = bundledWorkerUrl()
  return url ? { url, execArgv: [] } : tsxWorkerSpec()
}
