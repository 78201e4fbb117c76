/** Emulator operations. Owned by the emulator-runtime work. */
import { z } from 'zod'
import { event, op } from '../define'

/** Emulator state pushed to the renderer. */
export interface EmulatorState {
  status: 'stopped' | 'starting' | 'running' | 'crashed' | 'watchdog' | 'stopping'
  app?: string
  message?: string
}

export const emulatorOps = {
  'emulator:start': op<EmulatorState>()(z.object({ app: z.string().max(255).optional() }), 'Boots the emulator for the open project.'),
  'emulator:stop': op<EmulatorState>()(z.object({}), 'Stops the running app.'),
}

export const emulatorEvents = {
  'emulator:state': event<EmulatorState>('Emulator state changed.'),
  'emulator:output': event<{ data: string; stream: 'stdout' | 'stderr' }>('Text printed by the emulated app.'),
}
