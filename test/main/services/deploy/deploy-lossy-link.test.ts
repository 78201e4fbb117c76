/**
 * Deploy over a link that loses a byte, against the real MicroPython of the WebAssembly build behind
 * the serial stack: damaged data is refused on the device before it is written and the exec is sent
 * again, so the deploy completes with every file correct and progress counted once per file.
 */
import type { RawRepl } from '../../../../src/main/services/device/raw-repl'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DeviceManager } from '../../../../src/main/services/device/device-manager'
import { createDeployService } from '../../../../src/main/services/deploy/deploy-service'
import { noDisk } from '../../../../src/main/services/deploy/disk-detect'
import type { DeployProgress } from '../../../../src/shared/deploy/types'
import { tempProject } from '../../../helpers/temp-project'
import { connectWasmFarEnd, type WasmFarEnd } from '../device/wasm-far-end'

let far: WasmFarEnd
let m: DeviceManager
const project = tempProject()

function put(rel: string, data: string | Uint8Array): void {
  const abs = path.join(project.dir, ...rel.split('/'))
  mkdirSync(path.dirname(abs), { recursive: true })
  writeFileSync(abs, data)
}

beforeAll(async () => {
  ;({ far, m } = await connectWasmFarEnd())
})
afterAll(async () => {
  await m?.disconnect()
  project.cleanup()
})

describe('deploy over a lossy link', () => {
  it('a byte lost inside a batch is refused on the device, the batch resent, every file correct', async () => {
    put('apps/lossy/__init__.py', 'print("first")\n')
    put('apps/lossy/second.py', 'DATA = "' + 'second file '.repeat(20) + '"\n')
    put('apps/lossy/third.py', 'X = 3\n')
    // In the batch's last-but-one file, so the file before it is already written when it fails.
    far.loseOnce("b'X = 3", 2)
    const events: DeployProgress[] = []
    const exec = vi.spyOn((m.session as unknown as { repl: RawRepl }).repl, 'exec')
    let batches: string[]
    try {
      const svc = createDeployService({
        session: () => m.session,
        projectRoot: () => project.dir,
        detectDisk: noDisk,
        emit: (ch, p) => ch === 'deploy:progress' && events.push(p as DeployProgress),
      })
      const r = await svc.deploy({ app: 'lossy' })
      batches = exec.mock.calls.map((c) => String(c[0])).filter((c) => c.includes("_Bw('"))
      expect(r.error).toBeUndefined()
      expect(r.status).toBe('done')
      expect([...r.sent].sort()).toEqual(['apps/lossy/__init__.py', 'apps/lossy/second.py', 'apps/lossy/third.py'])
    } finally {
      far.tamper = undefined
      exec.mockRestore()
    }
    expect(far.lost).toBe(1)
    // One batch carried all three files; the damaged copy was refused and the same code sent again.
    expect(batches).toHaveLength(2)
    expect(batches[1]).toBe(batches[0])
    // The file confirmed before the damage is confirmed again by the resent batch, and counted once.
    const sending = events.filter((e) => e.phase === 'sending')
    expect(Math.max(...sending.map((e) => e.filesDone))).toBe(3)
    expect(Math.max(...sending.map((e) => e.bytesDone))).toBe(sending[0]!.bytesTotal)
    for (const rel of ['__init__.py', 'second.py', 'third.py']) {
      const want = readFileSync(path.join(project.dir, 'apps', 'lossy', rel))
      expect(Buffer.from(await m.session.readFile(`/system/apps/lossy/${rel}`))).toEqual(want)
    }
  })
})
