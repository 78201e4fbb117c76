/**
 * A badge-shaped stand-in device for deploy, run and stats tests: MicroPython 1.27 (the official
 * WebAssembly build, with hashlib, rename, mkdir and folders) behind the few session methods those
 * services use. Execs run to completion, like the emulator's REPL; the filesystem has `/system`.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseCapabilities, PROBE_CODE } from '../../../../src/main/services/device/capabilities'
import type { DeviceSession } from '../../../../src/main/services/device/device-session'
import type { ExecOptions, ExecResult, RawRepl } from '../../../../src/main/services/device/raw-repl'
import { DeviceWriter, type WriteItem, type WriteProgress } from '../../../../src/main/services/device/device-writer'
import { choosePolicy } from '../../../../src/main/services/device/link-policy'
import { parseDeviceException } from '../../../../src/shared/protocol/raw-repl-codec'
import { pyStr } from '../../../../src/shared/protocol/python-literal'

interface Mp {
  runPython(code: string): unknown
}

/** A session-like object over an in-process MicroPython, plus a count of execs. */
export interface WasmDevice {
  session: DeviceSession
  execs: string[]
  /** Runs Python directly (test setup), returning stdout; throws on an exception. */
  py(code: string): Promise<string>
}

/** Boots MicroPython with `/system/apps` and returns the stand-in device. */
export async function wasmDevice(): Promise<WasmDevice> {
  // The pinned npm build, imported by file URL (the package ships no type declarations).
  const pkg = createRequire(import.meta.url).resolve('@micropython/micropython-webassembly-pyscript/package.json')
  const { loadMicroPython } = (await import(pathToFileURL(join(dirname(pkg), 'micropython.mjs')).href)) as {
    loadMicroPython: (o: object) => Promise<unknown>
  }
  let out = ''
  let err = ''
  const mp = (await loadMicroPython({
    stdout: (s: string) => (out += s + '\n'),
    stderr: (s: string) => (err += s + '\n'),
  })) as Mp
  const execs: string[] = []
  const run = (code: string, opts: ExecOptions = {}): ExecResult => {
    out = ''
    err = ''
    try {
      mp.runPython(code)
    } catch (e) {
      err += (e as Error).message
    }
    // The build splits output on newlines; a raw REPL sends CRLF.
    const stdout = out.replace(/\n/g, '\r\n')
    if (stdout) opts.onStdout?.(stdout)
    if (err) opts.onStderr?.(err)
    const r: ExecResult = { stdout, stderr: err, stdoutBytes: Buffer.from(stdout) }
    const ex = err ? parseDeviceException(err) : undefined
    if (ex) r.exception = ex
    return r
  }
  run("import os\nfor d in ('/system','/system/apps'):\n try:\n  os.mkdir(d)\n except OSError:\n  pass\n")
  const caps = parseCapabilities(run(PROBE_CODE).stdout, false, 0)
  const policy = choosePolicy(caps)
  const own = async (code: string, opts: ExecOptions = {}) => {
    execs.push(code)
    return run(code, opts)
  }
  // The real device writer, over this in-process REPL.
  const writer = new DeviceWriter({ execOwn: own, policy, transport: { closed: false } } as unknown as RawRepl, caps, (p) => p)
  const session = {
    capabilities: caps,
    policy,
    writeFiles: (files: readonly WriteItem[], progress?: WriteProgress) => writer.write(files, progress),
    transport: { path: 'wasm', closed: false },
    busy: false,
    replActive: false,
    async exec(code: string, opts: ExecOptions = {}) {
      execs.push(code)
      return run(code, opts)
    },
    execOwn: own,
    async softReset() {},
    async interrupt() {},
    async writeFile(path: string, data: Uint8Array) {
      await writer.write([{ path, data }])
      return { bytes: data.length, method: writer.methodFor([{ path, data }]), verifiedBy: writer.verifiedBy }
    },
    async remove(path: string) {
      execs.push('remove')
      const r = run(`import os\nos.remove(${pyStr(path)})\n`)
      if (r.stderr) throw new Error(r.stderr)
    },
  } as unknown as DeviceSession
  return {
    session,
    execs,
    async py(code: string) {
      const r = run(code)
      if (r.stderr) throw new Error(r.stderr)
      return r.stdout.replace(/\r\n/g, '\n')
    },
  }
}
