/**
 * Runs Python files in the emulator's MicroPython build twice, as written and instrumented with
 * the debugger's line hooks stepping every line (`_bdbg` from wasm/python, its host module
 * replaced by a recorder), so tests can compare output and tracebacks and read the lines and
 * locals the debugger saw.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { instrumentSource } from '../../../../src/main/emulator/instrument'

const ROOT = join(__dirname, '../../../..')

interface Mp {
  FS: { mkdir(p: string): void; writeFile(p: string, d: string): void }
  runPython(code: string): unknown
  registerJsModule(name: string, m: object): void
}

/** One stop the debugger made. */
export interface Stop {
  file: string
  line: number
  fn: string
  depth: number
  locals: Record<string, string>
}

/** What one run printed (stdout, plus the printed exception when it raised). */
export interface RunResult {
  out: string
  stops: Stop[]
}

async function load(onOut: (s: string) => void): Promise<Mp> {
  const url = pathToFileURL(join(ROOT, 'wasm/micropython.mjs')).href
  const { loadMicroPython } = (await import(/* @vite-ignore */ url)) as { loadMicroPython(o: object): Promise<Mp> }
  return loadMicroPython({ heapsize: 4 * 1024 * 1024, stdout: (l: string) => onOut(l + '\n'), stderr: (l: string) => onOut(l + '\n') })
}

const RUN = (entry: string): string => `
import sys
try:
    import ${entry}
except Exception as e:
    sys.print_exception(e)
`

/**
 * Runs `files` (name → source; `entry` is imported). With `instrument`, every file is
 * instrumented and the debugger steps into every line, answering each stop with `answer`
 * (default "into").
 */
export async function runFiles(
  files: Record<string, string>,
  entry: string,
  opts: { instrument: boolean; answer?: (stop: Stop, n: number) => string; config?: object },
): Promise<RunResult> {
  let out = ''
  const stops: Stop[] = []
  const mp = await load((s) => (out += s))
  mp.FS.mkdir('/t')
  const names = Object.keys(files)
  for (const [i, name] of names.entries()) {
    let code = files[name]
    if (opts.instrument) {
      const r = instrumentSource(code, i)
      if (!r) throw new Error(`not instrumented: ${name}`)
      code = r.code
    }
    mp.FS.writeFile(`/t/${name}`, code)
  }
  if (opts.instrument) mp.FS.writeFile('/t/_bdbg.py', readFileSync(join(ROOT, 'wasm/python/_bdbg.py'), 'utf8'))
  mp.registerJsModule('_bdhost', {
    wait: (kind: string, text: string): string => {
      if (kind !== 'paused') return 'continue'
      const p = JSON.parse(text) as { file: string; line: number; stack: Array<{ fn: string }>; locals: Array<{ name: string; value: string }> }
      const stop: Stop = { file: p.file, line: p.line, fn: p.stack[0]?.fn ?? '?', depth: p.stack.length, locals: Object.fromEntries(p.locals.map((v) => [v.name, v.value])) }
      stops.push(stop)
      if (stops.length > 5000) return 'detach'
      return opts.answer ? opts.answer(stop, stops.length) : 'into'
    },
  })
  mp.runPython(`import sys\nsys.path[:] = ['/t']`)
  if (opts.instrument) {
    mp.runPython(`import _bdbg\n_bdbg.apply(${JSON.stringify(JSON.stringify({ files: names, pause: 1, ...opts.config }))})`)
  }
  mp.runPython(RUN(entry.replace(/\.py$/, '')))
  return { out, stops }
}
