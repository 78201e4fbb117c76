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

/** Absolute path of the repository's `wasm/` folder. */
export function wasmDir(): string {
  return fileURLToPath(new URL('../../../wasm/', import.meta.url))
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
