/** Copies a fixture project into a fresh temporary folder so tests can change it freely. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Absolute path of a fixture project under test/fixtures/projects. */
export function fixtureProject(name: string): string {
  return path.resolve(__dirname, '../fixtures/projects', name)
}

/** A temporary copy of fixture `name` (or an empty folder when omitted); remove it with `cleanup`. */
export function tempProject(name?: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'badge-ide-test-'))
  if (name) cpSync(fixtureProject(name), dir, { recursive: true })
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
