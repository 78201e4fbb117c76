/**
 * The open project's files, for the IDE and the CLI. Plain Node: takes the root and works only
 * with project-relative POSIX paths, checked twice (string rules, then real-path containment so
 * symlinks cannot lead outside the root). Writes go to a temporary file then rename.
 */
import { promises as fsp, type Stats } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { CodedError } from '../../../shared/ipc/result'
import type { ErrorCode } from '../../../shared/ipc/errors'
import { MAX_EDITOR_FILE, type FileContent, type TreeNode } from '../../../shared/ipc/domains/project'
import { IGNORED_DIRS, baseName, checkRelPath } from '../../../shared/project/paths'

const fatal = new TextDecoder('utf-8', { fatal: true })

/** Maps a Node fs error to a stable code. */
export function fsErrorCode(e: unknown): ErrorCode {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT':
      return 'NOT_FOUND'
    case 'EEXIST':
    case 'ENOTEMPTY':
      return 'ALREADY_EXISTS'
    case 'ENOTDIR':
      return 'NOT_A_DIRECTORY'
    case 'EISDIR':
      return 'IS_A_DIRECTORY'
    case 'EACCES':
    case 'EPERM':
      return 'PERMISSION_DENIED'
    case 'ENOSPC':
      return 'DISK_FULL'
    default:
      return 'IO_ERROR'
  }
}

function rethrow(e: unknown, rel: string): never {
  if (e instanceof CodedError) throw e
  throw new CodedError(fsErrorCode(e), `${rel}: ${(e as Error).message}`)
}

