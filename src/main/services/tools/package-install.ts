/**
 * Adding a MicroPython package to an app, from the host: `mip`'s index format and URL rules
 * (micropython-lib's index, `github:`/`gitlab:` shortcuts, `package.json` files, single `.py`
 * files), but the files land in the project's `apps/<app>/` folder instead of a board's `/lib`.
 * The badge puts an app's folder first on `sys.path`, so the app imports them by plain name, the
 * emulator runs them, and a deploy sends them with the app. Source files (`.py`), never `.mpy`:
 * they read in the editor, the checker sees them and tracebacks point into them.
 *
 * Old or new: every file is downloaded and checked (hash, path, size) before the first one is
 * written, and a file the user has changed is not replaced unless asked.
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { CodedError } from '../../../shared/ipc/result'
import { checkRelPath } from '../../../shared/project/paths'
import { slugProblem } from '../../../shared/tools/slug'
import { parseSpec, type PackageListing } from '../../../shared/tools/package-search'
import type { ProjectFs } from '../project/project-fs'

/** micropython-lib's package index, as `mip` uses it. */
export const DEFAULT_INDEX = 'https://micropython.org/pi/v2'

/** Bounds a hostile or broken index cannot push past. */
const LIMITS = { fileBytes: 4 * 1024 * 1024, totalBytes: 16 * 1024 * 1024, files: 500, packages: 100, timeoutMs: 20_000 }

/** Fetches a URL's body; rejects with a {@link CodedError}. */
export type FetchBytes = (url: string) => Promise<Uint8Array>

/** Options of {@link installPackage}. */
export interface InstallOptions {
  /** `name`, `name@version`, a `github:`/`gitlab:`/`https://` URL of a package.json, folder or `.py` file. */
  spec: string
  /** The app whose folder receives the files. */
  app: string
  /** The index for package names (default: `BADGE_IDE_PACKAGE_INDEX` from the environment, else {@link DEFAULT_INDEX}). */
  index?: string
  /** Replace files that differ from the package's (the user's edits are lost). */
  force?: boolean
  /** How bytes are fetched (default: Node's fetch with a timeout and size limit). */
  fetchBytes?: FetchBytes
  /** Called as each package is resolved and each file downloaded. */
  onProgress?: (message: string) => void
}

/** What {@link installPackage} did. */
export interface InstallResult {
  /** The packages resolved, dependencies included (name and version as the index gave them). */
  packages: Array<{ name: string; version: string }>
  /** Project-relative files written. */
  written: string[]
  /** Project-relative files already identical (not written again). */
  unchanged: string[]
}

/** One file of the install: where it goes (inside the app), where it comes from, the index's short hash. */
interface PlannedFile {
  rel: string
  url: string
  hash?: string
}

/** Fetches with a timeout and a size limit, mapping failures to coded errors that name the URL. */
export const fetchBytes: FetchBytes = async (url) => {
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(LIMITS.timeoutMs), redirect: 'follow' })
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    throw new CodedError('PACKAGE_NETWORK', `${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`)
  }
  if (res.status === 404) throw new CodedError('PACKAGE_NOT_FOUND', url)
  if (!res.ok) throw new CodedError('PACKAGE_NETWORK', `${url}: HTTP ${res.status}`)
  const length = Number(res.headers.get('content-length') ?? 0)
  if (length > LIMITS.fileBytes) throw new CodedError('PACKAGE_INVALID', `${url} is ${length} bytes (at most ${LIMITS.fileBytes})`)
  const body = new Uint8Array(await res.arrayBuffer())
  if (body.length > LIMITS.fileBytes) throw new CodedError('PACKAGE_INVALID', `${url} is ${body.length} bytes (at most ${LIMITS.fileBytes})`)
  return body
}

const isUrl = (s: string): boolean => /^(https?:\/\/|github:|gitlab:)/.test(s)

/** The index to use: the option, else `BADGE_IDE_PACKAGE_INDEX`, else {@link DEFAULT_INDEX}. */
function indexUrl(index?: string): string {
  return (index ?? process.env['BADGE_IDE_PACKAGE_INDEX'] ?? DEFAULT_INDEX).replace(/\/+$/, '')
}

