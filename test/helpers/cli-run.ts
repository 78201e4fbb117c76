/** Runs the CLI's `main()` in-process with stdout and stderr captured (process.exitCode restored). */
import { vi } from 'vitest'
import { main } from '../../src/cli/main'

/** `badge-ide <args>`: its exit code and what it printed. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true))
  try {
    const code = await main(['node', 'badge-ide', ...args])
    return { code, out, err }
  } finally {
    vi.restoreAllMocks()
    process.exitCode = undefined
  }
}
