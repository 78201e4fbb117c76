import type { MessagePort } from 'node:worker_threads'
import type { TraceFrame } from '../../shared/traceback'

/**
 * The protocol between the emulator host (main process) and its worker: the configuration a
 * worker boots with and the messages it posts back. Frames travel as transferred ArrayBuffers.
 */

/** Where Python's `/` and `/system` come from on the host. */
export interface VolumeConfig {
  /** Host folder mirrored into `/system` (the project), or null for an empty /system. */
  systemDir: string | null
  /** Folders overlaid under `/system` where the project lacks a file (the per-user assets cache). */
  systemOverlays: string[]
  /** Host folder holding the writable `/` volume (synced back; `/system` excluded). */
  rootDir: string
  /**
   * A folder that `rootDir` lies in, none of whose subfolders on the way may be a symlink (the
   * project, for its `.badge-ide/badge-root`): the boot is refused otherwise.
   */
  rootBase?: string
  /** True when Python may write under `/system` (the virtual badge), false for a project run. */
  systemWritable: boolean
  /** When true, `rootDir/system` is the badge's /system (virtual badge flash layout). */
  systemInsideRoot: boolean
}

/** How the clock and frame pacing behave. */
export interface TimingConfig {
  /** 'headless': virtual clock, frame n at floor((n-1)*1000/60) ms, no waiting; 'realtime': wall clock, paced. */
  mode: 'headless' | 'realtime'
  /** Frames per second for pacing and the headless clock (default 60). */
  fps: number
  /** Random seed applied to MicroPython's `random` at boot (null = unseeded). */
  seed: number | null
}

/** Headless run limits and captures (CLI, tests, bench). */
export interface HeadlessScript {
  /** Stop after this many frames in total (counted across reboots), or null for no limit. */
  frames: number | null
  /** Global frame numbers whose pictures are posted to the host. */
  capture: number[]
  /** Button mask to hold per global frame number (sparse; missing = nothing held). */
  held: Record<number, number>
  /** Frames presented before this boot started (the global frame number of this boot's frame 1 is base+1). */
  frameBase: number
}

/** What a run-mode worker boots. */
export interface BootConfig {
  /** `app`: start that slug as the launcher would once chosen; `launcher`: boot through main.py / the menu. */
  entry: { kind: 'launcher'; preferred?: string } | { kind: 'app'; slug: string }
  /** Wake reason for powman: 'cold' plays the intro, 'watchdog' is a reboot after an app exit. */
  wake: 'cold' | 'watchdog'
  /** Optional desktop-tool extension: an app returning "/system/apps/<slug>" launches it (default false). */
  launchReturnedPath: boolean
}

/** Everything a worker needs, passed as workerData. */
export interface WorkerConfig {
  mode: 'run' | 'repl'
  /** Compiled MicroPython module (compiled once per process and shared). */
  wasmModule: WebAssembly.Module
  /** Absolute path of micropython.mjs. */
  mjsPath: string
  /** Absolute path of wasm/python (platform modules, mounted at /.frozen). */
  pythonDir: string
  volumes: VolumeConfig
  timing: TimingConfig
  boot: BootConfig
  headless: HeadlessScript | null
  /** Badge heap budget in bytes (default 246912). */
  memoryBudget: number
  /** Size of the badge's filesystem in bytes (statvfs; writes past it fail with ENOSPC). */
  flashBytes: number
  /** Interpreter heap (bigger than the budget: the budget is checked per frame, not enforced by gc). */
  heapBytes: number
  /** Control block (see control-block.ts). */
  ctrl: Int32Array
  /** Serial input ring for 'repl' mode. */
  stdin: SharedArrayBuffer | null
  /** Port for synchronous requests to the host (network). */
  rpcPort: MessagePort
  /** Port on which the host sends debugger commands ({@link DebugCommand}); see SLOT.DEBUG. */
  debugPort: MessagePort
  /** Instrument the project's Python files for the debugger (run mode; see worker/debug). */
  instrument: boolean
  /** Simulated hardware settings. */
  hardware: { battery: number; charging: boolean; wifi: boolean; uniqueId: string }
  /** In 'repl' mode: start directly in raw REPL (after a soft reset in raw mode). */
  startRaw: boolean
}

/** A worker's configuration as the host prepares it (boot-worker.ts adds the ports). */
export type HostWorkerConfig = Omit<WorkerConfig, 'rpcPort' | 'debugPort'>

/** One parsed traceback frame (the one model, shared with the window and the device runs). */
export type { TraceFrame } from '../../shared/traceback'

/** A structured error report. */
export interface AppError {
  /** Where it escaped: update() caught by run(), import/init, or the boot itself. */
  phase: 'update' | 'import' | 'boot'
  /** Exception type name (e.g. ZeroDivisionError). */
  type: string
  /** The full traceback text as MicroPython printed it. */
  text: string
  /** Frames, innermost last (same order as the text). */
  frames: TraceFrame[]
}

/** Messages from the worker to the host. */
export type WorkerMessage =
  | { type: 'ready'; bootMs: number }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'frame'; frame: number; ticks: number; rgba: ArrayBuffer; memUsed: number }
  | { type: 'error'; error: AppError }
  | { type: 'warning'; message: string }
  | { type: 'app'; path: string | null }
  | { type: 'serial'; data: Uint8Array }
  /**
   * Debugger: `paused` (JSON of the pause, built by the guest's _bdbg: untrusted), `vars` (JSON
   * `{ref, vars}`), `resumed`.
   */
  | { type: 'debug'; kind: 'paused' | 'vars' | 'resumed'; data: string }
  /** The boot ended: reboot (HOME, app exit, machine.reset), stop, headless end or failure. */
  | {
      type: 'exit'
      reason: 'reboot' | 'stopped' | 'frames-done' | 'failed' | 'soft-reset' | 'memory'
      /** For 'reboot': the app to start next (the optional launch-returned-path extension). */
      next?: string
      frames: number
      /** The last presented frame (headless runs only), for screenshots. */
      lastFrame?: ArrayBuffer
      error?: AppError
    }

/** A breakpoint as the worker gets it (project-relative file). */
export interface DebugBreakpointSpec {
  file: string
  line: number
  condition: string | null
}

/** Commands from the host to a worker's debugger (over `debugPort`, then SLOT.DEBUG is bumped). */
export type DebugCommand =
  | { type: 'config'; breakpoints: DebugBreakpointSpec[]; breakOnException: boolean; watches: string[] }
  | { type: 'pause' }
  | { type: 'resume'; how: 'continue' | 'over' | 'into' | 'out' | 'detach' }
  | { type: 'vars'; ref: number }

/** Synchronous requests the worker makes over the RPC port (the host replies on the same port). */
export type RpcRequest = {
  type: 'http'
  method: string
  url: string
  headers: Record<string, string>
  body: Uint8Array | null
}

/** Reply to an http RpcRequest. */
export type HttpReply =
  | { ok: true; status: number; headers: Record<string, string>; body: Uint8Array; source: 'mock' | 'network' }
  | { ok: false; errno: number; message: string }
