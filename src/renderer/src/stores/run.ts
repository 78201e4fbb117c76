/**
 * Run / Stop / Restart routed to the chosen target (`layout.runTarget`): the emulator, or the
 * connected badge through the deploy domain's run and stop operations.
 */
import { isBadgeRunning, runOnBadge, stopOnBadge } from './device'
import { activeAppSlug, isRunning, restartApp, runApp, stopApp } from './emulator'
import { layout } from './layout'

/** True while the chosen target runs an app (the toolbar then shows Stop). */
export function targetRunning(): boolean {
  return layout.runTarget === 'badge' ? isBadgeRunning() : isRunning()
}

/** Runs the app of the active tab on the chosen target (F5). */
export function run(): Promise<void> {
  return layout.runTarget === 'badge' ? runOnBadge(activeAppSlug()) : runApp()
}

/** Stops the app on the chosen target (Shift+F5). */
export function stop(): Promise<void> {
  return layout.runTarget === 'badge' ? stopOnBadge() : stopApp()
}

/** Restarts on the chosen target (Ctrl+Shift+F5); on the badge: stop, then run again. */
export async function restart(): Promise<void> {
  if (layout.runTarget !== 'badge') return restartApp()
  if (isBadgeRunning()) await stopOnBadge()
  await runOnBadge(activeAppSlug())
}
