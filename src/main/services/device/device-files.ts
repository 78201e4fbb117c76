/**
 * Files on the device through the raw REPL: list, read, write (binary-safe, atomic where rename
 * exists, verified), delete, mkdir, rename, stat and hashes. The method for each operation is picked
 * from the capability probe, so a firmware with only `os.listdir` and `os.size` still works.
 */
import { createHash } from 'node:crypto'
import { CodedError } from '../../../shared/ipc/result'
import { guardedCode } from '../../../shared/protocol/guarded-code'
import { pyBytes, pyBytesLength, pyStr } from '../../../shared/protocol/python-literal'
import { parsePythonRepr, type PyValue } from '../../../shared/protocol/python-repr'
import { base64Decode, base64Encode } from '../../../shared/protocol/base64'
import { devicePathProblem, deviceDirname, normalizeDevicePath } from '../../../shared/protocol/device-path'
import type { DeviceCapabilities } from './capabilities'
import { deviceError } from './device-errors'
import { COLLECT_GARBAGE } from './heap-room'
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
  /** Called after each acknowledged chunk with bytes written so far and the total. */
  onProgress?: (done: number, total: number) => void
  /** Force a method (tests and the benchmark); default picks the fastest the device supports. */
  method?: WriteMethod
  /** Receiver chunk size in bytes (ACK per chunk). Default by byte reader: uart 56, stdin 2048. */
  chunkSize?: number
}

/** How file bytes travel: a raw-byte receiver with ACKs, or code chunks (base64 or bytes literals). */
export type WriteMethod = 'receiver' | 'base64' | 'literal'

/** What {@link DeviceFiles.writeFile} did. */
export interface WriteReport {
  bytes: number
  method: WriteMethod
  /** How success was checked. */
  verifiedBy: 'sha256' | 'size'
  /** True when a temporary file was renamed over the target. */
  atomic: boolean
  /** Set when verification failed once and the whole file was written again in small execs. */
  redone?: true
}

const ACK = 0x06
const NAK = 0x15
/** The receiver gives up after this long without a byte, re-enabling Ctrl-C. */
const RECEIVER_IDLE_MS = 3000
/**
 * Receiver chunk for the micro:bit UART: its receive ring holds 64 bytes and drops the rest while
 * Python is busy writing flash, so never have more than this in flight.
 */
const UART_CHUNK = 56
/**
 * A base64 decoder for firmware without binascii (the micro:bit): whole 4-character groups, no
 * padding. Decodes at well over the link's speed, so binary costs 1.33 wire bytes per byte.
 */
const PY_BASE64_SETUP =
  "_T=bytearray(256)\nfor i,c in enumerate(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'):\n _T[c]=i\n" +
  'def _d(s,T=_T):\n o=bytearray(len(s)//4*3)\n j=0\n for i in range(0,len(s),4):\n  n=T[s[i]]<<18|T[s[i+1]]<<12|T[s[i+2]]<<6|T[s[i+3]]\n  o[j]=n>>16\n  o[j+1]=n>>8&255\n  o[j+2]=n&255\n  j+=3\n return o\n'
/**
 * Device-side checks of one piece (`_g`) and of the file name (`_q`) before anything is written: a
 * piece or name that lost bytes on a link without flow control has the wrong length, and is refused
 * as a SyntaxError (nothing written, so the exec can simply be sent again).
 */
const PIECE_CHECK =
  "def _g(d,n):\n if len(d)!=n:\n  raise SyntaxError('bide: piece damaged')\n return d\n" +
  // The file name too: a name that lost a byte would open some other file.
  "def _q(s,n):\n return _g(bytes(s,'utf-8'),n) and s\n"
/** Base64 decoding that turns a damaged group into a length mismatch instead of an exception. */
const PIECE_DECODE = "def _b(s):\n try:\n  return _d(s)\n except Exception:\n  return b''\n"
/** Characters around one piece's literal: `_x=_g(b'',256)\n_w(_x)\n`. */
const PIECE_OVERHEAD = 24
/** Exec size that always fits the micro:bit's 64-byte receive ring, whatever the REPL is doing. */
const RING_SAFE_CODE = 60
/** Unpaced exec size on a UART firmware: a few rings' worth, drained by the REPL's C reader. */
const UART_BURST_CODE = 256
/** Exec size while own code goes through echo-paced paste mode (nothing is lost, the heap bounds it). */
const ECHOED_CODE = 512

