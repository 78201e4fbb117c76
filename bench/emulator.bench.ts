/**
 * Emulator benchmark: cold start (worker spawn to first frame) and headless frames per second
 * for the example apps, printed as a real-time factor against 60 fps (wall clock and CPU time)
 * and as a ratio against an empty update() measured in the same run. Targets: cold start
 * < 300 ms; RTF >= 10.
 *
 * CPU time is this process's (main thread, emulator worker, V8's helper threads) from the first
 * frame to the end, so the CPU-based RTF is a lower bound that does not depend on what else the
 * machine is running; the wall-clock RTF does. Runs use no standby worker (it would start during
 * the measured frames).
 *
 * The sandbox section runs every example app on this code and on the code before the sandbox
 * (BENCH_SANDBOX_BASE, default the commit before it: its emulator worker bundled from git) in
 * the same run, alternating, and prints the ratio (target: no app below 0.9x), plus what one host
 * call across the guest boundary costs.
 *
 * The debugger section runs every example app as written and instrumented for the debugger with
 * no breakpoint (what every Run in the IDE does), alternating, and prints the ratio (target: no
 * app below 0.90x), plus the same with the hooks switched on (break on exception, as with any
 * breakpoint set: every line takes the hook's slow path). BENCH_DEBUG_ONLY=1 runs only that section.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { disposeStandbyWorkers } from '../src/main/emulator/boot-worker'
import { runHeadless } from '../src/main/emulator/headless'
import { DebugSession } from '../src/main/emulator/debug-session'
import { emulatorWorkerSpec, tsxWorkerSpec, type WorkerSpec } from '../src/main/emulator/worker-url'

/** The commit before the sandbox (the emulator as it was). */
const SANDBOX_BASE = process.env.BENCH_SANDBOX_BASE ?? 'dc33f98'

/**
 * A worker spec for the emulator at git `ref`: its sources and platform Python taken from git
 * into `dir`, the worker bundled with esbuild, started through a wrapper that points the boot at
 * that commit's Python files.
 */