/** File access confined to one project folder. */
/** A size as people read it in this message: MiB with one decimal. */
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`

export class ProjectFs {
  /** Absolute, real (symlink-free) root. */
  readonly root: string

  private constructor(root: string) {
    this.root = root
  }

  /** Opens `root` (must be an existing directory); resolves symlinks of the root itself. */
  static async open(root: string): Promise<ProjectFs> {
    let real: string
    try {
      real = await fsp.realpath(path.resolve(root))
    } catch (e) {
      rethrow(e, root)
    }
    const st = await fsp.stat(real)
    if (!st.isDirectory()) throw new CodedError('NOT_A_DIRECTORY', root)
    return new ProjectFs(real)
  }

  /** The project's display name. */
  get name(): string {
    return path.basename(this.root)
  }

  /**
   * Resolves a relative path to an absolute one inside the root. The deepest existing ancestor is
   * real-path resolved, so a symlink anywhere on the way that points outside is refused.
   */
  async resolve(rel: string, opts: { allowRoot?: boolean } = {}): Promise<{ rel: string; abs: string }> {
    const check = checkRelPath(rel, opts)
    if (!check.ok) throw new CodedError(check.code, rel)
    const abs = path.join(this.root, ...check.path.split('/'))
    let probe = abs
    for (;;) {
      try {
        const real = await fsp.realpath(probe)
        if (!this.contains(real)) throw new CodedError('PATH_OUTSIDE', rel)
        break
      } catch (e) {
        if (e instanceof CodedError) throw e
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') rethrow(e, rel)
        // A dangling symlink also reports ENOENT: refuse it if it is a link.
        const lst = await fsp.lstat(probe).catch(() => null)
        if (lst?.isSymbolicLink()) throw new CodedError('PATH_OUTSIDE', rel)
        const up = path.dirname(probe)
        if (up === probe) break
        probe = up
      }
    }
    return { rel: check.path, abs }
  }

  private contains(real: string): boolean {
    const r = path.relative(this.root, real)
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r))
  }

  /** Lists the whole tree (directories first, then by name), skipping {@link IGNORED_DIRS}. */
  async tree(): Promise<TreeNode> {
    const walk = async (abs: string, rel: string): Promise<TreeNode[]> => {
      const entries = await fsp.readdir(abs, { withFileTypes: true })
      const dirs: TreeNode[] = []
      const files: TreeNode[] = []
      await Promise.all(
        entries.map(async (d) => {
          if (IGNORED_DIRS.has(d.name)) return
          const childRel = rel ? `${rel}/${d.name}` : d.name
          const childAbs = path.join(abs, d.name)
          if (d.isDirectory()) {
            dirs.push({ name: d.name, path: childRel, kind: 'dir', children: await walk(childAbs, childRel) })
          } else if (d.isFile()) {
            files.push({ name: d.name, path: childRel, kind: 'file' })
          }
          // Symlinks and special files are not shown: following them could leave the root.
        }),
      )
      const byName = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
      return [...dirs.sort(byName), ...files.sort(byName)]
    }
    try {
      return { name: this.name, path: '', kind: 'dir', children: await walk(this.root, '') }
    } catch (e) {
      rethrow(e, '')
    }
  }

  /** Reads a file: text when it is valid UTF-8, otherwise its bytes with `binary: true`. */
  async readFile(rel: string, maxBytes = MAX_EDITOR_FILE): Promise<FileContent> {
    const { rel: p, abs } = await this.resolve(rel)
    try {
      const st = await fsp.stat(abs)
      if (st.isDirectory()) throw new CodedError('IS_A_DIRECTORY', p)
      if (st.size > maxBytes) throw new CodedError('FILE_TOO_LARGE', `${p} is ${mib(st.size)}; the editor opens files up to ${mib(maxBytes)}`)
      const bytes = await fsp.readFile(abs)
      try {
        return { path: p, text: fatal.decode(bytes), binary: false, size: bytes.length, mtimeMs: st.mtimeMs }
      } catch {
        return { path: p, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), binary: true, size: bytes.length, mtimeMs: st.mtimeMs }
      }
    } catch (e) {
      rethrow(e, p)
    }
  }

  /** Reads raw bytes (no size limit beyond memory). */
  async readBytes(rel: string): Promise<Uint8Array> {
    const { rel: p, abs } = await this.resolve(rel)
    try {
      return await fsp.readFile(abs)
    } catch (e) {
      rethrow(e, p)
    }
  }

  /**
   * Writes a file atomically: a temporary file beside it, flushed, then renamed over the target.
   * Parent folders are created. With `expectMtimeMs`, refuses with DIRTY_CONFLICT if the file on
   * disk changed since then (so an external edit is never silently overwritten).
   */
  async writeFile(
    rel: string,
    data: Uint8Array | string,
    opts: { expectMtimeMs?: number } = {},
  ): Promise<{ mtimeMs: number; size: number }> {
    const { rel: p, abs } = await this.resolve(rel)
    const tmp = path.join(path.dirname(abs), `.${baseName(p)}.${randomBytes(4).toString('hex')}.tmp`)
    try {
      await fsp.mkdir(path.dirname(abs), { recursive: true })
      // Re-check after mkdir: a parent created through a link must still be inside.
      await this.resolve(p)
      if (opts.expectMtimeMs !== undefined) {
        const st = await fsp.stat(abs).catch(() => null)
        if (st && Math.abs(st.mtimeMs - opts.expectMtimeMs) > 1) throw new CodedError('DIRTY_CONFLICT', p)
      }
      const fh = await fsp.open(tmp, 'wx')
      try {
        await fh.writeFile(data)
        await fh.sync()
      } finally {
        await fh.close()
      }
      await fsp.rename(tmp, abs)
      const st: Stats = await fsp.stat(abs)
      return { mtimeMs: st.mtimeMs, size: st.size }
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined)
      rethrow(e, p)
    }
  }

  /** Creates an empty file or a folder; refuses with ALREADY_EXISTS when something is there. */
  async create(rel: string, kind: 'file' | 'dir'): Promise<TreeNode> {
    const { rel: p, abs } = await this.resolve(rel)
    try {
      await fsp.mkdir(path.dirname(abs), { recursive: true })
      await this.resolve(p)
      if (kind === 'dir') await fsp.mkdir(abs)
      else await (await fsp.open(abs, 'wx')).close()
    } catch (e) {
      rethrow(e, p)
    }
    return kind === 'dir' ? { name: baseName(p), path: p, kind, children: [] } : { name: baseName(p), path: p, kind }
  }

  /** Renames or moves inside the project; refuses to overwrite an existing target. */
  async rename(from: string, to: string): Promise<void> {
    const a = await this.resolve(from)
    const b = await this.resolve(to)
    try {
      await fsp.lstat(a.abs)
      if (await fsp.lstat(b.abs).then(() => true, () => false)) throw new CodedError('ALREADY_EXISTS', b.rel)
      await fsp.mkdir(path.dirname(b.abs), { recursive: true })
      await fsp.rename(a.abs, b.abs)
    } catch (e) {
      rethrow(e, a.rel)
    }
  }

  /** Deletes a file, or a folder with everything in it. The root itself cannot be deleted. */
  async delete(rel: string): Promise<void> {
    const { rel: p, abs } = await this.resolve(rel)
    try {
      await fsp.lstat(abs)
      await fsp.rm(abs, { recursive: true })
    } catch (e) {
      rethrow(e, p)
    }
  }
}
