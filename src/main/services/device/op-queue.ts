/** One operation at a time on a device link: every request waits its turn, in order. */
import { CodedError } from '../../../shared/ipc/result'

/** A FIFO of async operations. `close(err)` rejects everything still waiting. */
export class OpQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private running = 0
  private closedWith: CodedError | undefined

  /** True while an operation runs or waits. */
  get busy(): boolean {
    return this.running > 0
  }

  /** Runs `fn` after every earlier operation has settled. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.running++
    const p = this.tail.then(() => {
      if (this.closedWith) throw this.closedWith
      return fn()
    })
    const done = p.finally(() => {
      this.running--
    })
    this.tail = done.catch(() => undefined)
    return done
  }

  /** From now on operations that have not started reject with `err`. */
  close(err: CodedError): void {
    this.closedWith = err
  }
}
