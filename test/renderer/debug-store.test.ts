import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DebugState } from '../../src/shared/ipc/domains/debug'

// The store over a fake API whose answers the test releases one by one.
const pending: Array<{ channel: string; args: unknown; resolve: (v: unknown) => void }> = []
const listeners = new Map<string, (p: unknown) => void>()
vi.mock('../../src/renderer/src/api', async () => {
  const ask = (channel: string) => (args: unknown) => new Promise((resolve) => pending.push({ channel, args, resolve }))
  const api = {
    debug: Object.fromEntries(['state', 'setBreakpoints', 'setOptions', 'setWatches', 'continue', 'stepOver', 'stepInto', 'stepOut', 'pause', 'variables'].map((m) => [m, ask(`debug:${m}`)])),
    project: { readFile: ask('project:readFile') },
    on: (channel: string, fn: (p: unknown) => void) => {
      listeners.set(channel, fn)
      return () => listeners.delete(channel)
    },
  }
  return { ...(await import('./fake-api')).apiModule, api }
})

const { breakpointMover, breakpointsOf, connectDebug, debug, expand, resume, setFileBreakpoints } = await import('../../src/renderer/src/stores/debug')
const { workspace } = await import('../../src/renderer/src/stores/workspace')

const A = 'apps/a/__init__.py'
const state = (over: Partial<DebugState> = {}): DebugState => ({ status: 'idle', breakpoints: [], breakOnException: false, watches: [], ...over })
const paused = (line: number): DebugState => state({
  status: 'paused',
  paused: { reason: 'breakpoint', file: A, line, stack: [{ file: A, line, fn: 'update' }], locals: [], globals: [], watches: [], frame: 1 },
})
/** Answers the oldest request on `channel` with `value`. */
async function answer(channel: string, value: unknown): Promise<unknown> {
  const i = pending.findIndex((p) => p.channel === channel)
  expect(i, `a ${channel} request`).toBeGreaterThanOrEqual(0)
  const [p] = pending.splice(i, 1)
  p!.resolve({ ok: true, value })
  await new Promise((r) => setTimeout(r, 0))
  return p!.args
}

describe('the debugger store', () => {
  beforeEach(async () => {
    pending.length = 0
    debug.state = state()
    workspace.docs = []
  })

  it('an older answer does not move the dots back while a newer change is unanswered', async () => {
    void setFileBreakpoints(A, [{ line: 5 }])
    void setFileBreakpoints(A, [{ line: 6 }])
    expect(breakpointsOf(A)).toEqual([{ line: 6 }])
    await answer('debug:setBreakpoints', state({ breakpoints: [{ file: A, line: 5 }] }))
    expect(breakpointsOf(A)).toEqual([{ line: 6 }])
    // The last answer is main's word: it may have moved the line to a statement.
    await answer('debug:setBreakpoints', state({ breakpoints: [{ file: A, line: 7 }] }))
    expect(breakpointsOf(A)).toEqual([{ line: 7 }])
  })

  it('a pushed state keeps a file with unsaved edits as the window has it, and the save sends it again', async () => {
    const off = connectDebug()
    await answer('debug:state', state())
    workspace.docs = [{ path: A, text: 'x = 1\n\ny = 2\n', savedText: 'x = 1\ny = 2\n', readOnly: false, mtimeMs: 0 }]
    void setFileBreakpoints(A, [{ line: 3 }])
    await answer('debug:setBreakpoints', state({ breakpoints: [{ file: A, line: 4 }] }))
    listeners.get('debug:state')!(state({ status: 'running', breakpoints: [{ file: A, line: 4 }] }))
    expect(breakpointsOf(A)).toEqual([{ line: 3 }])
    expect(debug.state.status).toBe('running')
    workspace.docs[0]!.savedText = workspace.docs[0]!.text
    await new Promise((r) => setTimeout(r, 0))
    expect(await answer('debug:setBreakpoints', state({ breakpoints: [{ file: A, line: 3 }] }))).toEqual({ file: A, breakpoints: [{ line: 3 }] })
    off()
  })

  it('a deleted file or folder takes its breakpoints with it', async () => {
    const off = connectDebug()
    await answer('debug:state', state({ breakpoints: [{ file: A, line: 2 }, { file: 'apps/b/x.py', line: 3 }, { file: 'main.py', line: 1 }] }))
    const changes = [{ kind: 'unlink', path: 'main.py' }, { kind: 'unlinkDir', path: 'apps/b' }, { kind: 'change', path: A }, { kind: 'unlink', path: A }, { kind: 'add', path: A }]
    listeners.get('project:changed')!(changes)
    expect(breakpointsOf(A)).toEqual([{ line: 2 }])
    expect(debug.state.breakpoints.map((b) => b.file)).toEqual([A])
    const sent = [await answer('debug:setBreakpoints', state()), await answer('debug:setBreakpoints', state())]
    expect(sent).toEqual(expect.arrayContaining([{ file: 'main.py', breakpoints: [] }, { file: 'apps/b/x.py', breakpoints: [] }]))
    off()
  })

  it('a folder renamed in the IDE takes its breakpoints to the new paths', async () => {
    const off = connectDebug()
    await answer('debug:state', state({ breakpoints: [{ file: 'apps/b/x.py', line: 3 }, { file: 'apps/b/sub/y.py', line: 1, condition: 'n > 2' }, { file: 'apps/bb.py', line: 9 }] }))
    const move = breakpointMover('apps/b')
    // The change events of the rename arrive first and drop the old paths' breakpoints.
    listeners.get('project:changed')!([{ kind: 'unlinkDir', path: 'apps/b' }, { kind: 'addDir', path: 'apps/c' }])
    move('apps/c')
    expect(breakpointsOf('apps/c/x.py')).toEqual([{ line: 3 }])
    expect(breakpointsOf('apps/c/sub/y.py')).toEqual([{ line: 1, condition: 'n > 2' }])
    expect(breakpointsOf('apps/bb.py')).toEqual([{ line: 9 }])
    expect(breakpointsOf('apps/b/x.py')).toEqual([])
    off()
  })

  it('expanded values belong to their pause, and requests go one at a time', async () => {
    const off = connectDebug()
    await answer('debug:state', paused(4))
    await answer('project:readFile', { text: '', binary: false, size: 0, mtimeMs: 0 })
    void expand(1)
    void expand(2)
    await new Promise((r) => setTimeout(r, 0))
    expect(pending.filter((p) => p.channel === 'debug:variables')).toHaveLength(1)
    await answer('debug:variables', [{ name: '0', kind: 'int', value: '3', ref: 0 }])
    expect(debug.expanded[1]).toEqual({ items: [{ name: '0', kind: 'int', value: '3', ref: 0 }] })
    expect(pending.filter((p) => p.channel === 'debug:variables')).toHaveLength(1)
    // Resuming drops them; a second resume is not sent before the app moved on.
    void resume('stepOver')
    void resume('stepOver')
    expect(debug.expanded).toEqual({})
    expect(pending.filter((p) => p.channel === 'debug:stepOver')).toHaveLength(1)
    await answer('debug:variables', [])
    await answer('debug:stepOver', paused(4))
    listeners.get('debug:state')!(state({ status: 'running' }))
    expect(debug.expanded).toEqual({})
    // A new pause (its file is open already) takes a resume again.
    listeners.get('debug:state')!(paused(5))
    expect(workspace.active).toBe(A)
    void resume('stepOver')
    expect(pending.filter((p) => p.channel === 'debug:stepOver')).toHaveLength(1)
    off()
  })
})
