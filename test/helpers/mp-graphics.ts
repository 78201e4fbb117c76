/**
 * Test harness for the badge graphics: the official MicroPython WebAssembly build in-process,
 * `wasm/python/*.py` in its VFS under /lib, `_pvnative` registered, plus minimal stand-ins for
 * the runtime's `_bw_io` and `badgeware` (owned by the runtime; here only so graphics tests and
 * example goldens can run on their own, deterministically).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createGraphicsNative, type GraphicsNative } from '../../src/main/emulator/graphics/native'
import { BUTTON_BITS } from '../../src/shared/badge-buttons'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Folder of the Python sources placed under /lib. */
export const PYTHON_DIR = join(ROOT, 'wasm', 'python')

// Stand-in io: ticks and buttons are set by the harness before each frame.
const IO_STUB = `
class _IO:
${Object.entries(BUTTON_BITS).map(([n, b]) => `    BUTTON_${n} = ${b}`).join('\n')}
    def __init__(self):
        self.ticks = 0
        self.ticks_delta = 0
        self.held = ()
        self.pressed = ()
        self.released = ()
        self.changed = ()
        self._next_ticks = 0
        self._next_held = 0
    def poll(self):
        order = (32, 16, 8, 4, 2, 1)
        prev = 0
        for b in self.held:
            prev |= b
        now = self._next_held
        self.ticks_delta = self._next_ticks - self.ticks
        self.ticks = self._next_ticks
        self.held = tuple(b for b in order if now & b)
        self.pressed = tuple(b for b in order if now & b and not prev & b)
        self.released = tuple(b for b in order if prev & b and not now & b)
        self.changed = tuple(b for b in order if (now ^ prev) & b)
io = _IO()
`

// Stand-in badgeware: the graphics names plus simple helpers (the runtime provides the real one).
const BADGEWARE_STUB = `
import os, json, gc
from picovector import *
from picovector import Image, PixelFont, Matrix, brushes, shapes, screen, io
from _pv_sprites import SpriteSheet, AnimatedSprite
WIDTH = 160
HEIGHT = 120
class _Display:
    def update(self):
        pass
display = _Display()
def file_exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False
def is_dir(path):
    try:
        return os.stat(path)[0] & 0x4000
    except OSError:
        return False
def clamp(value, lo, hi):
    return max(lo, min(value, hi))
def get_battery_level():
    return 75
def is_charging():
    return False
class State:
    @staticmethod
    def save(name, data):
        try:
            os.mkdir("/state")
        except OSError:
            pass
        with open("/state/%s.json" % name, "w") as f:
            f.write(json.dumps(data))
    @staticmethod
    def load(name, defaults):
        try:
            with open("/state/%s.json" % name) as f:
                d = json.loads(f.read())
            if isinstance(d, dict):
                defaults.update(d)
                return True
        except (OSError, ValueError):
            pass
        State.save(name, defaults)
        return False
    @staticmethod
    def delete(name):
        try:
            os.remove("/state/%s.json" % name)
        except OSError:
            pass
    @staticmethod
    def modify(name, data):
        d = {}
        State.load(name, d)
        d.update(data)
        State.save(name, d)
def run(update, init=None, on_exit=None):
    pass
`

/** The parts of the MicroPython wasm API this harness uses. */
interface MicroPythonInstance {
  FS: {
    mkdir(p: string): void
    writeFile(p: string, d: Uint8Array | string): void
    readFile(p: string): Uint8Array
    stat(p: string): { mode: number }
    isDir(mode: number): boolean
  }
  registerJsModule(name: string, module: object): void
  runPython(code: string): unknown
}

/** Result of running Python code. */
export interface RunResult {
  stdout: string
  stderr: string
  /** The uncaught Python exception's text, or null. */
  error: string | null
}

/** A MicroPython instance with the graphics module loaded. */
export interface MpGraphics {
  /** Runs Python source at module level of `__main__`. */
  run(code: string): RunResult
  /** A copy of the 160×120 RGBA framebuffer. */
  frame(): Uint8Array
  /** Writes a file into the VFS (creating parent folders). */
  writeFile(path: string, data: Uint8Array | string): void
  /** Copies a host folder into the VFS at `vfsPath`. */
  copyDir(hostPath: string, vfsPath: string): void
  /** The registered native module. */
  native: GraphicsNative
  /** Portability warnings reported so far. */
  warnings: string[]
}

