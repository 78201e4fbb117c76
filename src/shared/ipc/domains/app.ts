/** Application-level operations: settings, external links, dialogs. */
import { z } from 'zod'
import { bytes, event, op } from '../define'

/** User settings persisted by main. Unknown keys are kept. */
export interface Settings {
  theme: 'dark' | 'light'
  /** Layout: pane sizes in pixels / fractions, remembered between runs. */
  layout: Record<string, number>
  /** Stats polling interval in ms. */
  statsIntervalMs: number
  [key: string]: unknown
}

export const appOps = {
  'app:getSettings': op<Settings>()(z.object({}), 'Reads the user settings.'),
  'app:setSettings': op<Settings>()(
    z.object({ patch: z.record(z.string(), z.unknown()) }),
    'Merges a patch into the settings and saves them.',
  ),
  'app:openExternal': op<void>()(z.object({ url: z.string().url() }), 'Opens an allowlisted https link in the browser.'),
  'app:saveDialog': op<string | null>()(
    z.object({ defaultName: z.string().max(255), bytes: bytes() }),
    'Asks where to save bytes (a screenshot, a device file) and writes them; null if cancelled.',
  ),
  'app:diagnostics': op<{ name: string; text: string }>()(
    z.object({}),
    'Help → Save diagnostics: versions, settings, the badge state and capability probe, and the log, with passwords and tokens removed.',
  ),
  'app:openWindow': op<void>()(
    z.object({ root: z.string().min(1).optional() }),
    'Opens a new IDE window showing root (the window already showing it comes to the front instead); without root, an empty window.',
  ),
  'app:closeAnswer': op<void>()(
    z.object({ proceed: z.boolean() }),
    'The answer to app:closeRequest: true once unsaved tabs were saved or discarded, false to keep the window open.',
  ),
}

export const appEvents = {
  'app:menu': event<{ command: string }>('A menu item or global shortcut was chosen.'),
  'app:closeRequest': event<{ reason: 'close' | 'quit' }>(
    'The window is closing or the app quitting: settle unsaved tabs, then answer with app:closeAnswer.',
  ),
  'app:openProject': event<{ root: string }>('A second start of the IDE named this project folder: settle unsaved tabs, then open it.'),
}
