/** Fills in a worker configuration with the defaults of this build. */
import { createControlBlock } from './control-block'
import type { BootConfig, HeadlessScript, HostWorkerConfig, TimingConfig, VolumeConfig, WorkerConfig } from './messages'
import { compiledMicroPython, wasmDir } from './wasm-files'
import { join } from 'node:path'

/** The badge's Python heap: about 241 KB (API spec §1). */
export const BADGE_HEAP_BYTES = 246_912

/**
 * The badge's filesystem: the Tufty 2350 has 16 MiB of flash, of which the firmware (MicroPython
 * and the ROM fonts) takes about 4 MiB; the rest is the LittleFS volume holding / and /system.
 */
export const BADGE_FLASH_BYTES = 12 * 1024 * 1024

/** Inputs for {@link makeWorkerConfig}; everything else has a default. */
export interface WorkerConfigInput {
  mode: 'run' | 'repl'
  volumes: VolumeConfig
  timing?: Partial<TimingConfig>
  boot?: Partial<BootConfig>
  headless?: HeadlessScript | null
  memoryBudget?: number
  /** Filesystem size in bytes (default {@link BADGE_FLASH_BYTES}). */
  flashBytes?: number
  stdin?: SharedArrayBuffer | null
  startRaw?: boolean
  hardware?: Partial<WorkerConfig['hardware']>
  ctrl?: Int32Array
  /** Instrument the project's files for the debugger (default false). */
  instrument?: boolean
}

/** Builds a complete worker configuration (without the RPC port, which spawnBoot adds). */
export async function makeWorkerConfig(i: WorkerConfigInput): Promise<HostWorkerConfig> {
  const dir = wasmDir()
  const headless = i.headless ?? null
  return {
    mode: i.mode,
    wasmModule: await compiledMicroPython(dir),
    mjsPath: join(dir, 'micropython.mjs'),
    pythonDir: join(dir, 'python'),
    volumes: i.volumes,
    timing: {
      mode: i.timing?.mode ?? (headless ? 'headless' : 'realtime'),
      fps: i.timing?.fps ?? 60,
      seed: i.timing?.seed === undefined ? (headless ? 1 : null) : i.timing.seed,
    },
    boot: {
      entry: i.boot?.entry ?? { kind: 'launcher' },
      wake: i.boot?.wake ?? 'cold',
      launchReturnedPath: i.boot?.launchReturnedPath ?? false,
    },
    headless,
    memoryBudget: i.memoryBudget ?? BADGE_HEAP_BYTES,
    flashBytes: i.flashBytes ?? BADGE_FLASH_BYTES,
    // Small first heap area: run() collects every frame and sweeping costs per heap byte; the
    // build adds areas when a program needs more (the budget is checked separately).
    heapBytes: 512 * 1024,
    ctrl: i.ctrl ?? createControlBlock(),
    stdin: i.stdin ?? null,
    // Wi-Fi is there only when the user switched the emulator's network on (the caller says so).
    hardware: { battery: 75, charging: false, wifi: false, uniqueId: 'e6614c311b7a8f2d', ...i.hardware },
    startRaw: i.startRaw ?? false,
    instrument: i.instrument ?? false,
  }
}
