/** Live device statistics: what the stats view, the CLI and the IPC contract carry. */

/** Shown for any field the firmware cannot provide. */
export const NA = 'not available' as const
/** A value, or {@link NA}. */
export type Maybe<T> = T | typeof NA

/** Memory of the Python heap in bytes. */
export interface MemoryStats {
  free: Maybe<number>
  used: Maybe<number>
  total: Maybe<number>
}

/** One filesystem volume in bytes. */
export interface StorageStats {
  /** The volume measured: `/system` on the badge, else `/`. */
  mount: Maybe<string>
  total: Maybe<number>
  used: Maybe<number>
  free: Maybe<number>
}

/** Wi-Fi station state. */
export interface NetworkStats {
  /** False when the firmware has no `network` module (then everything else is NA). */
  available: boolean
  active: Maybe<boolean>
  connected: Maybe<boolean>
  ssid: Maybe<string>
  ip: Maybe<string>
  netmask: Maybe<string>
  gateway: Maybe<string>
  dns: Maybe<string>
  mac: Maybe<string>
  rssi: Maybe<number>
  /** `WIFI_SSID` from secrets.py on the device (the password is never read). */
  configuredSsid: Maybe<string>
}

/** Firmware and hardware facts. */
export interface SystemStats {
  /** `os.uname().version`, the firmware build string. */
  firmware: Maybe<string>
  /** MicroPython version, e.g. `1.27.0`. */
  micropython: Maybe<string>
  /** `sys.platform`, e.g. `rp2`. */
  platform: Maybe<string>
  /** `os.uname().machine`, e.g. the board name. */
  machine: Maybe<string>
  cpuFreqHz: Maybe<number>
  /** Logical screen size, e.g. `160x120`. */
  screen: Maybe<string>
  /** Milliseconds since boot (`ticks_ms`, wraps on some ports). */
  uptimeMs: Maybe<number>
  /** `machine.unique_id()` as hex. */
  uniqueId: Maybe<string>
}

/** Everything one stats read returns. */
export interface DeviceStats {
  /** Host time (ms since epoch) of the read. */
  at: number
  /** 'poll': the stats exec; 'run-hook': memory only, reported by the run wrapper while an app runs. */
  source: 'poll' | 'run-hook'
  memory: MemoryStats
  storage: StorageStats
  network: NetworkStats
  system: SystemStats
}

/** One point of the memory chart. */
export interface MemoryPoint {
  at: number
  free: number
  used: number
}

/** A stats update with the memory history for the chart. */
export interface StatsUpdate {
  stats: DeviceStats
  history: MemoryPoint[]
}
