/**
 * The diagnostics of project files: MicroPython's syntax errors (the {@link SyntaxChecker} worker)
 * and the badgeware checks (src/shared/check), for one edited buffer or the whole project. The same
 * service answers the window (`check:*`) and `badge-ide check`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { badgewareApiIndex, type ApiIndex } from '../../../shared/badgeware/python-api'
import { checkBadgeware, projectModuleResolver } from '../../../shared/check/badgeware-check'
import { compilerDiagnostic, lineSpan, sortDiagnostics, type Diagnostic } from '../../../shared/check/diagnostics'
import { isIgnored } from '../../../shared/deploy/plan'
import type { ProjectCheck } from '../../../shared/ipc/domains/check'
import type { TreeNode } from '../../../shared/ipc/domains/project'
import { CodedError } from '../../../shared/ipc/result'
import { wasmDir } from '../../emulator/wasm-files'
import type { PartialHandlers } from '../../ipc/router'
import type { ProjectFs } from '../project/project-fs'
import type { ProjectService } from '../project/project-service'
import { SyntaxChecker } from './syntax-checker'

/** Options for {@link CheckService}. */
export interface CheckServiceOptions {
  checker?: SyntaxChecker
  /** The folder holding python/ (the badgeware modules) (default: {@link wasmDir}). */
  wasmDir?: string
}

/** Checks files with the badge's compiler and the badgeware API. */
export class CheckService {
  readonly checker: SyntaxChecker
  private index: ApiIndex | null = null

  constructor(private readonly opts: CheckServiceOptions = {}) {
    this.checker = opts.checker ?? new SyntaxChecker(opts.wasmDir ? { wasmDir: opts.wasmDir } : {})
  }

  /** The badgeware API, read once from the emulator's modules. */
  api(): ApiIndex {
    if (!this.index) {
      const dir = join(this.opts.wasmDir ?? wasmDir(), 'python')
      const mods: Record<string, string> = {}
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.py'))) mods[f.slice(0, -3)] = readFileSync(join(dir, f), 'utf8')
      this.index = badgewareApiIndex(mods)
    }
    return this.index
  }

  /**
   * MicroPython's syntax error in `text`, if any (an empty list when it compiles). A file too large
   * to compile gets a warning saying so instead.
   */
  async syntax(path: string, text: string): Promise<Diagnostic[]> {
    try {
      const report = await this.checker.compile(path, text)
      return report === null ? [] : [compilerDiagnostic(path, text, report)]
    } catch (e) {
      if (!(e instanceof CodedError) || e.code !== 'FILE_TOO_LARGE') throw e
      const span = lineSpan(text, 1)
      return [{ path, line: 1, col: span.col, endLine: 1, endCol: span.endCol, severity: 'warning', message: `Not checked: ${e.detail}`, source: 'micropython' }]
    }
  }

  /** Every diagnostic of one file's `text`; `files` (the project's paths) resolve its imports. */
  async file(path: string, text: string, files: Iterable<string>): Promise<Diagnostic[]> {
    const syntax = await this.syntax(path, text)
    const api = checkBadgeware(text, { path, api: this.api(), projectModule: projectModuleResolver(files, path) })
    return sortDiagnostics([...syntax, ...api])
  }

  /** Checks every Python file of the project on disk (those a deploy would send). */
  async project(fs: ProjectFs): Promise<ProjectCheck> {
    const all = flatten(await fs.tree())
    const files = all.filter((p) => p.endsWith('.py') && !isIgnored(p))
    const diagnostics: Diagnostic[] = []
    // A file the checker cannot read is named with a warning; the others are still checked.
    const notChecked = (path: string, why: string): Diagnostic => ({ path, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'warning', message: `Not checked: ${why}`, source: 'micropython' })
    for (const path of files) {
      let content
      try {
        content = await fs.readFile(path)
      } catch (e) {
        if (!(e instanceof CodedError) || e.code !== 'FILE_TOO_LARGE') throw e
        diagnostics.push(notChecked(path, e.detail ?? 'too large'))
        continue
      }
      if (content.text === undefined) diagnostics.push(notChecked(path, 'the file is not UTF-8 text (the badge reads Python source as UTF-8)'))
      else diagnostics.push(...(await this.file(path, content.text, all)))
    }
    return { files, diagnostics: sortDiagnostics(diagnostics) }
  }

  /** Ends the compiler's worker. */
  dispose(): Promise<void> {
    return this.checker.dispose()
  }
}

/** Handlers for every `check:*` operation, over the open project. */
export function checkHandlers(service: CheckService, project: ProjectService): PartialHandlers {
  return {
    'check:syntax': ({ path, text }) => service.syntax(path, text),
    'check:project': () => service.project(project.files),
  }
}

function flatten(node: TreeNode, out: string[] = []): string[] {
  if (node.kind === 'file') out.push(node.path)
  for (const c of node.children ?? []) flatten(c, out)
  return out
}
