/**
 * The virtual badge through its serialport binding: a raw-REPL exchange byte for byte, the
 * raw-paste mode, Ctrl-C, soft reset, and the flash folder shared between connections.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createVirtualBadgeBinding, OUTPUT_HELD_BYTES, VIRTUAL_PORT_PATH, virtualBadgeButton } from '../../../src/main/emulator/virtual-badge'
import { RAW_PASTE_WINDOW } from '../../../src/main/emulator/worker/repl-session'
import { client } from './vb-client'

const dir = mkdtempSync(join(tmpdir(), 'badge-vb-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('virtual badge', () => {
  const binding = createVirtualBadgeBinding({ dir })

  it('holds at most a bound of output nobody reads (the rest is dropped, as the badge drops what its USB host does not take), and answers afterwards', { timeout: 60_000 }, async () => {
    const port = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
    // Nothing is read until the flood is over.
    await port.write(Buffer.from("\r\x01for i in range(30000):\n print('x' * 99)\nprint('flood done')\n\x04", 'latin1'))
    await new Promise((r) => setTimeout(r, 6000))
    let total = 0
    let text = ''
    const buf = Buffer.alloc(65536)
    const reading = (async () => {
      for (;;) {
        const { bytesRead } = await port.read(buf, 0, buf.length).catch(() => ({ bytesRead: -1 }))
        if (bytesRead < 0) return
        total += bytesRead
        text = (text + buf.subarray(0, bytesRead).toString('latin1')).slice(-4096)
      }
    })()
    await new Promise((r) => setTimeout(r, 500))
    expect(total).toBeGreaterThan(OUTPUT_HELD_BYTES / 2)
    expect(total).toBeLessThanOrEqual(OUTPUT_HELD_BYTES)
    // 3 MB were printed; the end of it (with its framing) was dropped. The badge still answers.
    await port.write(Buffer.from('\x03\r\x01print(6 * 7)\x04', 'latin1'))
    for (let i = 0; i < 200 && !text.includes('OK42'); i++) await new Promise((r) => setTimeout(r, 25))
    expect(text).toContain('OK42')
    await port.close()
    await reading
  })

  it('lists one port and refuses other paths', async () => {
    expect((await binding.list()).map((p) => p.path)).toEqual([VIRTUAL_PORT_PATH])
    await expect(binding.open({ path: '/dev/ttyACM0', baudRate: 115200 })).rejects.toThrow(/No such file/)
  })

  it('speaks the raw REPL and keeps its flash in the host folder across connections', async () => {
    const port = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
    await expect(binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })).rejects.toThrow(/already open/)
    const c = client(port)
    await c.until('>>> ')
    await c.send('\r\x01')
    expect(await c.until('raw REPL; CTRL-B to exit\r\n>')).toContain('raw REPL; CTRL-B to exit\r\n>')

    // exec: code + Ctrl-D → "OK" stdout \x04 stderr \x04 ">"
    await c.send("import os\ntry:\n    os.mkdir('/system/apps')\nexcept OSError:\n    pass\nopen('/system/apps/hi.txt', 'w').write('hello')\nprint(sorted(os.listdir('/system/apps')))\x04")
    expect(await c.until('\x04>')).toBe("OK['hi.txt']\r\n\x04\x04>")
    await c.send('1/0\x04')
    const err = await c.until('\x04>')
    expect(err.startsWith('OK\x04Traceback')).toBe(true)
    expect(err).toContain('ZeroDivisionError')

    // raw-paste, as pyexec.c does it: "R\x01" + window, a \x01 per window, \x04 ack, then the usual framing
    await c.send('\x05A\x01')
    const head = await c.until('R\x01')
    expect(head.endsWith('R\x01')).toBe(true)
    const win = await c.take(2)
    const window = win.charCodeAt(0) | (win.charCodeAt(1) << 8)
    expect(window).toBe(RAW_PASTE_WINDOW)
    expect(await c.take(1)).toBe('\x01') // a second window granted up front
    const code = `s = ${JSON.stringify('y'.repeat(window * 2 + 100))}\nprint(len(s), 'pasted')\n`
    let sent = 0
    let credit = 2 * window
    while (sent < code.length) {
      if (credit === 0) {
        expect(await c.take(1)).toBe('\x01')
        credit += window
      }
      const n = Math.min(credit, code.length - sent)
      await c.send(code.slice(sent, sent + n))
      sent += n
      credit -= n
    }
    await c.send('\x04')
    const rest = await c.until('\x04>')
    expect(rest.replace(/\x01/g, '')).toBe(`\x04${window * 2 + 100} pasted\r\n\x04\x04>`)
    // a failing paste: the traceback between the two \x04
    await c.send('\x05A\x01')
    await c.until('R\x01')
    await c.take(3)
    await c.send('1/0\x04')
    const failed = await c.until('\x04>')
    expect(failed.startsWith('\x04\x04Traceback')).toBe(true)
    expect(failed).toContain('ZeroDivisionError')
    // SystemExit from a paste is a soft reset, as in pyexec's raw REPL
    await c.send('y = 1\x04')
    await c.until('\x04>')
    await c.send('\x05A\x01')
    await c.until('R\x01')
    await c.take(3)
    await c.send('raise SystemExit\x04')
    // The paste's end acknowledged, both end markers of the exec, then the reboot (no '>' between).
    expect(await c.until('raw REPL; CTRL-B to exit\r\n>')).toMatch(/^\x04\x04\x04MPY: soft reboot\r\n[^>]*raw REPL; CTRL-B to exit\r\n>$/)
    await c.send("print('y' in globals())\x04")
    expect(await c.until('\x04>')).toBe('OKFalse\r\n\x04\x04>')

    // Ctrl-C in the middle of a paste ends it with a KeyboardInterrupt (the reader's), and the REPL goes on
    await c.send('\x05A\x01')
    await c.until('R\x01')
    await c.take(3)
    await c.send('x = [1, 2,')
    await c.send('\x03')
    expect(await c.until('\x04>')).toBe('\x04\x04KeyboardInterrupt: \r\n\x04>')
    await c.send("print('after')\x04")
    expect(await c.until('\x04>')).toBe('OKafter\r\n\x04\x04>')

    // Ctrl-C interrupts running code
    await c.send('import time\nwhile True:\n    time.sleep(0.01)\n\x04')
    await c.until('OK')
    await c.send('\x03')
    expect(await c.until('\x04>')).toContain('KeyboardInterrupt')

    // Ctrl-C also ends code that calls nothing (this build notices Ctrl-C only in a call out): the
    // interpreter is restarted and the reply says so, then the REPL goes on
    await c.send('x = 1\nwhile True:\n    pass\n\x04')
    await c.until('OK')
    const t0 = Date.now()
    await c.send('\x03')
    expect(await c.until('raw REPL; CTRL-B to exit\r\n>')).toMatch(/^\x04KeyboardInterrupt: [^\x04]*restarted its interpreter\r\n\x04MPY: soft reboot\r\n[^>]*raw REPL; CTRL-B to exit\r\n>$/)
    expect(Date.now() - t0).toBeLessThan(5000)
    await c.send("print('x' in globals())\x04")
    expect(await c.until('\x04>')).toBe('OKFalse\r\n\x04\x04>')

    // soft reset: a fresh interpreter, back in raw mode, files kept
    await c.send('x = 42\x04')
    await c.until('\x04>')
    await c.send('\x04')
    expect(await c.until('raw REPL; CTRL-B to exit\r\n>')).toContain('soft reboot\r\n')
    await c.send("print('x' in globals(), open('/system/apps/hi.txt').read())\x04")
    expect(await c.until('\x04>')).toBe('OKFalse hello\r\n\x04\x04>')

    // Ctrl-B back to the friendly REPL; there too a loop that calls nothing stops on Ctrl-C
    await c.send('\x02')
    await c.until('>>> ')
    await c.send('while True: pass\r\r')
    await new Promise((r) => setTimeout(r, 300))
    await c.send('\x03')
    const friendly = await c.until('>>> ')
    expect(friendly).toContain('KeyboardInterrupt')
    expect(friendly).not.toContain('raw REPL')
    await port.close()
    expect(readFileSync(join(dir, 'system', 'apps', 'hi.txt'), 'utf8')).toBe('hello')

    // a second connection sees what the first wrote
    const port2 = await binding.open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
    const c2 = client(port2)
    await c2.until('>>> ')
    await c2.send("\x01print(open('/system/apps/hi.txt').read())\x04")
    expect(await c2.until('\x04>')).toContain('OKhello\r\n\x04\x04>')
    await port2.close()
  })
})

describe('virtual badge buttons', () => {
  it('a button pressed from the IDE reaches the app running on the badge; none when it is not open', async () => {
    const own = mkdtempSync(join(tmpdir(), 'badge-vb-btn-'))
    try {
      expect(virtualBadgeButton(own, 16, true)).toBe(false)
      const port = await createVirtualBadgeBinding({ dir: own }).open({ path: VIRTUAL_PORT_PATH, baudRate: 115200 })
      const c = client(port)
      await c.until('>>> ')
      await c.send('\r\x01')
      await c.until('raw REPL; CTRL-B to exit\r\n>')
      // An app loop that waits for A (io.BUTTON_A is bit 16), as apps do with io.pressed.
      await c.send('from badgeware import io, display\nwhile True:\n    io.poll()\n    if io.BUTTON_A in io.pressed:\n        print("A pressed")\n        break\n    display.update()\n\x04')
      await c.until('OK')
      expect(virtualBadgeButton(own, 16, true)).toBe(true)
      expect(await c.until('\x04>')).toContain('A pressed')
      expect(virtualBadgeButton(own, 16, false)).toBe(true)
      await port.close()
      expect(virtualBadgeButton(own, 16, true)).toBe(false)
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)
})
