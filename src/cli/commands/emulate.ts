/**
 * `badge-ide emulate <project>`: runs a project in the emulator without a window. Without --app
 * the project boots through its own main.py / menu (or the built-in launcher); with --app that
 * app starts as the launcher starts it once chosen. Headless runs are deterministic (frame n at
 * io.ticks = floor((n-1)*1000/60) ms, seeded random); --realtime uses the wall clock.
 * Exits 1 when the app fails (also when it fails in its last frame) or the watchdog stops it;
 * the traceback is printed once. The emulator's network follows the user's saved settings for
 * the project unless --network / --allow say otherwise.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { encode } from 'fast-png'
import { CodedError } from '../../shared/ipc/result'
import { runHeadless } from '../../main/emulator/headless'
import { DebugSession, projectOnDisk } from '../../main/emulator/debug-session'
import type { DebugPause } from '../../shared/ipc/domains/debug'
import { parseFrameList, parsePressScript } from '../../main/emulator/press-script'
import { commandFailed } from '../output'
import type { RegisterCommand } from './index'
import { wholeNumber } from '../number-option'

interface EmulateOptions {
  app?: string
  frames: string
  press?: string
  screenshot?: string
  screenshots?: string
  at?: string
  seed?: string
  realtime?: boolean
  state?: string
  memory?: string
  quiet?: boolean
  network?: boolean
  allow?: string
  break: string[]
  printLocals?: boolean
}

/** `--break FILE:LINE` or `--break "FILE:LINE if CONDITION"`. */
export function parseBreak(spec: string): { file: string; line: number; condition?: string } {
  const m = /^(.+?):(\d+)(?:\s+if\s+(.+))?$/.exec(spec.trim())
  if (!m) throw new Error(`--break needs FILE:LINE, optionally followed by "if CONDITION" (got "${spec}")`)
  const file = m[1].replace(/\\/g, '/').replace(/^\.\//, '')
  return { file, line: Number(m[2]), ...(m[3] ? { condition: m[3].trim() } : {}) }
}

/** One line per stop: where, and with --print-locals the function's locals (the module's globals at module level). */
export function formatStop(p: DebugPause, withLocals: boolean): string {
  const fn = p.stack[0]?.fn ?? '<module>'
  const where = `${p.file}:${p.line} in ${fn} (frame ${p.frame + 1})`
  if (!withLocals) return `break ${where}\n`
  const vars = fn === '<module>' ? p.globals : p.locals
  return `break ${where}: ${vars.map((v) => `${v.name} = ${v.value}`).join(', ') || '(no locals)'}\n`
}

function png(rgba: Uint8Array): Uint8Array {
  return encode({ width: 160, height: 120, data: rgba, channels: 4, depth: 8 })
}

const positiveInt = (name: string, v: string): number => wholeNumber(name, v, 1)

/** Registers `emulate`. */
export const registerEmulate: RegisterCommand = (program: Command) => {
  program
    .command('emulate')
    .description('Run a project in the emulator headless: frames, button presses, screenshots')
    .argument('<project>', 'project folder (apps/<slug>/__init__.py, assets/, main.py …)')
    .option('--app <slug>', 'start this app as the launcher would once it is chosen')
    .option('--frames <n>', 'frames (update() calls) to run', '60')
    .option('--press <script>', 'buttons to hold per frame, e.g. A@10,B@20-25 (HOME, A, B, C, UP, DOWN)')
    .option('--screenshot <file>', 'save the last frame as PNG')
    .option('--screenshots <dir>', 'save the frames listed by --at as DIR/frame-<n>.png')
    .option('--at <frames>', 'frame numbers for --screenshots, e.g. 1,30,120')
    .option('--seed <n>', 'seed for MicroPython\'s random (headless default 1)')
    .option('--realtime', 'use the wall clock and pace at 60 fps instead of the deterministic clock')
    .option('--state <dir>', "folder for the badge's writable / volume (default <project>/.badge-ide/badge-root)")
    .option('--memory <bytes>', 'badge heap budget in bytes (default 246912)')
    .option('--network', "let the app reach the hosts given by --allow (default: the network settings saved for this project, else off)")
    .option('--allow <hosts>', 'hosts the app may reach with --network, comma-separated (exact, or *.example.com)')
    .option('--break <file:line>', 'stop at this line (e.g. apps/hello/__init__.py:12, or "FILE:LINE if x > 3"); repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--print-locals', 'with --break: print the locals each time a breakpoint is reached')
    .option('-q, --quiet', "do not echo the app's output")
    .action(async (projectArg: string, o: EmulateOptions) => {
      const projectDir = resolve(projectArg)
      let frames: number, held: Record<number, number>, at: number[], breaks: Array<ReturnType<typeof parseBreak>>
      try {
        frames = positiveInt('--frames', o.frames)
        held = o.press ? parsePressScript(o.press) : {}
        if (o.screenshots && !o.at) throw new Error('--screenshots needs --at (e.g. --at 1,30,120)')
        at = o.at ? parseFrameList(o.at) : []
        if (o.memory) positiveInt('--memory', o.memory)
        if (o.seed !== undefined && !/^-?\d+$/.test(o.seed)) throw new Error(`--seed must be a whole number (got "${o.seed}")`)
        breaks = o.break.map(parseBreak)
        if (o.printLocals && !breaks.length) throw new Error('--print-locals needs at least one --break FILE:LINE')
      } catch (e) {
        throw new CodedError('EMULATOR_BAD_OPTION', (e as Error).message)
      }
      if (!existsSync(projectDir)) throw new CodedError('NOT_FOUND', projectDir)
      if (o.app && !existsSync(join(projectDir, 'apps', o.app, '__init__.py'))) throw new CodedError('APP_NOT_FOUND', `apps/${o.app}/__init__.py`)
      for (const b of breaks) if (!existsSync(join(projectDir, b.file))) throw new CodedError('EMULATOR_BAD_OPTION', `--break: ${b.file} is not in the project (paths are relative to it)`)
      let debug: DebugSession | undefined
      if (breaks.length) {
        const session: DebugSession = new DebugSession(
          undefined,
          (p) => {
            process.stdout.write(formatStop(p, o.printLocals === true))
            session.resume('continue')
          },
          projectOnDisk(() => projectDir),
        )
        const byFile = new Map<string, Array<{ line: number; condition?: string }>>()
        for (const { file, ...b } of breaks) byFile.set(file, [...(byFile.get(file) ?? []), b])
        for (const [file, list] of byFile) session.setBreakpoints(file, list)
        debug = session
      }
      const result = await runHeadless({
        ...(debug ? { debug } : {}),
        projectDir,
        ...(o.app ? { app: o.app } : {}),
        frames,
        held,
        capture: at,
        ...(o.seed !== undefined ? { seed: Number.parseInt(o.seed, 10) } : {}),
        ...(o.realtime ? { realtime: true } : {}),
        ...(o.state ? { stateDir: resolve(o.state) } : {}),
        ...(o.memory ? { memoryBudget: positiveInt('--memory', o.memory) } : {}),
        ...(o.network || o.allow ? { network: { enabled: o.network === true, allow: (o.allow ?? '').split(',').map((h) => h.trim()).filter(Boolean) } } : {}),
        onOutput: (stream, data) => {
          if (!o.quiet) (stream === 'stderr' ? process.stderr : process.stdout).write(data)
        },
      })
      if (o.screenshots) {
        mkdirSync(o.screenshots, { recursive: true })
        for (const n of at) {
          const f = result.captures.get(n)
          if (f) writeFileSync(join(o.screenshots, `frame-${n}.png`), png(f))
          else process.stderr.write(`warning: frame ${n} was not reached (ran ${result.frames} frames)\n`)
        }
      }
      if (o.screenshot) {
        if (result.lastFrame) {
          mkdirSync(dirname(resolve(o.screenshot)), { recursive: true })
          writeFileSync(o.screenshot, png(result.lastFrame))
        } else process.stderr.write('warning: no frame was drawn, no screenshot saved\n')
      }
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`)
      if (result.status === 'ok') {
        process.stderr.write(`ran ${result.frames} frames${result.apps.length ? ` (${result.apps.join(' → ')})` : ''}\n`)
        return
      }
      if (result.error) process.stderr.write(result.error.text.endsWith('\n') ? result.error.text : result.error.text + '\n')
      const why =
        result.status === 'watchdog'
          ? 'the app produced no frame for 5 seconds and was stopped'
          : result.status === 'memory'
            ? 'the app would run out of memory on the badge'
            : 'the app failed'
      process.stderr.write(`error: ${why} (after ${result.frames} frames)\n`)
      const code = result.status === 'watchdog' ? 'EMULATOR_WATCHDOG' : result.status === 'memory' ? 'EMULATOR_MEMORY' : 'EMULATOR_CRASHED'
      commandFailed(code, `${why} (after ${result.frames} frames)${result.error ? `: ${result.error.text.trim().split('\n').pop()}` : ''}`)
    })
}
