import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { explainIdeFolder, ignoresIdeFolder } from '../../../src/main/handlers/ide-folder'
import { tempProject } from '../../helpers/temp-project'

describe('.badge-ide explained and ignored', () => {
  const made: Array<{ cleanup(): void }> = []
  afterEach(() => made.splice(0).forEach((p) => p.cleanup()))
  const project = (): string => {
    const p = tempProject()
    made.push(p)
    return p.dir
  }

  it('writes the README; outside git it leaves .gitignore alone', async () => {
    const dir = project()
    await explainIdeFolder(dir)
    expect(readFileSync(path.join(dir, '.badge-ide/README.md'), 'utf8')).toMatch(/badge-root/)
    expect(existsSync(path.join(dir, '.gitignore'))).toBe(false)
  })

  it('in a git repository adds .badge-ide/ to .gitignore once, keeping what was there', async () => {
    const dir = project()
    mkdirSync(path.join(dir, '.git'))
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules')
    await explainIdeFolder(dir)
    await explainIdeFolder(dir)
    const text = readFileSync(path.join(dir, '.gitignore'), 'utf8')
    expect(text.startsWith('node_modules\n')).toBe(true)
    expect(text.match(/^\.badge-ide\/$/gm)).toHaveLength(1)
  })

  it('recognises the ways a .gitignore already ignores it', () => {
    expect(ignoresIdeFolder('a\n/.badge-ide/\n')).toBe(true)
    expect(ignoresIdeFolder('.badge-ide')).toBe(true)
    expect(ignoresIdeFolder('.badge-ide-old/\n# .badge-ide/')).toBe(false)
  })
})
