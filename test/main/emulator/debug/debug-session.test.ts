/** The debugger's host state without a running app: breakpoints placed on the saved text, one project at a time, kept between runs. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DebugSession, projectOnDisk } from '../../../../src/main/emulator/debug-session'
import { projectUserFile } from '../../../../src/main/emulator/user-dirs'

const dirs: string[] = []
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

function project(src: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbg-session-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'app.py'), src)
  return dir
}

const SRC = ['x = 1', '', '# a comment', 'def f(a):', '    b = a', '', '    return b'].join('\n')

describe('DebugSession', () => {
  it('puts a breakpoint on the statement its line belongs to, in the file as saved now', () => {
    const dir = project(SRC)
    const d = new DebugSession(undefined, undefined, projectOnDisk(() => dir))
    expect(d.setBreakpoints('app.py', [{ line: 2 }, { line: 6 }]).breakpoints.map((b) => b.line)).toEqual([5, 7])
    // Three lines added above: the window sends the moved line, and it stays there.
    writeFileSync(join(dir, 'app.py'), ['# one', '# two', '# three', SRC].join('\n'))
    expect(d.setBreakpoints('app.py', [{ line: 9 }]).breakpoints).toEqual([{ file: 'app.py', line: 10 }])
    // Two breakpoints that land on one statement become one; a condition is kept.
    expect(d.setBreakpoints('app.py', [{ line: 5 }, { line: 6, condition: ' a > 1 ' }]).breakpoints).toEqual([{ file: 'app.py', line: 8 }])
    expect(d.setBreakpoints('app.py', [{ line: 8, condition: ' a > 1 ' }]).breakpoints).toEqual([{ file: 'app.py', line: 8, condition: 'a > 1' }])
  })

  it('keeps lines as given for a file it cannot read', () => {
    const dir = project(SRC)
    const d = new DebugSession(undefined, undefined, projectOnDisk(() => dir))
    expect(d.setBreakpoints('../outside.py', [{ line: 2 }]).breakpoints).toEqual([{ file: '../outside.py', line: 2 }])
  })

  it('belongs to one project: opening another starts empty', () => {
    let root = project(SRC)
    const d = new DebugSession(undefined, undefined, projectOnDisk(() => root))
    d.setBreakpoints('app.py', [{ line: 1 }])
    d.setWatches(['x'])
    d.setOptions({ breakOnException: true })
    expect(d.state).toMatchObject({ breakpoints: [{ line: 1 }], watches: ['x'], breakOnException: true })
    root = project(SRC)
    expect(d.state).toMatchObject({ breakpoints: [], watches: [], breakOnException: false })
  })

  it('keeps each project\'s breakpoints, watches and options for the next run of the IDE', () => {
    const root = project(SRC)
    const other = project(SRC)
    const data = mkdtempSync(join(tmpdir(), 'dbg-data-'))
    dirs.push(data)
    let open = root
    const first = new DebugSession(undefined, undefined, projectOnDisk(() => open, data))
    first.setBreakpoints('app.py', [{ line: 5 }, { line: 7, condition: 'b > 2' }])
    first.setWatches(['b * 2'])
    first.setOptions({ breakOnException: true })
    open = other
    first.setBreakpoints('app.py', [{ line: 1 }])
    // The IDE starts again: each project gets its own back.
    open = root
    const next = new DebugSession(undefined, undefined, projectOnDisk(() => open, data))
    expect(next.state).toMatchObject({
      breakpoints: [{ file: 'app.py', line: 5 }, { file: 'app.py', line: 7, condition: 'b > 2' }],
      watches: ['b * 2'],
      breakOnException: true,
    })
    open = other
    expect(next.state).toMatchObject({ breakpoints: [{ file: 'app.py', line: 1 }], watches: [], breakOnException: false })
    // Nothing is kept inside the projects.
    expect(readdirSync(root)).toEqual(['app.py'])
    // A damaged file starts empty, and the next change writes a good one.
    writeFileSync(projectUserFile('debug', root, data), '{ not json')
    open = root
    const third = new DebugSession(undefined, undefined, projectOnDisk(() => open, data))
    expect(third.state.breakpoints).toEqual([])
    third.setBreakpoints('app.py', [{ line: 1 }])
    expect(new DebugSession(undefined, undefined, projectOnDisk(() => open, data)).state.breakpoints).toEqual([{ file: 'app.py', line: 1 }])
  })

  it('refuses stepping and variables without a paused app', async () => {
    const d = new DebugSession()
    expect(() => d.resume('over')).toThrow(expect.objectContaining({ code: 'EMULATOR_NOT_RUNNING' }))
    expect(() => d.pause()).toThrow(expect.objectContaining({ code: 'EMULATOR_NOT_RUNNING' }))
    expect(() => d.variables(1)).toThrow(expect.objectContaining({ code: 'EMULATOR_NOT_RUNNING' }))
  })
})