function workerAt(ref: string, dir: string): WorkerSpec {
  mkdirSync(dir, { recursive: true })
  const tar = execFileSync('git', ['archive', ref, 'src', 'wasm'], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
  execFileSync('tar', ['-x', '-C', dir], { input: tar })
  const esbuild = createRequire(import.meta.url)('esbuild') as { buildSync(o: Record<string, unknown>): unknown }
  const out = join(dir, 'worker.mjs')
  esbuild.buildSync({ entryPoints: [join(dir, 'src', 'main', 'emulator', 'worker', 'worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'silent', nodePaths: [join(root, 'node_modules')] })
  const wrapper = join(dir, 'start.mjs')
  writeFileSync(
    wrapper,
    `import { workerData } from 'node:worker_threads'\nworkerData.pythonDir = ${JSON.stringify(join(dir, 'wasm', 'python'))}\nworkerData.mjsPath = ${JSON.stringify(join(dir, 'wasm', 'micropython.mjs'))}\nawait import(${JSON.stringify(pathToFileURL(out).href)})\n`,
  )
  return { url: pathToFileURL(wrapper), execArgv: [] }
}

const FRAMES = 3000
const root = fileURLToPath(new URL('..', import.meta.url))

interface Measure {
  coldMs: number
  fps: number
  /** Frames per CPU second (all threads of this process). */
  cpuFps: number
  memPeak: number
}

async function measure(projectDir: string, app: string, stateDir: string, frames = FRAMES, prewarm = false, workerSpec?: WorkerSpec, debug?: DebugSession): Promise<Measure> {
  let first = 0
  let memPeak = 0
  let cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const r = await runHeadless({
    projectDir,
    app,
    frames,
    stateDir,
    watchdogMs: 0,
    prewarm,
    ...(workerSpec ? { workerSpec } : {}),
    ...(debug ? { debug } : {}),
    capture: [1, frames],
    onMessage: (m) => {
      if (m.type === 'frame' && m.frame === 1) {
        first = performance.now()
        cpu0 = process.cpuUsage()
      }
      if (m.type === 'frame') memPeak = Math.max(memPeak, m.memUsed)
    },
  })
  const end = performance.now()
  const cpu = process.cpuUsage(cpu0)
  if (r.status !== 'ok') throw new Error(`${app}: ${r.status} ${r.error?.text ?? r.output.slice(-500)}`)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return { coldMs: first - t0, fps: ((r.frames - 1) * 1000) / (end - first), cpuFps: ((r.frames - 1) * 1000) / cpuMs, memPeak }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

export default async function bench(): Promise<void> {
  if (process.env.BENCH_DEBUG_ONLY) {
    const tmp = mkdtempSync(join(tmpdir(), 'badge-emu-bench-'))
    try {
      await debuggerCost([join(root, 'examples', 'graphics-tour'), join(root, 'test', 'fixtures', 'projects', 'hello')], tmp)
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
    return
  }
  if (process.env.BENCH_SANDBOX_ONLY) {
    const tmp = mkdtempSync(join(tmpdir(), 'badge-emu-bench-'))
    try {
      await sandboxCost([join(root, 'examples', 'graphics-tour'), join(root, 'test', 'fixtures', 'projects', 'hello')], tmp)
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
    return
  }
  const tmp = mkdtempSync(join(tmpdir(), 'badge-emu-bench-'))
  try {
    const baseDir = join(tmp, 'baseline')
    mkdirSync(join(baseDir, 'apps', 'empty'), { recursive: true })
    writeFileSync(join(baseDir, 'apps', 'empty', '__init__.py'), 'def update():\n    pass\n')
    const state = join(tmp, 'state')

    await measure(baseDir, 'empty', state, 5) // warm the worker bundle and the compiled wasm
    const colds: number[] = []
    const warms: number[] = []
    const baseFps: number[] = []
    const baseCpu: number[] = []
    for (let i = 0; i < 3; i++) {
      await disposeStandbyWorkers() // a true cold start: no idle worker waiting
      const m = await measure(baseDir, 'empty', state, 2, true)
      colds.push(m.coldMs)
      warms.push((await measure(baseDir, 'empty', state, 2)).coldMs) // a reboot: the standby worker is used
      const f = await measure(baseDir, 'empty', state)
      baseFps.push(f.fps)
      baseCpu.push(f.cpuFps)
    }
    const base = median(baseFps)
    const baseC = median(baseCpu)
    console.log(`cold start (spawn → first frame), empty app: median ${median(colds).toFixed(0)} ms of [${colds.map((c) => c.toFixed(0)).join(', ')}] (target < 300 ms)`)
    console.log(`reboot with the standby worker (HOME, app exit, soft reset): median ${median(warms).toFixed(0)} ms = ${(median(warms) / median(colds)).toFixed(2)}× a cold start`)
    console.log(`baseline empty update(): ${base.toFixed(0)} fps = RTF ${(base / 60).toFixed(1)}; ${baseC.toFixed(0)} frames per CPU second = CPU RTF ${(baseC / 60).toFixed(1)}`)

    // The same cold start through tsx (no bundle), as a reference for the source-run fallback.
    let tsxFirst = 0
    await disposeStandbyWorkers()
    const t0 = performance.now()
    await runHeadless({ projectDir: baseDir, app: 'empty', frames: 1, capture: [1], stateDir: state, prewarm: false, workerSpec: tsxWorkerSpec(), onMessage: (m) => { if (m.type === 'frame') tsxFirst = performance.now() } })
    console.log(`cold start through tsx (fallback without esbuild): ${(tsxFirst - t0).toFixed(0)} ms = ${((tsxFirst - t0) / median(colds)).toFixed(1)}× the bundled worker`)

    await disposeStandbyWorkers()
    const projects = [join(root, 'examples', 'graphics-tour'), join(root, 'test', 'fixtures', 'projects', 'hello')]
    console.log(`\n${FRAMES} frames per app; RTF = fps / 60; "vs empty" = frames per CPU second / the empty update()'s`)
    console.log(`${'app'.padEnd(24)} ${'start ms'.padStart(8)} ${'fps'.padStart(6)} ${'RTF'.padStart(5)} ${'CPU fps'.padStart(8)} ${'CPU RTF'.padStart(8)} ${'vs empty'.padStart(9)} ${'heap est.'.padStart(10)}`)
    for (const proj of projects) {
      const apps = existsSync(join(proj, 'apps')) ? readdirSync(join(proj, 'apps')).filter((a) => existsSync(join(proj, 'apps', a, '__init__.py'))) : []
      for (const app of apps.sort()) {
        const name = `${proj.split('/').pop()}/${app}`
        try {
          const m = await measure(proj, app, join(tmp, 'state-' + app))
          console.log(`${name.padEnd(24)} ${m.coldMs.toFixed(0).padStart(8)} ${m.fps.toFixed(0).padStart(6)} ${(m.fps / 60).toFixed(1).padStart(5)} ${m.cpuFps.toFixed(0).padStart(8)} ${(m.cpuFps / 60).toFixed(1).padStart(8)} ${(m.cpuFps / baseC).toFixed(2).padStart(9)} ${(m.memPeak / 1024).toFixed(0).padStart(7)} KB`)
        } catch (e) {
          console.log(`${name.padEnd(24)} failed: ${(e as Error).message.split('\n').slice(-2).join(' ')}`)
        }
      }
    }
    await sandboxCost(projects, tmp)
    await debuggerCost(projects, tmp)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** The sandbox section (see the module comment). */
async function sandboxCost(projects: string[], tmp: string): Promise<void> {
  let base: WorkerSpec
  try {
    base = workerAt(SANDBOX_BASE, join(tmp, 'base'))
  } catch (e) {
    console.log(`\nsandbox: the code at ${SANDBOX_BASE} could not be built (${(e as Error).message.split('\n')[0]}); set BENCH_SANDBOX_BASE`)
    return
  }
  const now = emulatorWorkerSpec()
  const calls = join(tmp, 'calls')
  mkdirSync(join(calls, 'apps', 'calls'), { recursive: true })
  writeFileSync(join(calls, 'apps', 'calls', '__init__.py'), 'import _bwhost as _h\nf = _h.battery\ndef update():\n    for i in range(2000):\n        f()\n')
  const apps: Array<[string, string]> = [[calls, 'calls']]
  for (const proj of projects) {
    if (!existsSync(join(proj, 'apps'))) continue
    for (const a of readdirSync(join(proj, 'apps')).sort()) if (existsSync(join(proj, 'apps', a, '__init__.py'))) apps.push([proj, a])
  }
  const frames = 1500
  console.log(`\nsandbox: frames per CPU second, this code vs the code at ${SANDBOX_BASE} (same run, alternating, median of 3; target >= 0.90x)`)
  console.log(`${'app'.padEnd(24)} ${'before'.padStart(8)} ${'now'.padStart(8)} ${'now/before'.padStart(11)}`)
  for (const [proj, app] of apps) {
    const name = `${proj.split('/').pop()}/${app}`
    const b: number[] = []
    const n: number[] = []
    try {
      for (let i = 0; i < 3; i++) {
        b.push((await measure(proj, app, join(tmp, 'sb-' + app), frames, false, base)).cpuFps)
        n.push((await measure(proj, app, join(tmp, 'sn-' + app), frames, false, now)).cpuFps)
      }
    } catch (e) {
      console.log(`${name.padEnd(24)} failed: ${(e as Error).message.split('\n').slice(-2).join(' ')}`)
      continue
    }
    const [mb, mn] = [median(b), median(n)]
    console.log(`${name.padEnd(24)} ${mb.toFixed(0).padStart(8)} ${mn.toFixed(0).padStart(8)} ${(mn / mb).toFixed(2).padStart(10)}x`)
    if (app === 'calls') console.log(`  one host call across the boundary: ${(((1 / mn - 1 / mb) * 1e9) / 2000).toFixed(0)} ns more than before (2000 calls per frame)`)
  }
}

/** The debugger section (see the module comment). */
async function debuggerCost(projects: string[], tmp: string): Promise<void> {
  const apps: Array<[string, string]> = []
  for (const proj of projects) {
    if (!existsSync(join(proj, 'apps'))) continue
    for (const a of readdirSync(join(proj, 'apps')).sort()) if (existsSync(join(proj, 'apps', a, '__init__.py'))) apps.push([proj, a])
  }
  const frames = 2000
  const rounds = 5
  console.log(`\ndebugger: frames per CPU second, instrumented (no breakpoint) vs as written (same run, alternating, each way warmed up once, median of ${rounds}; target >= 0.90x)`)
  console.log(`${'app'.padEnd(24)} ${'plain'.padStart(8)} ${'instr.'.padStart(8)} ${'ratio'.padStart(7)} ${'hooks on'.padStart(9)} ${'ratio'.padStart(7)}`)
  // Break on exception (never raised here) switches the hooks on as any breakpoint does: every
  // hooked line takes the slow path.
  const hooksOn = (): DebugSession => {
    const d = new DebugSession()
    d.setOptions({ breakOnException: true })
    return d
  }
  for (const [proj, app] of apps) {
    const name = `${proj.split('/').pop()}/${app}`
    const plain: number[] = []
    const inst: number[] = []
    const bp: number[] = []
    try {
      // Warm-up (the wasm code tiers up while the first runs go, on threads this process pays for).
      for (const d of [undefined, new DebugSession(), hooksOn()]) await measure(proj, app, join(tmp, 'dw-' + app), 200, false, undefined, d)
      for (let i = 0; i < rounds; i++) {
        plain.push((await measure(proj, app, join(tmp, 'dp-' + app), frames)).cpuFps)
        inst.push((await measure(proj, app, join(tmp, 'di-' + app), frames, false, undefined, new DebugSession())).cpuFps)
        bp.push((await measure(proj, app, join(tmp, 'db-' + app), frames, false, undefined, hooksOn())).cpuFps)
      }
    } catch (e) {
      console.log(`${name.padEnd(24)} failed: ${(e as Error).message.split('\n').slice(-2).join(' ')}`)
      continue
    }
    const [p, n, b] = [median(plain), median(inst), median(bp)]
    console.log(`${name.padEnd(24)} ${p.toFixed(0).padStart(8)} ${n.toFixed(0).padStart(8)} ${(n / p).toFixed(2).padStart(6)}x ${b.toFixed(0).padStart(9)} ${(b / p).toFixed(2).padStart(6)}x`)
  }
}
