/**
 * Files on the device through the raw REPL: list, read (checked against the size the device
 * reports), write (through the one {@link DeviceWriter}), delete, mkdir, rename, stat and hashes. The method for each operation is picked
 * from the capability probe, so a firmware with only `os.listdir` and `os.size` still works.
 */
import { IMPORT_OS } from '../../../shared/protocol/device-imports'
import { CodedError } from '../../../shared/ipc/result'
import { pyStr } from '../../../shared/protocol/python-literal'
import { parsePythonRepr, type PyValue } from '../../../shared/protocol/python-repr'
import { base64Decode } from '../../../shared/protocol/base64'
import { devicePathProblem, normalizeDevicePath } from '../../../shared/protocol/device-path'
import { COOKIE_NAME } from '../../../shared/deploy/layout'
import type { DeviceCapabilities } from './capabilities'
import { deviceError } from './device-errors'
import { DeviceWriter, writeCheck, WriteRefused, type WriteMethod } from './device-writer'
import type { ExecResult, RawRepl } from './raw-repl'

/** One entry of a device listing. */
export interface DeviceEntry {
  /** Absolute device path. */
  path: string
  name: string
  kind: 'file' | 'dir'
  /** Size in bytes (0 for directories). */
  size: number
}

/** Options of {@link DeviceFiles.writeFile}. */
export interface WriteOptions {
  /** Called as bytes reach the device with bytes written so far and the total. */
  onProgress?: (done: number, total: number) => void
  /** Stops the write between execs: the partial copy is removed, the old file stays, CANCELLED. */
  signal?: AbortSignal
}

/** What {@link DeviceFiles.writeFile} did. */
export interface WriteReport {
  bytes: number
  method: WriteMethod
  /** How the device checked the file before it replaced the target. */
  verifiedBy: 'sha256' | 'adler32'
}

/** Removes what the snippets below define (functions, the open file, loop variables). */
const CLEANUP = "try:\n f.close()\nexcept Exception:\n pass\nfor _n in ('_k','_w','_h','_r','_e','f','b','p','c'):\n try:\n  del globals()[_n]\n except KeyError:\n  pass\ndel _n\n"

/**
 * Python removing the deploy cookies of the folders holding `target`: a file written outside a deploy
 * (put, the file browser) may keep its size, and the next deploy must look at the files, not trust
 * its record. One line per folder (`os.remove`, quietly).
 */