/**
 * The index's packages that have a source version (the `.py` files {@link installPackage} adds),
 * sorted by name, from its `index.json` (micropython-lib's `tools/build.py` format, version 2).
 */
export async function listPackages(o: { index?: string; fetchBytes?: FetchBytes } = {}): Promise<PackageListing[]> {
  const url = `${indexUrl(o.index)}/index.json`
  let j: unknown
  try {
    j = JSON.parse(Buffer.from(await (o.fetchBytes ?? fetchBytes)(url)).toString('utf8'))
  } catch (e) {
    if (e instanceof CodedError) throw e
    throw new CodedError('PACKAGE_INVALID', `${url} is not JSON`)
  }
  const list = (j as { packages?: unknown } | null)?.packages
  if (!Array.isArray(list)) throw new CodedError('PACKAGE_INVALID', `${url} has no package list`)
  const out: PackageListing[] = []
  for (const p of list as unknown[]) {
    const e = p as { name?: unknown; version?: unknown; description?: unknown; versions?: { py?: unknown } }
    if (typeof e?.name !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(e.name)) continue
    if (!Array.isArray(e.versions?.py) || !e.versions.py.length) continue
    out.push({ name: e.name, version: typeof e.version === 'string' ? e.version.slice(0, 40) : '', description: typeof e.description === 'string' ? e.description.slice(0, 300) : '' })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

/** `mip`'s shortcuts: `github:org/repo/path` and `gitlab:org/repo/path` at a branch or tag (default HEAD). */
export function rewriteUrl(url: string, branch = 'HEAD'): string {
  const m = /^(github|gitlab):([^/]+)\/([^/]+)\/?(.*)$/.exec(url)
  if (!m) return url
  const [, host, org, repo, rest] = m
  return host === 'github' ? `https://raw.githubusercontent.com/${org}/${repo}/${branch}/${rest}` : `https://gitlab.com/${org}/${repo}/-/raw/${branch}/${rest}`
}

function packageJson(bytes: Uint8Array, url: string): { hashes: [string, string][]; urls: [string, string][]; deps: [string, string | undefined][]; version: string } {
  let j: unknown
  try {
    j = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new CodedError('PACKAGE_INVALID', `${url} is not JSON`)
  }
  const pairs = (v: unknown, what: string): [string, string][] => {
    if (v === undefined) return []
    if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length >= 1 && p.length <= 2 && p.every((x) => typeof x === 'string'))) {
      throw new CodedError('PACKAGE_INVALID', `${url}: "${what}" is not a list of string pairs`)
    }
    return v as [string, string][]
  }
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new CodedError('PACKAGE_INVALID', `${url} is not a package description`)
  const o = j as Record<string, unknown>
  const hashes = pairs(o['hashes'], 'hashes')
  const urls = pairs(o['urls'], 'urls')
  if ([...hashes, ...urls].some((p) => p.length !== 2)) throw new CodedError('PACKAGE_INVALID', `${url}: a file entry needs a path and a source`)
  for (const [, h] of hashes) if (!/^[0-9a-f]{6,64}$/.test(h)) throw new CodedError('PACKAGE_INVALID', `${url}: "${h}" is not a file hash`)
  return { hashes, urls, deps: pairs(o['deps'], 'deps').map(([n, v]) => [n, v]), version: typeof o['version'] === 'string' ? o['version'] : '' }
}

/**
 * Resolves the package and its dependencies to the files to write, downloads and checks them all,
 * then writes them into `apps/<app>/`. Refuses (writing nothing) when a path leaves the app folder,
 * a file's bytes do not match the index's hash, a limit is passed, or, without `force`, a file
 * already there differs.
 */
