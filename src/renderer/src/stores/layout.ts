/**
 * Theme and pane layout, remembered between runs through `app:setSettings` (`theme` and
 * `layout.{treeW,emuW,bottomH,debugW,bottomTab}`) and the run target (`runTarget`). Writes are debounced while a pane is being dragged.
 */
import { reactive } from 'vue'
import { api, call } from '../api'

/** Pane sizes in pixels and the visible bottom tab. */
export interface LayoutState {
  theme: 'dark' | 'light'
  treeW: number
  emuW: number
  bottomH: number
  /** Width of the Debug panel beside the console. */
  debugW: number
  bottomTab: 'console' | 'device'
  /** Where Run (F5) starts the app: the emulator or the connected badge. */
  runTarget: 'emulator' | 'badge'
}

/** Defaults used until settings load (and for keys the settings lack). */
export const DEFAULT_LAYOUT: LayoutState = { theme: 'dark', treeW: 250, emuW: 400, bottomH: 260, debugW: 440, bottomTab: 'console', runTarget: 'emulator' }

/** Limits so a pane can never be dragged out of reach. */
export const LIMITS = { treeW: [150, 600], emuW: [200, 900], bottomH: [80, 800], debugW: [280, 1400] } as const

/** The live layout. */
export const layout = reactive<LayoutState>({ ...DEFAULT_LAYOUT })

/** Clamps a size to its pane's limits. */
export function clampSize(key: keyof typeof LIMITS, v: number): number {
  const [lo, hi] = LIMITS[key]
  return Math.round(Math.max(lo, Math.min(hi, v)))
}

/** Applies saved settings (unknown or malformed values fall back to the defaults). */
export async function loadLayout(): Promise<void> {
  const s = await call(api.app.getSettings({})).catch(() => null)
  if (!s) return
  layout.theme = s.theme === 'light' ? 'light' : 'dark'
  const l = s.layout ?? {}
  for (const k of ['treeW', 'emuW', 'bottomH', 'debugW'] as const) {
    const v = l[k]
    if (typeof v === 'number' && Number.isFinite(v)) layout[k] = clampSize(k, v)
  }
  if (l['bottomTabDevice'] === 1) layout.bottomTab = 'device'
  layout.runTarget = s['runTarget'] === 'badge' ? 'badge' : 'emulator'
}

/** Chooses where Run starts apps and saves the choice (settings key `runTarget`). */
export async function setRunTarget(target: LayoutState['runTarget']): Promise<void> {
  layout.runTarget = target
  await api.app.setSettings({ patch: { runTarget: target } })
}

let timer: ReturnType<typeof setTimeout> | null = null
/** Saves the pane sizes soon (coalescing rapid changes). */
export function saveLayout(delayMs = 300): Promise<void> {
  if (timer) clearTimeout(timer)
  return new Promise((resolve) => {
    timer = setTimeout(async () => {
      timer = null
      const patch = { layout: { treeW: layout.treeW, emuW: layout.emuW, bottomH: layout.bottomH, debugW: layout.debugW, bottomTabDevice: layout.bottomTab === 'device' ? 1 : 0 } }
      await api.app.setSettings({ patch })
      resolve()
    }, delayMs)
  })
}

/** Switches between the dark and light theme and saves the choice. */
export async function toggleTheme(): Promise<void> {
  layout.theme = layout.theme === 'dark' ? 'light' : 'dark'
  await api.app.setSettings({ patch: { theme: layout.theme } })
}
