/**
 * The one boot chain of an emulator worker, for app runs and the virtual badge alike: load the
 * interpreter with the badge's system calls, lay out the volumes, build the graphics and host
 * modules, hand them to Python through the guest boundary, then seal the realm. Guest code runs
 * only after this returns.
 */
import type { BadgeClock } from '../clock'
import { createGraphicsNative, type GraphicsNative } from '../graphics/native'
import type { WorkerConfig, WorkerMessage } from '../messages'
import type { EmFS } from '../vfs'
import { createBadgeHost, type BadgeHostState } from './badge-host'
import { loadInterpreter, type MicroPython } from './interpreter'
import { badgeSyscalls, type BadgeSyscalls, type EmStream } from './sandbox/badge-syscalls'
import { createGuestBoundary, guestImports, type GuestBoundary } from './sandbox/guest-boundary'
import { flashMirror, type FlashMirror, type MirrorFS } from './flash-mirror'
import { FROZEN_DIR, NOT_ON_FLASH, notMirrored, setupVolumes } from './volumes'
import { createWorkerDebugger, instrumentTree, type InstrumentedTree, type WorkerDebugger } from './debug/debugger'

/**
 * How far the interpreter's memory may grow past what the boot itself needed (about 17 MB), so
 * the interpreter never holds more than about 65 MB of host memory. Python objects live there; a
 * program that needs more gets MemoryError at the allocation that hits the cap. It is far above
 * the badge's heap because this build reclaims garbage only between frames (wasm locals are
 * invisible to its GC): one frame's garbage must fit. (The badge's own budget is checked at
 * every frame, see badge-host `present`.)
 */
export const MEMORY_HEADROOM_BYTES = 48 * 1024 * 1024

/** Console I/O of a boot. */
export interface BootIO {
  stdout(byte: number): void
  stderr(byte: number): void
  stdin?: () => number | null
  /** Writes pending console output out. */
  flush(): void
}

/** A booted, sealed interpreter and what the worker drives it with. */
export interface BootedBadge {
  mp: MicroPython
  /** Keeps the host folder in step with the volume; flushOpen() when the boot ends. */
  mirror: FlashMirror
  graphics: GraphicsNative | null
  host: { module: Record<string, unknown>; state: BadgeHostState }
  boundary: GuestBoundary
  syscalls: BadgeSyscalls
  /** The debugger (run mode); attach it to `_bdbg` before the app starts. */
  debug: WorkerDebugger | null
  /** The project files as instrumented for the debugger (empty when not instrumented). */
  tree: InstrumentedTree
}

/** Boots the badge for `cfg` (see the module comment). */
export async function bootInterpreter(
  cfg: WorkerConfig,
  clock: BadgeClock,
  io: BootIO,
  post: (m: WorkerMessage, t?: Transferable[]) => void,
): Promise<BootedBadge> {
  const boundary = createGuestBoundary()
  // No cap while the platform boots; the cap is set from what it needed (below).
  let cap = Number.POSITIVE_INFINITY
  const syscalls = badgeSyscalls({
    flashBytes: cfg.flashBytes,
    notOnFlash: NOT_ON_FLASH,
    get memoryCapBytes() {
      return cap
    },
  })
  const mirror = flashMirror({
    hostDir: cfg.volumes.rootDir,
    exclude: notMirrored(cfg.volumes),
    refused: (message) => post({ type: 'warning', message: `not saved: ${message}` }),
  })
  let memory: WebAssembly.Memory | null = null
  const mp = await loadInterpreter({
    mjsPath: cfg.mjsPath,
    wasmModule: cfg.wasmModule,
    heapBytes: cfg.heapBytes,
    clock,
    ctrl: cfg.ctrl,
    stdout: io.stdout,
    stderr: io.stderr,
    ...(io.stdin ? { stdin: io.stdin } : {}),
    adaptImports(env) {
      syscalls.adapt(env)
      mirror.adapt(env)
      guestImports(env, () => memory!)
    },
    onMemory(m) {
      memory = m
    },
  })
  syscalls.bind(memory!, mp.FS as unknown as EmFS & { getStream(fd: number): EmStream | null })
  let tree: InstrumentedTree = { files: [], sources: [], skipped: [] }
  setupVolumes(mp.FS, cfg.pythonDir, cfg.volumes, () => {
    if (cfg.instrument && cfg.mode === 'run') tree = instrumentTree(mp.FS as unknown as Parameters<typeof instrumentTree>[0], '/system')
  })
  mirror.bind(memory!, mp.FS as unknown as MirrorFS)
  let graphics: GraphicsNative | null = null
  try {
    const FS = mp.FS
    graphics = createGraphicsNative({
      readFile(p: string) {
        try {
          if (FS.isDir(FS.stat(p).mode)) return null
          return FS.readFile(p)
        } catch {
          return null
        }
      },
      warn: (message: string) => post({ type: 'warning', message }),
      liveObjects: () => boundary.liveTargets(),
      memoryBudget: cfg.memoryBudget,
    })
    mp.registerJsModule('_pvnative', boundary.expose(graphics as unknown as Record<string, () => unknown>, { handles: true }))
  } catch (e) {
    post({ type: 'warning', message: `graphics unavailable: ${(e as Error).message}` })
  }
  const host = createBadgeHost({
    cfg,
    clock,
    ctrl: cfg.ctrl,
    screen: () => graphics?.screenRGBA() ?? null,
    liveBytes: () => graphics?.liveBytes() ?? 0,
    post,
    flush: io.flush,
  })
  const app = cfg.boot.entry.kind === 'app' ? cfg.boot.entry.slug : null
  host.module.option = ((base) => (name: string) => (name === 'app' ? app : base(name)))(host.module.option as (n: string) => unknown)
  mp.registerJsModule('_bwhost', boundary.expose(host.module as Record<string, () => unknown>))
  let debug: WorkerDebugger | null = null
  if (cfg.mode === 'run') {
    debug = createWorkerDebugger({ ctrl: cfg.ctrl, port: cfg.debugPort, clock, post, screen: () => graphics?.screenRGBA() ?? null, tree })
    mp.registerJsModule('_bdhost', boundary.expose(debug.module))
    if (tree.files.length) boundary.beforeCall = debug.check
  }
  mp.runPython(`import sys\nsys.path[:] = ['', '${FROZEN_DIR}', '/lib']`)
  if (cfg.timing.seed !== null && cfg.mode === 'run') mp.runPython(`import random\nrandom.seed(${Math.trunc(cfg.timing.seed)})`)
  boundary.seal()
  cap = memory!.buffer.byteLength + MEMORY_HEADROOM_BYTES
  return { mp, mirror, graphics, host, boundary, syscalls, debug, tree }
}