export async function installPackage(fs: ProjectFs, o: InstallOptions): Promise<InstallResult> {
  if (slugProblem(o.app)) throw new CodedError('INVALID_SLUG', o.app)
  const appInit = await fs.resolve(`apps/${o.app}/__init__.py`)
  if (!(await stat(appInit.abs).then((s) => s.isFile(), () => false))) throw new CodedError('APP_NOT_FOUND', appInit.rel)
  const index = indexUrl(o.index)
  const get = o.fetchBytes ?? fetchBytes
  const say = o.onProgress ?? (() => undefined)
  const planned = new Map<string, PlannedFile>()
  const packages: InstallResult['packages'] = []
  const seen = new Set<string>()

  const plan = (target: string, url: string, hash?: string): void => {
    const check = checkRelPath(target)
    if (!check.ok) throw new CodedError('PACKAGE_INVALID', `the package wants to write "${target}" (${check.code}): refused`)
    const rel = `apps/${o.app}/${check.path}`
    if (!planned.has(rel)) planned.set(rel, { rel, url, ...(hash ? { hash } : {}) })
    if (planned.size > LIMITS.files) throw new CodedError('PACKAGE_INVALID', `more than ${LIMITS.files} files`)
  }
  const resolve = async (name: string, version: string | undefined): Promise<void> => {
    // Each package once, at the first version asked for (mip's order: the package, then its dependencies).
    if (seen.has(name)) return
    seen.add(name)
    if (seen.size > LIMITS.packages) throw new CodedError('PACKAGE_INVALID', `more than ${LIMITS.packages} packages`)
    let url: string
    if (isUrl(name)) {
      if (/\.py$/.test(name)) {
        plan(name.split('/').pop()!, rewriteUrl(name, version))
        packages.push({ name, version: version ?? '' })
        return
      }
      if (/\.mpy$/.test(name)) throw new CodedError('PACKAGE_INVALID', `${name}: compiled .mpy files are not added to a project (use the .py source)`)
      url = rewriteUrl(name.endsWith('.json') ? name : `${name.replace(/\/?$/, '/')}package.json`, version)
    } else {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new CodedError('PACKAGE_INVALID', `"${name}" is not a package name or URL`)
      url = `${index}/package/py/${name}/${version ?? 'latest'}.json`
    }
    say(`Resolving ${name}${version ? `@${version}` : ''}`)
    const pkg = packageJson(await get(url), url)
    packages.push({ name, version: pkg.version || version || 'latest' })
    for (const [target, hash] of pkg.hashes) plan(target, `${index}/file/${hash.slice(0, 2)}/${hash}`, hash)
    for (const [target, src] of pkg.urls) plan(target, rewriteUrl(src, version))
    for (const [dep, depVersion] of pkg.deps) await resolve(dep, depVersion)
  }
  const { name, version } = parseSpec(o.spec)
  await resolve(name, version)

  // Everything is downloaded and checked before the first write.
  const files: Array<PlannedFile & { data: Uint8Array }> = []
  let total = 0
  for (const f of planned.values()) {
    say(`Downloading ${f.rel}`)
    const data = await get(f.url)
    total += data.length
    if (total > LIMITS.totalBytes) throw new CodedError('PACKAGE_INVALID', `the files pass ${LIMITS.totalBytes} bytes`)
    if (f.hash && !createHash('sha256').update(data).digest('hex').startsWith(f.hash)) {
      throw new CodedError('PACKAGE_INVALID', `${f.url} does not match its hash ${f.hash}: nothing was written`)
    }
    files.push({ ...f, data })
  }
  const written: string[] = []
  const unchanged: string[] = []
  const differ: string[] = []
  for (const f of files) {
    const old = await fs.readBytes(f.rel).catch((e: unknown) => {
      if (e instanceof CodedError && e.code === 'NOT_FOUND') return null
      throw e
    })
    if (old && Buffer.from(old).equals(f.data)) unchanged.push(f.rel)
    else if (old && !o.force) differ.push(f.rel)
  }
  if (differ.length) throw new CodedError('PACKAGE_CONFLICT', differ.join(', '))
  for (const f of files) {
    if (unchanged.includes(f.rel)) continue
    await fs.writeFile(f.rel, f.data)
    written.push(f.rel)
  }
  return { packages, written, unchanged }
}
