/**
 * The status bar's run state, for the run target the toolbar has chosen (F5 runs there): the
 * emulator's app, or the app started on the badge (USB or virtual).
 */
import type { RunState } from '@shared/ipc/domains/deploy'
import type { EmulatorState } from '@shared/ipc/domains/emulator'

/** One short line such as "Emulator: running clock" or "Badge: clock stopped". */
export function runStatusLabel(target: 'emulator' | 'badge', emu: EmulatorState, badge: RunState | null): string {
  if (target === 'badge') {
    if (!badge) return 'Badge: no app started'
    const words = { deploying: `deploying ${badge.app}`, running: `running ${badge.app}`, finished: `${badge.app} finished`, stopped: `${badge.app} stopped`, error: `${badge.app} raised an error` }
    return `Badge: ${words[badge.status]}`
  }
  const app = emu.app ?? 'the app'
  const words = { stopped: 'stopped', starting: `starting ${app}`, running: `running ${app}`, stopping: 'stopping', crashed: `${app} crashed`, watchdog: `${app} stopped (no frame for 5 s)` }
  return `Emulator: ${words[emu.status]}`
}
