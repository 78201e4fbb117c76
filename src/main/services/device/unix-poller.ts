/**
 * A mend for serialport's poller on Linux and macOS (@serialport/bindings-cpp 13, unchanged
 * upstream). Its native `poll(events)` starts libuv's poll with only the events just asked for,
 * which replaces what the handle was watching. A read that starts waiting while a write waits for
 * room (the device sent a byte in the middle of a large write: a raw-paste window grant) drops the
 * write's watch; if the device then waits for the rest of the data, nothing ever arrives to bring
 * the watch back and the write never completes. Measured: a 3 MB `put` to the virtual badge
 * through its pseudo-terminal hung for good in about one run of three; the same can happen
 * wherever the kernel's buffer fills in the middle of a write (a USB CDC port included).
 */

/** The poller's events, as its `poll` takes them. */
const EVENT_BITS = { readable: 1, writable: 2, disconnect: 4 } as const

interface UnixPoller {
  poll(flag?: number): void
  listenerCount(event: string): number
}

/**
 * Makes the poller of an opened unix port ask for every event someone still waits for, not only the
 * newest. A port without such a poller (Windows, the virtual badge, test bindings) is left alone.
 */
export function mendUnixPoller(port: object): void {
  const poller = (port as { poller?: Partial<UnixPoller> }).poller
  if (!poller || typeof poller.poll !== 'function' || typeof poller.listenerCount !== 'function') return
  const p = poller as UnixPoller
  const poll = p.poll.bind(p)
  p.poll = (flag = 0) => {
    let all = flag
    for (const [event, bit] of Object.entries(EVENT_BITS)) if (p.listenerCount(event) > 0) all |= bit
    poll(all)
  }
}
