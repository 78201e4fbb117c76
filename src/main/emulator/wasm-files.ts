/**
 * The pinned MicroPython build in `wasm/`: paths, the recorded version and hashes, and the
 * compiled module (compiled once per process and handed to every worker, which keeps reboots fast).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Contents of wasm/VERSIONS.json. */
export interface WasmVersions {
  package: string
  version: string
  files: Record<string, string>
}

let wasmDirOverride: string | null = null

/**
 * Sets where `wasm/` is (the Electron build ships it outside the asar, e.g. under resources);
 * `BADGE_IDE_WASM_DIR` does the same from the environment.
 */
export function setWasmDir(dir: string | null): void {
  wasmDirOverride = dir
}

/** Absolute path of the `wasm/` folder (default: the repository's, next to `src/`). */
export function wasmDir(): string {
  return wasmDirOverride ?? process.env.BADGE_IDE_WASM_DIR ?? fileURLToPath(new URL('../../../wasm/', import.meta.url))
}

/** Reads wasm/VERSIONS.json. */
export function readWasmVersions(dir = wasmDir()): WasmVersions {
  return JSON.parse(readFileSync(join(dir, 'VERSIONS.json'), 'utf8')) as WasmVersions
}

/** SHA-256 (hex) of a file in the wasm folder. */
export function sha256Of(dir: string, name: string): string {
  return createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')
}

let compiled: Promise<WebAssembly.Module> | null = null

/** The compiled micropython.wasm, shared by every worker of this process. */
export function compiledMicroPython(dir = wasmDir()): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(join(dir, 'micropython.wasm')))
  return compiled
}