/** Errors that mean "the code or data arrived damaged" rather than a device refusal. */
function isDamage(e: unknown): boolean {
  const c = e as CodedError
  // A lost Ctrl-D shows up as no "OK" (a timeout); lost code bytes as a SyntaxError, a misaligned
  // base64 group (IndexError) or a wrong size. File-system refusals carry their own codes.
  return (
    c.code === 'VERIFY_FAILED' ||
    c.code === 'PROTOCOL_ERROR' ||
    c.code === 'DEVICE_ERROR' ||
    (c.code === 'DEVICE_TIMEOUT' && /OK after code/.test(c.detail ?? ''))
  )
}

/** The file operations of one connected device. */
export class DeviceFiles {
  /**
   * Whether code chunks may go in bursts larger than the receive ring in plain raw mode. The raw REPL
   * reads input in C, so bursts normally arrive whole; a damaged write is redone in execs of
   * {@link RING_SAFE_CODE}, later bursts are halved, and after a third one this turns false for
   * the connection.
   */
  private burstsOk = true
  /** True when the last code-chunk write used unpaced bursts. */
  private burstsUsed = false
  /**
   * The Python base64 decoder stays in the REPL's globals between writes; a soft reset or the
   * friendly REPL may clear them, so the session calls {@link forgetHelpers} then.
   */
  private helperInstalled = false
  /** The piece checks (`_g`, `_q`, `_b`) are defined in the REPL globals. */
  private pieceHelpersInstalled = false
  /** Writes on this connection whose bursts came through damaged. */
  private damagedBursts = 0
  /** False once the raw receiver failed to start on this connection. */
  private receiverOk = true
  /** The receiver (`_Rx`) is defined in the REPL globals. */
  private receiverInstalled = false
  /** True once the current receiver run sent its first ACK. */
  private receiverStarted = false

