/** Diagnostics (`check:*`): what the badge would reject in project files, found while typing. */
import { z } from 'zod'
import { op } from '../define'
import type { Diagnostic } from '../../check/diagnostics'
import { relPath } from './project'

export type { Diagnostic } from '../../check/diagnostics'

/** What a whole-project check found. */
export interface ProjectCheck {
  /** Python files checked (project-relative). */
  files: string[]
  diagnostics: Diagnostic[]
}

export const checkOps = {
  'check:syntax': op<Diagnostic[]>()(
    z.object({ path: relPath, text: z.string().max(8 * 1024 * 1024) }),
    "Compiles an editor buffer with the badge's MicroPython (never runs it): its syntax error, if any, in the compiler's words. A buffer too large to check gets a warning instead.",
  ),
  'check:project': op<ProjectCheck>()(
    z.object({}),
    'Checks every Python file of the open project on disk: syntax errors from the compiler and the badgeware checks (unknown API names, argument counts, imports the badge lacks).',
  ),
}

export const checkEvents = {}