function forgetDeploy(target: string): string {
  const dirs: string[] = []
  for (let d = target.slice(0, target.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.push(d)
  return `for _p in (${[...dirs, ''].map((d) => `${pyStr(`${d}/${COOKIE_NAME}`)},`).join('')}):\n try:\n  os.remove(_p)\n except OSError:\n  pass\ndel _p\n`
}

/** The file operations of one connected device. */
export class DeviceFiles {
  /** The one writer (put, the file browser and deploy). */
  readonly writer: DeviceWriter

  constructor(
    private readonly repl: RawRepl,
    private readonly caps: DeviceCapabilities,
  ) {
    this.writer = new DeviceWriter(repl, caps, (p) => this.fsName(p))
  }

  /** The name the firmware uses for a device path (the micro:bit's flat filesystem has bare names). */
  fsName(path: string): string {
    const problem = devicePathProblem(path)
    if (problem) throw new CodedError('DEVICE_PATH_INVALID', `${JSON.stringify(path)}: ${problem}`)
    const p = normalizeDevicePath(path)
    if (!this.caps.flatFs) return p
    if (p === '/') return ''
    if (p.indexOf('/', 1) >= 0) throw new CodedError('DEVICE_PATH_INVALID', `${p}: this device has no folders`)
    return p.slice(1)
  }

  /** Imports os under that name on every port (`uos` on old ones). */
  private get importOs(): string {
    return IMPORT_OS
  }

  /**
   * Runs code and throws the device's error (mapped to a code) if it raised. The names the code
   * defined are removed at its end, so nothing stays on the heap.
   */
  private async run(code: string, context: string, timeoutMs?: number): Promise<ExecResult> {
    const r = await this.repl.execOwn(code + CLEANUP, timeoutMs === undefined ? {} : { timeoutMs })
    if (!r.stderr) return r
    // The code stopped before its clean-up: an open file and the snippet's names would stay.
    await this.repl.execOwn(CLEANUP).catch(() => undefined)
    throw deviceError(r.stderr, context)
  }

  /** Runs code that prints one repr per line; returns the parsed values. */
  private async runLines(code: string, context: string): Promise<PyValue[]> {
    const r = await this.run(code, context)
    return r.stdout
      .split('\n')
      .map((l) => l.replace(/\r$/, ''))
      .filter((l) => l !== '')
      .map((l) => {
        try {
          return parsePythonRepr(l)
        } catch (e) {
          throw new CodedError('PROTOCOL_ERROR', `${context}: ${(e as Error).message}`)
        }
      })
  }

  /** Python expression giving the kind/size of path `p`: -1 for a directory, else the size. */
  private get sizeFn(): string {
    if (this.caps.flatFs && this.caps.os.size) return 'def _k(p):\n return os.size(p)\n'
    if (this.caps.os.stat) return 'def _k(p):\n s=os.stat(p)\n return -1 if s[0]&0x4000 else s[6]\n'
    if (this.caps.os.size) return 'def _k(p):\n try:\n  return os.size(p)\n except Exception:\n  os.listdir(p)\n  return -1\n'
    return "def _k(p):\n try:\n  f=open(p,'rb')\n except OSError:\n  os.listdir(p)\n  return -1\n n=0\n while 1:\n  b=f.read(256)\n  if not b:\n   break\n  n+=len(b)\n f.close()\n return n\n"
  }

  /**
   * Lists a directory; with `recursive`, the whole tree below it (directories before their
   * contents). Works with only `os.listdir` + `os.size` (flat micro:bit filesystem).
   */
  async listDir(path = '/', recursive = false): Promise<DeviceEntry[]> {
    const dir = this.fsName(path)
    let code: string
    if (this.caps.flatFs) {
      code = this.importOs + this.sizeFn + 'for n in os.listdir():\n print(repr((n,_k(n))))\n'
    } else if (this.caps.os.ilistdir) {
      code =
        this.importOs +
        `def _w(d,r):\n for e in os.ilistdir(d):\n  p=(d if d!='/' else '')+'/'+e[0]\n  if e[1]&0x4000:\n   print(repr((p,-1)))\n   if r:\n    _w(p,r)\n  else:\n   print(repr((p,e[3] if len(e)>3 else os.stat(p)[6])))\n_w(${pyStr(dir)},${recursive ? 1 : 0})\n`
    } else {
      code =
        this.importOs +
        this.sizeFn +
        `def _w(d,r):\n for n in os.listdir(d):\n  p=(d if d!='/' else '')+'/'+n\n  k=_k(p)\n  print(repr((p,k)))\n  if k<0 and r:\n   _w(p,r)\n_w(${pyStr(dir)},${recursive ? 1 : 0})\n`
    }
    const rows = await this.runLines(code, `listing ${path}`)
    return rows.map((row) => {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'number') {
        throw new CodedError('PROTOCOL_ERROR', `listing ${path}: unexpected row`)
      }
      const p = this.caps.flatFs ? '/' + row[0] : row[0]
      const isDir = row[1] < 0
      return { path: p, name: p.slice(p.lastIndexOf('/') + 1), kind: isDir ? 'dir' : 'file', size: isDir ? 0 : row[1] }
    })
  }

  /** The whole tree under `path` (recursive {@link listDir}). */
  listTree(path = '/'): Promise<DeviceEntry[]> {
    return this.listDir(path, true)
  }

  /** Kind and size of `path`, or null when it does not exist. */
  async stat(path: string): Promise<{ kind: 'file' | 'dir'; size: number } | null> {
    const name = this.fsName(path)
    if (this.caps.flatFs && name === '') return { kind: 'dir', size: 0 }
    const code = this.importOs + this.sizeFn + `try:\n print(repr(_k(${pyStr(name)})))\nexcept OSError:\n print('None')\n`
    const [v] = await this.runLines(code, `stat ${path}`)
    if (v === null || v === undefined) return null
    if (typeof v !== 'number') throw new CodedError('PROTOCOL_ERROR', `stat ${path}: unexpected reply`)
    return v < 0 ? { kind: 'dir', size: 0 } : { kind: 'file', size: v }
  }

  /** Reads a whole file, binary-safe (base64 when binascii exists, bytes reprs otherwise). */
  async readFile(path: string): Promise<Uint8Array> {
    const name = this.fsName(path)
    const parts: Uint8Array[] = []
    // The size first: a read that delivers less than the device reports fails instead of passing as the file.
    const head = this.importOs + this.sizeFn + `print(_k(${pyStr(name)}))\nf=open(${pyStr(name)},'rb')\n`
    let lines: string[]
    if (this.caps.modules.binascii) {
      // One allocation a chunk (the base64 line, written as bytes): where garbage waits for the end of
      // the exec (the virtual badge), a read of the whole flash still fits the interpreter's cap.
      const r = await this.run(
        head + `import sys\nfrom binascii import b2a_base64 as _e\nb=bytearray(768)\nc=memoryview(b)\np=sys.stdout.write\nwhile 1:\n _k=f.readinto(b)\n if not _k:\n  break\n p(_e(c[:_k]))\nf.close()\n`,
        `reading ${path}`,
      )
      lines = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l)
      for (const l of lines.slice(1)) parts.push(base64Decode(l))
    } else {
      // repr() of a chunk needs up to 4x its size in one allocation: keep it small on a tiny heap.
      const small = this.repl.policy.smallHeap
      const r = await this.run(head + `while 1:\n b=f.read(${small ? 96 : 256})\n if not b:\n  break\n print(repr(b))\nf.close()\n`, `reading ${path}`)
      lines = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l)
      for (const l of lines.slice(1)) {
        let v: PyValue
        try {
          v = parsePythonRepr(l)
        } catch (e) {
          throw new CodedError('PROTOCOL_ERROR', `reading ${path}: ${(e as Error).message}`)
        }
        if (!(v instanceof Uint8Array)) throw new CodedError('PROTOCOL_ERROR', `reading ${path}: expected bytes`)
        parts.push(v)
      }
    }
    const data = Buffer.concat(parts)
    const size = Number(lines[0])
    if (size < 0) throw new CodedError('IS_A_DIRECTORY', `${path} is a folder`)
    if (data.length !== size) throw new CodedError('VERIFY_FAILED', `reading ${path}: got ${data.length} of the ${size} bytes the device reports`)
    return data
  }

  /** Deletes a file; with `recursive`, also a directory and everything in it. */
  async remove(path: string, recursive = false): Promise<void> {
    const name = this.fsName(path)
    if (name === '' || name === '/') throw new CodedError('DEVICE_PATH_INVALID', 'refusing to delete the root folder')
    let code = this.importOs
    if (recursive && !this.caps.flatFs) {
      code += this.sizeFn + `def _r(p):\n if _k(p)<0:\n  for n in os.listdir(p):\n   _r(p+'/'+n)\n  os.rmdir(p)\n else:\n  os.remove(p)\n_r(${pyStr(name)})\n`
    } else code += `os.remove(${pyStr(name)})\n`
    await this.run(code, `deleting ${path}`)
  }

  /** Creates a directory (with `parents`, every missing level, like mkdir -p). */
  async mkdir(path: string, parents = false): Promise<void> {
    const name = this.fsName(path)
    if (this.caps.flatFs || !this.caps.os.mkdir) throw new CodedError('DEVICE_UNSUPPORTED', 'this device has no folders')
    const code = parents
      ? // errno for "exists" differs across ports; an existing level is fine if it lists as a folder.
        this.importOs + `p=''\nfor c in ${pyStr(name)}.split('/')[1:]:\n p+='/'+c\n try:\n  os.mkdir(p)\n except OSError:\n  os.listdir(p)\n`
      : this.importOs + `os.mkdir(${pyStr(name)})\n`
    await this.run(code, `creating folder ${path}`)
  }

  /** Renames (moves) a file or folder. */
  async rename(from: string, to: string): Promise<void> {
    if (!this.caps.os.rename) throw new CodedError('DEVICE_UNSUPPORTED', 'os.rename is not available on this firmware')
    await this.run(this.importOs + `os.rename(${pyStr(this.fsName(from))},${pyStr(this.fsName(to))})\n`, `renaming ${from}`)
  }

  /**
   * Writes one file through the {@link DeviceWriter}: old or new whatever happens, checked on the
   * device before it replaces the target, parent folders created.
   */
  async writeFile(path: string, data: Uint8Array, opts: WriteOptions = {}): Promise<WriteReport> {
    const target = this.fsName(path)
    if (target === '' || target === '/') throw new CodedError('DEVICE_PATH_INVALID', 'cannot write to the root folder')
    const item = { path, data }
    const method = this.writer.methodFor([item])
    // A write onto a folder, or (where the device can say its free space) one that cannot fit, is refused before any byte is sent.
    let before = this.caps.os.stat && !this.caps.flatFs ? writeCheck(target, data.length, this.caps.os.statvfs) : ''
    if (!this.caps.flatFs) before += forgetDeploy(target)
    try {
      await this.writer.write([item], { onBytes: (_p, done) => opts.onProgress?.(done, data.length), ...(opts.signal ? { signal: opts.signal } : {}), ...(before ? { before } : {}) })
    } catch (e) {
      if (!(e instanceof WriteRefused)) throw e
      throw new CodedError('DEVICE_NO_SPACE', `${path} needs ${data.length} bytes; the badge has ${e.said} free. Nothing was written.`)
    }
    return { bytes: data.length, method, verifiedBy: this.writer.verifiedBy }
  }
}