  constructor(
    private readonly repl: RawRepl,
    private readonly caps: DeviceCapabilities,
  ) {}

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
    return 'try:\n import os\nexcept ImportError:\n import uos as os\n'
  }

  /** Runs code and throws the device's error (mapped to a code) if it raised. */
  private async run(code: string, context: string, timeoutMs?: number): Promise<ExecResult> {
    const r = await this.repl.execOwn(code, timeoutMs === undefined ? {} : { timeoutMs })
    if (r.stderr) throw deviceError(r.stderr, context)
    return r
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

  /**
   * SHA-256 (hex) of each file in one exec; null for a missing file. Requires `hashlib.sha256`
   * (`DEVICE_UNSUPPORTED` otherwise: callers fall back to sizes or a local record).
   */
  async hashFiles(paths: string[]): Promise<Record<string, string | null>> {
    if (!this.caps.sha256) throw new CodedError('DEVICE_UNSUPPORTED', 'hashlib.sha256 is not available on this firmware')
    const names = paths.map((p) => this.fsName(p))
    const code =
      'import hashlib\n' +
      "def _h(p):\n try:\n  f=open(p,'rb')\n except OSError:\n  return None\n h=hashlib.sha256()\n b=bytearray(512)\n while 1:\n  n=f.readinto(b)\n  if not n:\n   break\n  h.update(b[:n] if n<512 else b)\n f.close()\n return h.digest()\n" +
      `for p in (${names.map((s) => pyStr(s)).join(',')},):\n print(repr(_h(p)))\n`
    const rows = await this.runLines(code, 'hashing files')
    const out: Record<string, string | null> = {}
    paths.forEach((p, i) => {
      const v = rows[i]
      out[p] = v instanceof Uint8Array ? Buffer.from(v).toString('hex') : null
    })
    return out
  }

  /** Reads a whole file, binary-safe (base64 when binascii exists, bytes reprs otherwise). */
  async readFile(path: string): Promise<Uint8Array> {
    const name = this.fsName(path)
    const parts: Uint8Array[] = []
    if (this.caps.modules.binascii) {
      const code = `from binascii import b2a_base64 as _e\nf=open(${pyStr(name)},'rb')\nwhile 1:\n b=f.read(768)\n if not b:\n  break\n print(_e(b).decode().strip())\nf.close()\ndel f,b,_e\n`
      const r = await this.run(code, `reading ${path}`)
      for (const line of r.stdout.split('\n')) {
        const l = line.trim()
        if (l) parts.push(base64Decode(l))
      }
    } else {
      // repr() of a chunk needs up to 4x its size in one allocation: keep it small on a tiny heap.
      const small = this.caps.memFree > 0 && this.caps.memFree < 32768
      const rows = await this.runLines(
        `${small ? COLLECT_GARBAGE : ''}f=open(${pyStr(name)},'rb')\nwhile 1:\n b=f.read(${small ? 96 : 256})\n if not b:\n  break\n print(repr(b))\nf.close()\ndel f,b\n`,
        `reading ${path}`,
      )
      for (const v of rows) {
        if (!(v instanceof Uint8Array)) throw new CodedError('PROTOCOL_ERROR', `reading ${path}: expected bytes`)
        parts.push(v)
      }
    }
    return Buffer.concat(parts)
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

  /** Forgets helpers installed in the device's globals (after a soft reset or friendly-REPL use). */
  forgetHelpers(): void {
    this.helperInstalled = false
    this.pieceHelpersInstalled = false
    this.receiverInstalled = false
  }

  /**
   * The fastest write method this device supports: the raw-byte receiver where running code reads
   * stdin in C (`sys.stdin.buffer`, USB CDC with flow control); otherwise code chunks, base64 when
   * binascii exists. The micro:bit's `uart.read` loop runs in Python and a byte lost on the UART
   * stalls it until its idle deadline, while a damaged code chunk is simply sent again, so there the
   * receiver is only used on request.
   */
  bestWriteMethod(): WriteMethod {
    // The WebAssembly port runs each exec to completion inside one call, so running code can never
    // read bytes that arrive later: no receiver there.
    if (this.receiverOk && this.caps.kbdIntr && this.caps.byteReader === 'stdin' && this.caps.platform !== 'webassembly') return 'receiver'
    return this.caps.modules.binascii ? 'base64' : 'literal'
  }

  /**
   * The method for these bytes: {@link bestWriteMethod}, except that without binascii binary data
   * goes as base64 decoded by a small Python helper (1.33 bytes on the wire per byte instead of
   * about 2.9 for bytes literals) while text stays in bytes literals (about 1.05).
   */
  chooseWriteMethod(data: Uint8Array): WriteMethod {
    const best = this.bestWriteMethod()
    if (best !== 'literal' || !this.burstsOk) return best
    return pyBytesLength(data) > (data.length * 4) / 3 + PY_BASE64_SETUP.length ? 'base64' : 'literal'
  }

  /**
   * Writes a file, binary-safe. Bytes go to a temporary name and are renamed over the target when
   * the device has `os.rename` (so an interrupted write never leaves a half-written target); success
   * is reported only after the device's SHA-256 (or at least its size) matches. Parent folders are
   * created.
   */
  async writeFile(path: string, data: Uint8Array, opts: WriteOptions = {}): Promise<WriteReport> {
    const target = this.fsName(path)
    if (target === '' || target === '/') throw new CodedError('DEVICE_PATH_INVALID', 'cannot write to the root folder')
    const atomic = this.caps.os.rename
    const dest = atomic ? this.tempName(target) : target
    let method = opts.method ?? this.chooseWriteMethod(data)
    if (!this.caps.flatFs && this.caps.os.mkdir && deviceDirname(target) !== '/') await this.mkdir(deviceDirname(target), true)
    try {
      let verifiedBy: 'sha256' | 'size'
      let redone = false
      try {
        if (method === 'receiver') await this.writeWithReceiver(dest, data, opts)
        else await this.writeWithCode(dest, data, method, opts)
        verifiedBy = await this.verify(dest, data)
      } catch (e) {
        // A receiver that never said "ready" cannot read stdin on this port: use code chunks from now on.
        const linkLost = ['DISCONNECTED', 'NOT_CONNECTED'].includes((e as CodedError).code)
        if (method === 'receiver' && !opts.method && !this.receiverStarted && !linkLost) {
          this.receiverOk = false
          const fallback = this.chooseWriteMethod(data) as 'base64' | 'literal'
          await this.writeWithCode(dest, data, fallback, opts)
          const by = await this.verify(dest, data)
          if (atomic) await this.replace(dest, target)
          return { bytes: data.length, method: fallback, verifiedBy: by, atomic }
        }
        const lowMemory = (e as CodedError).code === 'DEVICE_MEMORY'
        // Code sent in bursts came through damaged (or the parser ran out of a fragmented heap): redo
        // this write in ring-sized execs after a collection. A second damaged burst on this
        // connection makes small execs permanent; one can be a fluke of a loaded host.
        const smallHeap = this.caps.memFree > 0 && this.caps.memFree < 32768
        if (method === 'receiver' || !(this.burstsUsed || (lowMemory && smallHeap)) || !(isDamage(e) || lowMemory)) throw e
        if (!lowMemory && ++this.damagedBursts >= 3) this.burstsOk = false
        // A NameError for the decoder means something cleared the globals: reinstall next time.
        this.forgetHelpers()
        // A small heap too fragmented to compile even a collection's worth of code gets a clean VM.
        if (lowMemory && smallHeap) await this.repl.softReset()
        else await this.repl.exec(COLLECT_GARBAGE)
        // The Python base64 helper is itself a long exec; ring-sized execs carry bytes literals.
        if (method === 'base64' && !this.caps.modules.binascii) method = 'literal'
        await this.writeWithCode(dest, data, method, opts, true)
        verifiedBy = await this.verify(dest, data)
        redone = true
      }
      if (atomic) await this.replace(dest, target)
      return redone ? { bytes: data.length, method, verifiedBy, atomic, redone } : { bytes: data.length, method, verifiedBy, atomic }
    } catch (e) {
      if (atomic && !this.repl.transport.closed) await this.removeQuietly(dest)
      throw e
    }
  }

  /** A temporary name next to `target` on the same filesystem. */
  tempName(target: string): string {
    const i = target.lastIndexOf('/')
    return `${target.slice(0, i + 1)}.${target.slice(i + 1)}.bide-tmp`
  }

  private async removeQuietly(name: string): Promise<void> {
    try {
      await this.repl.exec(this.importOs + `try:\n os.remove(${pyStr(name)})\nexcept OSError:\n pass\n`)
    } catch {
      // best effort: the link may be the reason we are here
    }
  }

  /** Renames `tmp` over `target`; removes the target first where the port refuses to clobber. */
  private async replace(tmp: string, target: string): Promise<void> {
    const code =
      this.importOs +
      `try:\n os.rename(${pyStr(tmp)},${pyStr(target)})\nexcept OSError:\n try:\n  os.remove(${pyStr(target)})\n except OSError:\n  pass\n os.rename(${pyStr(tmp)},${pyStr(target)})\n`
    await this.run(code, `replacing ${target}`)
  }

  private async verify(name: string, data: Uint8Array): Promise<'sha256' | 'size'> {
    const devPath = this.caps.flatFs ? '/' + name : name
    if (this.caps.sha256) {
      const digest = (await this.hashFiles([devPath]))[devPath]
      const want = createHash('sha256').update(data).digest('hex')
      if (digest !== want) throw new CodedError('VERIFY_FAILED', `sha256 on device ${digest ?? 'missing'}, expected ${want}`)
      return 'sha256'
    }
    const st = await this.stat(devPath)
    if (!st || st.size !== data.length) {
      const hint = st && st.size < data.length ? ' (a short write: the device may be full)' : ''
      throw new CodedError('VERIFY_FAILED', `size on device ${st ? st.size : 'missing'}, expected ${data.length}${hint}`)
    }
    return 'size'
  }

  /**
   * Characters of Python source per exec. With raw-paste the device paces us and compiles as it
   * receives, so only the heap bounds it. Plain raw mode has no flow control: a UART firmware
   * (micro:bit) keeps input in a 64-byte ring that overflows while the REPL is busy, so code goes
   * in short unpaced execs there, and in ring-sized ones once a burst has come through damaged.
   */
  private codeBudget(): number {
    const heapBound = Math.max(512, Math.min(16384, Math.floor((this.caps.memFree || 8192) / 4)))
    if (this.repl.rawPasteSupported) return heapBound
    // Echo-paced paste mode paces itself: larger execs spread its per-exec handshakes thinner.
    if (this.repl.prefersEchoedPaste) return Math.min(heapBound, ECHOED_CODE)
    if (!this.burstsOk) return RING_SAFE_CODE
    if (this.caps.byteReader !== 'uart') return heapBound
    // Each damaged burst on this connection halves the burst: 256, then 128 characters.
    return this.damagedBursts === 0 ? UART_BURST_CODE : UART_BURST_CODE / 2
  }

  /** The largest piece of `data` at `off` whose write line fits in `maxChars`. */
  private piece(data: Uint8Array, off: number, method: 'base64' | 'literal', maxChars: number): Uint8Array {
    const end = Math.min(data.length, off + maxChars)
    if (method === 'base64') {
      const n = Math.max(3, Math.floor((maxChars - PIECE_OVERHEAD - 4) / 4) * 3)
      const stop = Math.min(end, off + n)
      // Keep pieces whole groups of 3 so only the very last one can be ragged.
      return data.subarray(off, stop === data.length ? stop : off + Math.max(3, Math.floor((stop - off) / 3) * 3))
    }
    let chars = PIECE_OVERHEAD
    let i = off
    for (; i < end; i++) {
      const b = data[i]!
      const c = b === 0x5c || b === 0x27 ? 2 : b >= 0x20 && b < 0x7f ? 1 : 4
      if (chars + c > maxChars && i > off) break
      chars += c
    }
    return data.subarray(off, i)
  }

  private async writeWithCode(name: string, data: Uint8Array, method: 'base64' | 'literal', opts: WriteOptions, small = false): Promise<void> {
    const pacing = this.repl.plainPacing
    this.burstsUsed = this.burstsOk && !small && !this.repl.rawPasteSupported
    // Pacing is replaced by the per-exec budget: one burst per exec, the device's reply paces us.
    this.repl.setPlainPacing(1 << 20, 0)
    if (method === 'base64' && !this.caps.modules.binascii && !this.helperInstalled) {
      // Guarded: a decoder table that lost a byte would decode wrongly at the right length.
      await this.run(guardedCode(PY_BASE64_SETUP), 'installing the base64 helper')
      this.helperInstalled = true
    }
    // The piece checks, once per connection (like the decoder). Guarded: a helper that lost a byte
    // can still compile and misbehave when called. A heap too fragmented to compile it twice ends in
    // a soft reset (see writeFile).
    if (!this.pieceHelpersInstalled) {
      let prep = this.caps.modules.binascii ? 'from binascii import a2b_base64 as _d\n' : ''
      prep += PIECE_CHECK + PIECE_DECODE
      await this.run(guardedCode(prep), 'preparing to write')
      this.pieceHelpersInstalled = true
    }
    // On a small heap collect first, in its own tiny exec: the parser needs room for the next one.
    if (this.caps.memFree && this.caps.memFree < 32768) await this.run(COLLECT_GARBAGE, 'collecting garbage')
    const open = `_f=open(_q(${pyStr(name)},${Buffer.byteLength(name, 'utf8')}),'wb')\n_w=_f.write\n`
    const close = '_f.close()\ndel _f,_w\n_x=None\n'
    let opened = false
    let closed = false
    try {
      const budget = small ? RING_SAFE_CODE : this.codeBudget()
      // Opening rides along with the first piece unless the budget is too small for both.
      if (budget - open.length < 48) {
        await this.run(open, `opening ${name}`)
        opened = true
      }
      let off = 0
      do {
        // One piece per exec, checked on the device before anything is written: a piece that lost
        // bytes on the way raises SyntaxError first, and execOwn sends the exec again.
        const room = budget - (opened ? 0 : open.length)
        const piece = off < data.length ? this.piece(data, off, method, room) : new Uint8Array(0)
        // The Python helper decodes whole groups only; a ragged tail goes as a bytes literal.
        const asBase64 = method === 'base64' && (this.caps.modules.binascii || piece.length % 3 === 0)
        let code = piece.length ? `_x=_g(${asBase64 ? `_b(b'${base64Encode(piece)}')` : pyBytes(piece)},${piece.length})\n` : ''
        if (!opened) code += open
        if (piece.length) code += '_w(_x)\n'
        off += piece.length
        const last = off >= data.length
        if (last && code.length + close.length <= budget) code += close
        await this.run(code, `writing ${name}`)
        opened = true
        if (last && code.endsWith(close)) closed = true
        opts.onProgress?.(off, data.length)
      } while (off < data.length)
      if (!closed) {
        await this.run(close, `closing ${name}`)
        closed = true
      }
    } finally {
      if (opened && !closed && !this.repl.transport.closed) await this.repl.exec(close).catch(() => undefined)
      this.repl.setPlainPacing(pacing.chunkSize, pacing.delayMs)
    }
  }

  /**
   * The device-side receiver, defined once per connection as own code (it reads no stdin while being
   * defined): `_Rx(p,n,c)` reads exactly n raw bytes in chunks of c with Ctrl-C disabled, ACK per
   * chunk. Its names start with `_R` so no other helper can rebind them.
   */
  private receiverSetup(): string {
    const reader =
      this.caps.byteReader === 'uart'
        ? // micro:bit: uart.read never blocks, so an idle deadline frees the device if the host vanishes.
          'from microbit import uart as _Ru\ntry:\n import utime as _RT\nexcept ImportError:\n import time as _RT\n' +
          `def _Rd(k):\n t=_RT.ticks_ms()\n while 1:\n  r=_Ru.read(k)\n  if r:\n   return r\n  if _RT.ticks_diff(_RT.ticks_ms(),t)>${RECEIVER_IDLE_MS}:\n   raise OSError(110)\n`
        : 'import sys\n_Rb=sys.stdin.buffer\ntry:\n import select\n _Rp=select.poll()\n _Rp.register(sys.stdin,select.POLLIN)\nexcept Exception:\n _Rp=None\n' +
          `def _Rd(k):\n if _Rp and not _Rp.poll(${RECEIVER_IDLE_MS}):\n  raise OSError(110)\n return _Rb.read(min(k,256))\n`
    return (
      'import micropython\n' +
      reader +
      `def _Rx(p,n,c):\n f=open(p,'wb')\n e=None\n micropython.kbd_intr(-1)\n try:\n  print(end='\\x06')\n  while n>0:\n   k=min(n,c)\n   n-=k\n   d=b''\n   while k>0:\n    r=_Rd(k)\n    k-=len(r)\n    d=d+r if d else r\n   print(end='\\x06' if e is None else '\\x15')\n   if e:\n    break\n   try:\n    f.write(d)\n   except Exception as x:\n    e=x\n  if e is None:\n   f.close()\n   f=None\n finally:\n  micropython.kbd_intr(3)\n  if f:\n   try:\n    f.close()\n   except OSError:\n    pass\n if e:\n  raise e\n`
    )
  }

  private async writeWithReceiver(name: string, data: Uint8Array, opts: WriteOptions): Promise<void> {
    const chunk = opts.chunkSize ?? (this.caps.byteReader === 'uart' ? UART_CHUNK : 2048)
    const t = this.repl.transport
    if (!this.receiverInstalled) {
      await this.run(guardedCode(this.receiverSetup()), 'preparing the receiver')
      this.receiverInstalled = true
    }
    // The call is short enough for a 64-byte receive ring; the receiver then reads stdin, so it is
    // sent once, never resent.
    await this.repl.sendCode(`_Rx(${pyStr(name)},${data.length},${chunk})\n`)
    const ackTimeout = Math.max(this.repl.timeouts.handshake, 3000)
    const nextAck = async (): Promise<boolean> => {
      const b = (await t.readExactly(1, ackTimeout, 'chunk acknowledgement'))[0]
      if (b === ACK) return true
      // A NAK or the end of stdout (0x04): the receiver stopped; its traceback follows.
      t.unread(Uint8Array.of(b!))
      return false
    }
    this.receiverStarted = false
    try {
      let ok = await nextAck()
      this.receiverStarted = ok
      for (let off = 0; ok && off < data.length; off += chunk) {
        await t.write(data.subarray(off, Math.min(data.length, off + chunk)))
        ok = await nextAck()
        if (ok) opts.onProgress?.(Math.min(data.length, off + chunk), data.length)
      }
      if (!ok) {
        const nak = t.takeBuffered()
        if (nak[0] === NAK) t.unread(nak.subarray(1))
        else t.unread(nak)
      }
      const r = await this.repl.readExecReply()
      if (r.stderr) throw deviceError(r.stderr, `writing ${name}`)
      if (!ok) throw new CodedError('PROTOCOL_ERROR', `writing ${name}: the receiver stopped early`)
    } catch (e) {
      if ((e as CodedError).code === 'DEVICE_TIMEOUT') {
        // Lost bytes leave the receiver waiting with Ctrl-C disabled; anything we send now would be
        // eaten as file data. Its own idle deadline (3 s) ends it; wait for that, then resync.
        await this.repl.readExecReply({ timeoutMs: RECEIVER_IDLE_MS + 1500 }).catch(() => undefined)
      }
      this.repl.markUnknown()
      throw e
    }
  }
}
