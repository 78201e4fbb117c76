/** A minimal serial client for the virtual badge's binding (tests). */
import type { BindingPortInterface } from '../../../src/main/emulator/virtual-badge'

/** A minimal serial client: collects everything read, waits for a marker. */
export function client(port: BindingPortInterface) {
  let acc = ''
  let closed = false
  void (async () => {
    const buf = Buffer.alloc(4096)
    try {
      for (;;) {
        const { bytesRead } = await port.read(buf, 0, buf.length)
        acc += buf.subarray(0, bytesRead).toString('latin1')
      }
    } catch {
      closed = true
    }
  })()
  return {
    send: (s: string) => port.write(Buffer.from(s, 'latin1')),
    /** The next `n` characters read. */
    async take(n: number, ms = 20_000): Promise<string> {
      const end = Date.now() + ms
      while (acc.length < n) {
        if (Date.now() > end || closed) throw new Error(`fewer than ${n} characters in ${JSON.stringify(acc)}`)
        await new Promise((r) => setTimeout(r, 5))
      }
      const out = acc.slice(0, n)
      acc = acc.slice(n)
      return out
    },
    async until(marker: string, ms = 20_000): Promise<string> {
      const end = Date.now() + ms
      while (!acc.includes(marker)) {
        if (Date.now() > end || closed) throw new Error(`no ${JSON.stringify(marker)} in ${JSON.stringify(acc)}`)
        await new Promise((r) => setTimeout(r, 5))
      }
      const i = acc.indexOf(marker) + marker.length
      const out = acc.slice(0, i)
      acc = acc.slice(i)
      return out
    },
  }
}

