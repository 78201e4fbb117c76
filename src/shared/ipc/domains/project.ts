/** Project operations: the open project folder, its tree and its files (project-relative POSIX paths). */
import { z } from 'zod'
import { bytes, event, op } from '../define'

/** Largest file the editor opens (bytes; larger files are refused with FILE_TOO_LARGE), and the longest unsaved copy kept. */
export const MAX_EDITOR_FILE = 8 * 1024 * 1024

/** A project-relative POSIX path as sent by the renderer; checked again in main. */
export const relPath = z.string().max(4096)

/** One entry of the project tree. Directories carry their children, sorted dirs-first then by name. */
export interface TreeNode {
  name: string
  /** Project-relative POSIX path ('' for the root). */
  path: string
  kind: 'file' | 'dir'
  size?: number
  children?: TreeNode[]
}

/** What the renderer knows about the open project. */
export interface ProjectInfo {
  /** Display name (the folder's base name). */
  name: string
  /** Absolute root, for display only; the renderer never sends it back. */
  root: string
  tree: TreeNode
}

/** A file's content. Text when it decodes as UTF-8; otherwise its bytes and `binary: true`. */
export interface FileContent {
  path: string
  text?: string
  bytes?: Uint8Array
  binary: boolean
  size: number
  /** Modification time in ms, to detect external changes before overwriting. */
  mtimeMs: number
}

/** The unsaved text of a tab, kept so a crash does not lose it (see `project:keepUnsaved`). */
export interface UnsavedCopy {
  path: string
  text: string
  /** Modification time of the file the text was edited from (0: the file did not exist). */
  baseMtimeMs: number
}

/** A change on disk under the project root, coalesced. */
export interface ProjectChange {
  kind: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'
  path: string
}

export const projectOps = {
  'project:open': op<ProjectInfo>()(
    z.object({ root: z.string().min(1).max(4096).optional() }),
    'Opens a project folder. Without `root` main shows the native folder picker (null result if cancelled).',
  ),
  'project:current': op<ProjectInfo | null>()(z.object({}), 'The open project, if any.'),
  'project:recent': op<string[]>()(z.object({}), 'Recently opened project roots, newest first.'),
  'project:tree': op<TreeNode>()(z.object({}), 'Lists the whole project tree (node_modules, .git and the like are skipped).'),
  'project:readFile': op<FileContent>()(z.object({ path: relPath }), 'Reads a file (text when UTF-8, else bytes).'),
  'project:writeFile': op<{ mtimeMs: number; size: number }>()(
    z.object({
      path: relPath,
      text: z.string().optional(),
      bytes: bytes().optional(),
      /** When given, refuse with DIRTY_CONFLICT if the file changed on disk since this time. */
      expectMtimeMs: z.number().optional(),
    }),
    'Writes a file atomically (temporary file then rename), creating parent folders.',
  ),
  'project:create': op<TreeNode>()(
    z.object({ path: relPath, kind: z.enum(['file', 'dir']) }),
    'Creates an empty file or a folder; refuses if it exists.',
  ),
  'project:rename': op<void>()(z.object({ from: relPath, to: relPath }), 'Renames or moves a file or folder inside the project.'),
  'project:delete': op<void>()(
    z.object({ path: relPath, permanent: z.boolean().optional() }),
    'Moves a file or a folder to the OS trash; with permanent, deletes it (recursively). TRASH_UNAVAILABLE when there is no trash.',
  ),
  'project:keepUnsaved': op<void>()(
    z.object({ path: relPath, text: z.string().max(MAX_EDITOR_FILE), baseMtimeMs: z.number() }),
    "Keeps a copy of a tab's unsaved text in the user-data folder, for the next start after a crash.",
  ),
  'project:forgetUnsaved': op<void>()(
    z.object({ path: relPath.optional() }),
    'Forgets the unsaved copy of one file (saved, reverted or closed) or, without path, of every file of the project.',
  ),
  'project:unsaved': op<UnsavedCopy[]>()(
    z.object({}),
    'The unsaved copies of the open project: text a session that did not end through its close question left modified.',
  ),
}

export const projectEvents = {
  'project:changed': event<ProjectChange[]>('Files changed on disk (outside or inside the IDE), batched.'),
}