/** Loads MicroPython with picovector ready to import. */
export async function createMpGraphics(): Promise<MpGraphics> {
  let stdout = ''
  let stderr = ''
  const mpModule = pathToFileURL(join(ROOT, 'node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs')).href
  const { loadMicroPython } = (await import(/* @vite-ignore */ mpModule)) as {
    loadMicroPython: (o: object) => Promise<MicroPythonInstance>
  }
  const mp = await loadMicroPython({
    heapsize: 8 * 1024 * 1024,
    stdout: (s: string) => (stdout += s + '\n'),
    stderr: (s: string) => (stderr += s + '\n'),
  })
  const FS = mp.FS
  const mkdirs = (p: string): void => {
    let cur = ''
    for (const part of p.split('/').filter(Boolean)) {
      cur += '/' + part
      try {
        FS.mkdir(cur)
      } catch {
        /* exists */
      }
    }
  }
  const writeFile = (path: string, data: Uint8Array | string): void => {
    mkdirs(path.slice(0, path.lastIndexOf('/')))
    FS.writeFile(path, data)
  }
  mkdirs('/lib')
  for (const f of readdirSync(PYTHON_DIR)) {
    if (f.endsWith('.py') && (f === 'picovector.py' || f.startsWith('_pv_'))) writeFile(`/lib/${f}`, readFileSync(join(PYTHON_DIR, f)))
  }
  writeFile('/lib/_bw_io.py', IO_STUB)
  writeFile('/lib/badgeware.py', BADGEWARE_STUB)
  const warnings: string[] = []
  const native = createGraphicsNative({
    readFile: (p) => {
      try {
        const st = FS.stat(p)
        if (FS.isDir(st.mode)) return null
        return FS.readFile(p) as Uint8Array
      } catch {
        return null
      }
    },
    warn: (m) => warnings.push(m),
  })
  mp.registerJsModule('_pvnative', native)
  const copyDir = (host: string, vfs: string): void => {
    for (const f of readdirSync(host)) {
      const hp = join(host, f)
      if (statSync(hp).isDirectory()) copyDir(hp, `${vfs}/${f}`)
      else writeFile(`${vfs}/${f}`, readFileSync(hp))
    }
  }
  return {
    run(code: string): RunResult {
      stdout = ''
      stderr = ''
      let error: string | null = null
      try {
        mp.runPython(code)
      } catch (e) {
        error = (e as Error).message
      }
      return { stdout, stderr, error }
    },
    frame: () => native.screenRGBA().slice(),
    writeFile,
    copyDir,
    native,
    warnings,
  }
}

/** Inputs of one app frame (1-based frame numbers). */
export interface FrameInput {
  /** Buttons held during the frame (bit mask of io.BUTTON_*). */
  held?: number
}

/**
 * Runs an example app like the headless emulator: `/system` = the project folder, the app
 * imported by absolute path with cwd = its folder, `init()` once, then frame n has
 * io.ticks = floor((n − 1)·1000/60); the framebuffer starts zero and is never cleared.
 * Returns the framebuffer after each requested frame.
 */
export async function runExampleApp(
  projectDir: string,
  slug: string,
  frames: number[],
  inputs: Record<number, FrameInput> = {},
): Promise<{ frames: Map<number, Uint8Array>; log: string }> {
  const mpg = await createMpGraphics()
  mpg.copyDir(projectDir, '/system')
  const app = `/system/apps/${slug}`
  let log = ''
  const check = (r: RunResult, what: string): void => {
    log += r.stdout + r.stderr
    if (r.error) throw new Error(`${slug} ${what}: ${r.error}\n${log}`)
  }
  check(
    mpg.run(`
import sys, os
sys.path.insert(0, ${JSON.stringify(app)})
os.chdir(${JSON.stringify(app)})
_app = __import__(${JSON.stringify(app)})
if hasattr(_app, "init"):
    _app.init()
`),
    'import',
  )
  const out = new Map<number, Uint8Array>()
  const last = Math.max(...frames)
  for (let n = 1; n <= last; n++) {
    const ticks = Math.floor(((n - 1) * 1000) / 60)
    const held = inputs[n]?.held ?? 0
    check(mpg.run(`import _bw_io\n_bw_io.io._next_ticks = ${ticks}\n_bw_io.io._next_held = ${held}\n_bw_io.io.poll()\n_app.update()`), `frame ${n}`)
    if (frames.includes(n)) out.set(n, mpg.frame())
  }
  return { frames: out, log }
}
