/**
 * The worker's debugger against the host's command queue, driven the way `_bdbg` and the guest
 * boundary call it (no interpreter): commands that arrive during a pause wait for the pause's
 * next `wait`, even when the boundary checks for commands in between.
 */
import { MessageChannel, Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { BadgeClock } from '../../../../src/main/emulator/clock'
import { createControlBlock, SLOT } from '../../../../src/main/emulator/control-block'
import type { DebugCommand } from '../../../../src/main/emulator/messages'
import { createWorkerDebugger } from '../../../../src/main/emulator/worker/debug/debugger'

const closers: Array<() => unknown> = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

function setup(skipped: string[] = []) {
  const ctrl = createControlBlock()
  const { port1, port2 } = new MessageChannel()
  closers.push(() => port1.close(), () => port2.close())
  const applied: string[] = []
  const posted: string[] = []
  const dbg = createWorkerDebugger({
    ctrl,
    port: port2,
    clock: new BadgeClock('realtime'),
    post: (m) => posted.push(m.type === 'debug' ? `${m.kind} ${m.data}` : m.type === 'warning' ? `warning ${m.message}` : m.type),
    screen: () => null,
    tree: { files: ['main.py'], sources: [{ original: '', code: '' }], skipped },
  })
  dbg.attach((json) => applied.push(json))
  /** What the host's BootHandle.debug does. */
  const send = (cmd: DebugCommand): void => {
    port1.postMessage(cmd)
    Atomics.add(ctrl, SLOT.DEBUG, 1)
    Atomics.notify(ctrl, SLOT.DEBUG)
  }
  // A wait that never gets its command would block this thread for good: another thread
  // presses Stop after 3 s, so the wait answers "stop" and the test fails instead of hanging.
  const guard = new Worker(
    `const { workerData: c } = require('node:worker_threads'); setTimeout(() => { Atomics.store(c, ${SLOT.STOP}, 1); Atomics.notify(c, ${SLOT.DEBUG}) }, 3000)`,
    { eval: true, workerData: ctrl },
  )
  closers.push(() => guard.terminate())
  const wait = dbg.module.wait as (kind: string, text: string) => string
  return { dbg, send, wait, applied, posted }
}

const CONFIG: DebugCommand = { type: 'config', breakpoints: [], breakOnException: false, watches: [] }

describe('worker debugger', () => {
  it('warns about a file it could not instrument only when a breakpoint is set there, once', () => {
    const { dbg, send, posted } = setup(['broken.py'])
    send(CONFIG)
    dbg.check()
    expect(posted.filter((p) => p.startsWith('warning'))).toEqual([])
    send({ ...CONFIG, breakpoints: [{ file: 'broken.py', line: 2, condition: null }, { file: 'main.py', line: 1, condition: null }] })
    dbg.check()
    send({ ...CONFIG, breakpoints: [{ file: 'broken.py', line: 3, condition: null }] })
    dbg.check()
    expect(posted.filter((p) => p.startsWith('warning'))).toEqual(['warning debugger: broken.py could not be instrumented (its breakpoints are ignored)'])
  })

  it('a resume sent while a pause refreshes is answered by the next wait, not dropped by a host call in between', () => {
    const { dbg, send, wait, applied, posted } = setup()
    send(CONFIG) // the breakpoints changed while paused
    expect(wait('paused', '{"line": 14}')).toBe('refresh')
    send({ type: 'resume', how: 'continue' }) // Continue, before the interpreter rebuilt its payload
    dbg.check() // the boundary, before the interpreter's next host call
    expect(wait('paused', '{"line": 14}')).toBe('continue')
    expect(posted.filter((p) => p.startsWith('resumed'))).toEqual(['resumed continue'])
    expect(applied.filter((a) => a.includes('breakpoints'))).toHaveLength(1)
  })

  it('a resume sent while a vars reply is built is answered by the vars wait', () => {
    const { dbg, send, wait } = setup()
    send({ type: 'vars', ref: 1 })
    expect(wait('paused', '{}')).toBe('vars 1')
    send({ type: 'resume', how: 'over' })
    dbg.check()
    expect(wait('vars', '{"ref": 1, "vars": []}')).toBe('over')
  })

  it('after the pause, commands are applied at the next check again', () => {
    const { dbg, send, wait, applied } = setup()
    send({ type: 'resume', how: 'continue' })
    expect(wait('paused', '{}')).toBe('continue')
    send({ type: 'pause' })
    dbg.check()
    expect(applied.at(-1)).toBe('{"pause": 1}')
  })
})
