/**
 * What the IDE is doing with the device right now (deploying, running an app), so stats polling can
 * stay out of the way. Deploy and run set it; stats reads it.
 */

/** Current device activity and change listeners. */
export class DeviceActivity {
  private deployingNow = false
  private runningNow = false
  private readonly listeners = new Set<() => void>()

  /** True while a deploy writes. */
  get deploying(): boolean {
    return this.deployingNow
  }

  /** True while an app launched from the IDE runs. */
  get running(): boolean {
    return this.runningNow
  }

  /** Sets the flags and tells listeners. */
  set(patch: { deploying?: boolean; running?: boolean }): void {
    if (patch.deploying !== undefined) this.deployingNow = patch.deploying
    if (patch.running !== undefined) this.runningNow = patch.running
    for (const l of this.listeners) l()
  }

  /** Calls `fn` on every change; returns its removal. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }
}
