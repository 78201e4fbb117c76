/**
 * JS exceptions thrown from the `_bwhost` module to end a boot. Python cannot catch JS
 * exceptions, so these unwind the whole interpreter stack (the interpreter is discarded
 * afterwards: every boot runs in a fresh worker) — exactly what `machine.reset()` needs.
 */

/** Base of every signal: the guest boundary lets these through and nothing else. */
export class BootSignal extends Error {}

/** machine.reset() / HOME: reboot into the launcher (or `next`, the launch-returned-path extension). */
export class RebootSignal extends BootSignal {
  constructor(readonly next: string | null) {
    super('reboot')
  }
}

/** Headless run: the requested number of frames has been presented. */
export class FramesDoneSignal extends BootSignal {
  constructor() {
    super('frames done')
  }
}

/** Headless run: the app failed (the error has been reported) and would now wait for a button. */
export class AppFailedSignal extends BootSignal {
  constructor() {
    super('app failed')
  }
}

/** The boot code saw the Stop request through and is done. */
export class StoppedSignal extends BootSignal {
  constructor() {
    super('stopped')
  }
}
