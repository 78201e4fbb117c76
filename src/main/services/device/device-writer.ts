/**
 * The one device writer, for one file and for many (put, the file browser, deploy). Small files
 * travel several per exec; a big one is streamed, through the raw-byte receiver where the firmware
 * can read stdin, else in pieces of code. Each file goes to a temporary name next to its target,
 * is checked on the device (size and SHA-256, or Adler-32 without hashlib) and only then replaces
 * the target: by a rename, which replaces a file at once on the badge's filesystem; where a rename
 * cannot replace an existing file, or by a copy where the firmware has no rename (the micro:bit),
 * through a journal (`.bide-journal`, naming the verified temporary file). A cut during a journalled
 * replace is finished on the next connection ({@link recoveryCode}); a cut before it leaves the old file. Nothing is
 * deleted before the new bytes are on the device, so a file that does not fit leaves the old one.
 *
 * The helpers (`_B…`, `_R…`) are defined for each call and removed at its end, so their heap goes
 * back to whatever runs next.
 */
import { importBuiltin, IMPORT_OS } from '../../../shared/protocol/device-imports'
import { createHash } from 'node:crypto'
import { adler32 } from '../../../shared/deploy/checksum'
import { TEMP_SUFFIX } from '../../../shared/deploy/plan'
import { CodedError } from '../../../shared/ipc/result'
import { base64Encode } from '../../../shared/protocol/base64'
import { guardedCode } from '../../../shared/protocol/guarded-code'
import { pyBytes, pyBytesLength, pyStr } from '../../../shared/protocol/python-literal'
import type { DeviceCapabilities } from './capabilities'
import { deviceError } from './device-errors'
import { LineFramer } from './line-framer'
import type { RawRepl } from './raw-repl'

/** One file to write: a device path and its bytes. */
export interface WriteItem {
  path: string
  data: Uint8Array
}

/** Progress callbacks of {@link DeviceWriter.write}. */
export interface WriteProgress {
  /** A file was verified on the device and replaced its target. */
  onWritten?: (path: string) => void
  /** Bytes of `path` on the device so far. */
  onBytes?: (path: string, done: number) => void
  /**
   * Checked before each group of files, and between the execs of a file sent in pieces: when
   * aborted, the writer stops (what it confirmed stays; a file in pieces is removed again and the
   * write rejects with CANCELLED, its target untouched).
   */
  signal?: AbortSignal
  /**
   * Python run before the first file is touched (in the first exec, after the helpers). Raising
   * {@link REFUSED} there refuses the whole write: nothing is touched and
   * {@link DeviceWriter.write} rejects with {@link WriteRefused}.
   */
  before?: string
  /** Python run once every file was confirmed (in the last exec, before the helpers go). */
  after?: string
}

/** The exception type a write's `before` code raises to refuse the write (see {@link WriteProgress.before}). */
export const REFUSED = '_BG'

/** The write's `before` code refused it (see {@link WriteProgress.before}); nothing was written. */
export class WriteRefused extends Error {
  constructor(
    context: string,
    /** What the refusal said (the exception's argument), e.g. the free bytes of {@link writeCheck}. */
    readonly said = '',
  ) {
    super(`the device refused the write: ${context}`)
  }
}

/**
 * A write's `before` code that stops a write that cannot succeed before its bytes are sent: onto a
 * folder (OSError 21, IS_A_DIRECTORY), or, with `room`, where the filesystem holding `target` has
 * fewer than `bytes` free (the refusal, {@link REFUSED}, says how many are). The old file stays
 * until the new one is verified, so a replacement needs room for all of the new one; a temporary
 * copy an earlier cut left behind is removed first (the write would overwrite it anyway). A folder
 * still to be made counts as its nearest existing parent.
 */
export function writeCheck(target: string, bytes: number, room: boolean): string {
  const dir = target.slice(0, target.lastIndexOf('/')) || '/'
  let body = ` try:\n  k=os.stat(${pyStr(target)})[0]&0x4000\n except OSError:\n  k=0\n if k:\n  raise OSError(21)\n`
  if (room) {
    body +=
      ` class ${REFUSED}(Exception):\n  pass\n try:\n  os.remove(${pyStr(tempName(target))})\n except OSError:\n  pass\n` +
      // The folder may not exist yet (the writer makes it): its nearest existing parent is on the same filesystem.
      ` d=${pyStr(dir)}\n while 1:\n  try:\n   v=os.statvfs(d)\n   break\n  except OSError:\n   if d=='/':\n    return\n   d=d[:d.rfind('/')] or '/'\n` +
      ` if v[0]*v[3]<${bytes}:\n  raise ${REFUSED}(v[0]*v[3])\n`
  }
  return `def _Bn():\n${body}try:\n _Bn()\nfinally:\n del _Bn\n`
}

/** How bytes travel: several small files per exec, pieces of code, or the raw-byte receiver. */
export type WriteMethod = 'batch' | 'pieces' | 'receiver'

/** Name of the journal an interrupted replace leaves (at the filesystem root). */
export const JOURNAL = '.bide-journal'

const ACK = 0x06
const NAK = 0x15
/** The receiver gives up after this long without a byte, re-enabling Ctrl-C. */
const RECEIVER_IDLE_MS = 3000
/** Receiver bytes per ACK. */
const RECEIVER_CHUNK = 2048
/** A call's source size beside its data (names, length, hash). */
const CALL_OVERHEAD = 120

/** Python base64 decoding for firmware without binascii (whole 4-character groups, no padding). */
const PY_BASE64 =
  "_BT=bytearray(256)\nfor _i,_c in enumerate(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'):\n _BT[_c]=_i\n" +
  "def _Bd(s,T=_BT):\n if len(s)%4:\n  return b''\n o=bytearray(len(s)//4*3)\n j=0\n for i in range(0,len(s),4):\n  n=T[s[i]]<<18|T[s[i+1]]<<12|T[s[i+2]]<<6|T[s[i+3]]\n  o[j]=n>>16\n  o[j+1]=n>>8&255\n  o[j+2]=n&255\n  j+=3\n return o\n"

const HASH_SHA =
  importBuiltin('hashlib') +
  "def _Bh(p):\n h=hashlib.sha256()\n n=0\n f=open(p,'rb')\n b=bytearray(512)\n while 1:\n  k=f.readinto(b)\n  if not k:\n   break\n  n+=k\n  h.update(b if k==512 else b[:k])\n f.close()\n return (n,h.digest())\n"
const HASH_ADLER =
  "def _Bh(p):\n a=1\n s=0\n n=0\n f=open(p,'rb')\n while 1:\n  d=f.read(256)\n  if not d:\n   break\n  n+=len(d)\n  for c in d:\n   a=(a+c)%65521\n   s=(s+a)%65521\n f.close()\n return (n,(s<<16)|a)\n"
/** `_Bs(q,t)`: the replace step itself (rename, or a copy without rename). */
const REPLACE_RENAME = 'def _Bs(q,t):\n try:\n  os.rename(q,t)\n except OSError:\n  _Bz(t)\n  os.rename(q,t)\n'
const REPLACE_COPY =
  "def _Bs(q,t):\n a=open(q,'rb')\n b=open(t,'wb')\n while 1:\n  d=a.read(256)\n  if not d:\n   break\n  b.write(d)\n a.close()\n b.close()\n os.remove(q)\n"
const REMOVE_QUIETLY = 'def _Bz(p):\n try:\n  os.remove(p)\n except OSError:\n  pass\n'
/** Every global the helpers define (removed at the end of each call). */
const HELPER_NAMES = ['_Bh', '_Bd', '_BT', '_BV', '_Bj', '_Bp', '_Bz', '_Bs', '_Br', '_Bv', '_Bw', '_Bo', '_Ba', '_Bc', '_Bm', '_Bf', '_Bk', '_Bq', '_BJ', '_Rx', '_Rd', '_Rb', '_Rp']

/** Python removing the helpers (and closing a file a cut write left open). */
// pop(): a raise per missing name costs a JS exception each on the WebAssembly port.
export const HELPERS_CLEANUP = `_n=globals()\nif _n.get('_Bf'):\n try:\n  _Bf.close()\n except Exception:\n  pass\nfor _g in (${HELPER_NAMES.map((n) => `'${n}'`).join(',')}):\n _n.pop(_g,None)\ndel _n,_g\nimport gc\ngc.collect()\n`

/** The journal's path on this filesystem. */
function journalPath(caps: DeviceCapabilities): string {
  return caps.flatFs ? JOURNAL : '/' + JOURNAL
}

/**
 * Python finishing a replace a cut interrupted: the journal names a verified temporary file; if it
 * is still there the replace runs again, then the journal goes. A journal that was cut while being
 * written (no final newline) was written before the target was touched, so it is only removed.
 */
export function recoveryCode(caps: DeviceCapabilities): string {
  return (
    IMPORT_OS +
    REMOVE_QUIETLY +
    (caps.os.rename ? REPLACE_RENAME : REPLACE_COPY) +
    `_BJ=${pyStr(journalPath(caps))}\n` +
    "try:\n _Bf=open(_BJ)\n _Bq=_Bf.read()\n _Bf.close()\nexcept OSError:\n _Bq=None\nif _Bq and _Bq.endswith('\\n'):\n _Bq=_Bq[:-1]\n _Bk=_Bq.rfind('/')+1\n" +
    // A temporary name: finish the replace. Any other name: a new file that never completed.
    ` if _Bq[_Bk:_Bk+1]=='.' and _Bq.endswith(${pyStr(TEMP_SUFFIX)}):\n  _Bf=_Bq[:_Bk]+_Bq[_Bk+1:-${TEMP_SUFFIX.length}]\n` +
    '  try:\n   open(_Bq).close()\n   _Bs(_Bq,_Bf)\n  except OSError:\n   pass\n else:\n  _Bz(_Bq)\nif _Bq is not None:\n _Bz(_BJ)\n' +
    HELPERS_CLEANUP
  )
}

/** The temporary name next to `target` (`dir/.name.bide-tmp`). */
export function tempName(target: string): string {
  const i = target.lastIndexOf('/')
  return `${target.slice(0, i + 1)}.${target.slice(i + 1)}${TEMP_SUFFIX}`
}

/** The file writer of one connection. */
export class DeviceWriter {
  constructor(
    private readonly repl: RawRepl,
    private readonly caps: DeviceCapabilities,
    /** The firmware's name for a checked device path (bare names on a flat filesystem). */
    private readonly fsName: (path: string) => string,
  ) {}

  /** The bytes-literal length of each file's data, counted once (grouping asks several times). */
  private readonly literalLengths = new WeakMap<Uint8Array, number>()

  private literalLength(data: Uint8Array): number {
    let n = this.literalLengths.get(data)
    if (n === undefined) this.literalLengths.set(data, (n = pyBytesLength(data)))
    return n
  }

  /** How the device checks a file: `sha256` with hashlib, else Adler-32. */
  get verifiedBy(): 'sha256' | 'adler32' {
    return this.caps.sha256 ? 'sha256' : 'adler32'
  }

  /** True where running code reads raw bytes from stdin in C (USB CDC); never on the WebAssembly port, which runs each exec to its end. */
  private get receiver(): boolean {
    return this.caps.kbdIntr && this.caps.byteReader === 'stdin' && this.caps.platform !== 'webassembly'
  }

  /** Source characters one exec may carry. */
  private get budget(): number {
    return this.repl.policy.execChars
  }

  private hashExpr(data: Uint8Array): string {
    return this.caps.sha256 ? pyBytes(createHash('sha256').update(data).digest()) : String(adler32(data))
  }

  /** Base64 (decoded on the device) when it is shorter than a bytes literal. */
  private base64Pays(data: Uint8Array): boolean {
    return Math.ceil(data.length / 3) * 4 + 8 < this.literalLength(data)
  }

  private dataExpr(data: Uint8Array, pyDecoder: boolean): string {
    // The Python decoder takes whole groups only: a ragged piece goes as a literal.
    const b64 = (this.caps.modules.binascii || (pyDecoder && data.length % 3 === 0)) && this.base64Pays(data)
    return b64 ? `_Bd(b'${base64Encode(data)}')` : pyBytes(data)
  }

  private callCost(f: WriteItem): number {
    const lit = this.literalLength(f.data)
    return CALL_OVERHEAD + 2 * f.path.length + (this.caps.modules.binascii ? Math.min(lit, Math.ceil(f.data.length / 3) * 4) : lit)
  }

  /** True when the file travels inside a batch (several per exec); else it is streamed. */
  private fitsBatch(f: WriteItem): boolean {
    return this.callCost(f) <= this.budget
  }

  /** Groups files (in order) into what travels together: batches of small files, big files alone. */
  group<T extends WriteItem>(files: readonly T[]): T[][] {
    const out: T[][] = []
    let cur: T[] = []
    let size = 0
    for (const f of files) {
      const c = this.callCost(f)
      if (cur.length && (size + c > this.budget || !this.fitsBatch(f))) {
        out.push(cur)
        cur = []
        size = 0
      }
      cur.push(f)
      size += c
      if (!this.fitsBatch(f)) {
        out.push(cur)
        cur = []
        size = 0
      }
    }
    if (cur.length) out.push(cur)
    return out
  }

  /** The method a group travels by. */
  methodFor(files: readonly WriteItem[]): WriteMethod {
    if (files.length > 1 || this.fitsBatch(files[0]!)) return 'batch'
    return this.receiver ? 'receiver' : 'pieces'
  }

  /**
   * The helper definitions this call needs, one definition per piece: a small heap compiles them
   * one by one (and holds a guarded piece twice while doing so).
   */
  private helperCode(groups: readonly WriteItem[][], pyDecoder: boolean): string[] {
    const c = this.caps
    const methods = new Set(groups.map((g) => this.methodFor(g)))
    const out = [IMPORT_OS + REMOVE_QUIETLY, c.os.rename ? REPLACE_RENAME : REPLACE_COPY, c.sha256 ? HASH_SHA : HASH_ADLER]
    // A damaged base64 group may fail to decode at all: that comes out as a length mismatch below.
    if (c.modules.binascii) out.push(importBuiltin('binascii') + "def _Bd(s):\n try:\n  return binascii.a2b_base64(s)\n except Exception:\n  return b''\n")
    else if (pyDecoder) out.push(PY_BASE64)
    // A folder that exists costs one stat: a failed mkdir is a JS exception on the WebAssembly port.
    const exists = c.os.stat ? ' try:\n  os.stat(p)\n  return\n except OSError:\n  pass\n' : ''
    if (c.os.mkdir && !c.flatFs) out.push(`def _Bm(p):\n${exists} q=''\n for c in p.split('/')[1:]:\n  q+='/'+c\n  try:\n   os.mkdir(q)\n  except OSError:\n   pass\n`)
    // _Br: a rename that replaces the target at once needs nothing more; any other replace is
    // journalled (naming the verified temp) before the target is touched. _BV: a failed check,
    // its own exception type so the host tells it from everything else.
    const journalled = ' _Bj(q)\n _Bs(q,t)\n os.remove(_BJ)\n'
    const replace = c.os.rename ? `def _Br(q,t):\n try:\n  os.rename(q,t)\n except OSError:\n${journalled.replace(/^(?=.)/gm, ' ')}` : `def _Br(q,t):\n${journalled}`
    out.push(`class _BV(Exception):\n pass\n_BJ=${pyStr(journalPath(c))}\ndef _Bj(q):\n j=open(_BJ,'w')\n j.write(q+'\\n')\n j.close()\n${replace}`)
    // _Bp: where to write. Without rename a replace needs room for two copies; a new file, with
    // nothing old to keep, is written in place under a journal entry naming it.
    out.push(c.os.rename ? 'def _Bp(t,q):\n return q\n' : 'def _Bp(t,q):\n try:\n  open(t).close()\n  return q\n except OSError:\n  _Bj(t)\n  return t\n')
    // _Bv(target, temp, written, size, hash): a short write, or a file that reads back short (some
    // firmware reports a full filesystem only that way), means no space.
    out.push('def _Bv(t,q,k,n,x):\n r=_Bh(q) if k>=n else (k,0)\n if r[0]<n:\n  _Bz(q)\n  raise OSError(28)\n if r[0]!=n or r[1]!=x:\n  _Bz(q)\n  raise _BV(t,r[0])\n if q!=t:\n  _Br(q,t)\n else:\n  os.remove(_BJ)\n print(t)\n')
    // Data that lost bytes on a link without flow control has the wrong length: refused as a
    // SyntaxError before anything is written (execOwn sends it again).
    const damaged = "raise SyntaxError('bide: data damaged')"
    if (methods.has('batch')) out.push(`def _Bw(t,q,d,n,x):\n if len(d)!=n:\n  ${damaged}\n q=_Bp(t,q)\n f=open(q,'wb')\n try:\n  k=f.write(d)\n except OSError:\n  k=-1\n f.close()\n if k!=n:\n  _Bz(q)\n  raise OSError(28)\n _Bv(t,q,k,n,x)\n`)
    if (methods.has('pieces')) {
      // _Bo/_Ba/_Bc: a big file over several execs; _Bo closes what a resent exec may have left open.
      out.push("def _Bo(t,q):\n global _Bf,_Bk,_Bq\n try:\n  _Bf.close()\n except Exception:\n  pass\n _Bq=_Bp(t,q)\n _Bf=open(_Bq,'wb')\n _Bk=0\n")
      // A write the filesystem refused counts as a full one (the micro:bit may raise EBADF then);
      // the file is dropped without close(), which a full micro:bit filesystem can get wrong.
      out.push(`def _Ba(d,n):\n global _Bk,_Bf\n if len(d)!=n:\n  ${damaged}\n try:\n  k=_Bf.write(d)\n except OSError:\n  k=-1\n if k!=n:\n  _Bf=None\n  _Bz(_Bq)\n  raise OSError(28)\n _Bk+=k\n`)
      out.push('def _Bc(t,n,x):\n _Bf.close()\n _Bv(t,_Bq,_Bk,n,x)\n')
    }
    if (methods.has('receiver')) out.push(this.receiverCode())
    return out
  }

  /**
   * The device-side receiver: `_Rx(p,n,c)` reads exactly n raw bytes from stdin in chunks of c with
   * Ctrl-C disabled (a 0x03 in the data must not interrupt), an ACK per chunk, then closes the file.
   */
  private receiverCode(): string {
    return (
      'import sys,micropython\n_Rb=sys.stdin.buffer\ntry:\n import select\n _Rp=select.poll()\n _Rp.register(sys.stdin,select.POLLIN)\nexcept Exception:\n _Rp=None\n' +
      `def _Rd(k):\n if _Rp and not _Rp.poll(${RECEIVER_IDLE_MS}):\n  raise OSError(110)\n return _Rb.read(min(k,256))\n` +
      // A write that failed answers NAK (0x15) for the chunk it took, so no data is left unread.
      "def _Rx(p,n,c):\n f=open(p,'wb')\n e=None\n micropython.kbd_intr(-1)\n try:\n  print(end='\\x06')\n  while n>0:\n   k=min(n,c)\n   n-=k\n   d=b''\n   while k>0:\n    r=_Rd(k)\n    k-=len(r)\n    d=d+r if d else r\n   try:\n    f.write(d)\n   except Exception as x:\n    e=x\n   print(end='\\x06' if e is None else '\\x15')\n   if e:\n    break\n finally:\n  micropython.kbd_intr(3)\n  f.close()\n if e:\n  _Bz(p)\n  raise e\n"
    )
  }

  /** Runs own code; a device error becomes its code (a failed check is `VERIFY_FAILED`). */
  private async run(code: string, context: string, opts: { onStdout?: (t: string) => void } = {}): Promise<void> {
    const r = await this.repl.execOwn(code, { timeoutMs: 30_000, ...opts })
    if (!r.stderr) return
    if (r.exception?.type === REFUSED) throw new WriteRefused(context, r.exception.message)
    if (r.exception?.type === '_BV') throw new CodedError('VERIFY_FAILED', `${context}: the device read back different bytes (${r.exception.message})`)
    throw deviceError(r.stderr, context)
  }

  /**
   * Writes `files`, grouped as {@link group} does; `onWritten` runs for each file as the device
   * confirms it. On failure the files confirmed before stay written; every other target is old or new.
   */
  async write(files: readonly WriteItem[], progress: WriteProgress = {}): Promise<void> {
    if (!files.length) return
    const groups = this.group(files)
    const pyDecoder = !this.caps.modules.binascii && files.some((f) => this.base64Pays(f.data))
    const pieces = this.helperCode(groups, pyDecoder)
    // Room on a small heap: a clean VM, so the helpers and the data find space to compile.
    if (this.repl.policy.smallHeap) await this.repl.softReset()
    const helpers = pieces.join('')
    // Helpers ride with the first exec where it has room, and then `after` and the cleanup ride
    // with the last. Where the link can damage code that still compiles they go first, guarded,
    // a piece per exec (a small heap holds a guarded piece twice while compiling it).
    let carry = true
    if (this.repl.policy.resends > 1) {
      // A small heap that ran out while compiling a piece was soft-reset (execOwn): start again once.
      for (let attempt = 0; ; attempt++) {
        try {
          for (const p of pieces) await this.run(guardedCode(p), 'preparing to write')
          break
        } catch (e) {
          if (attempt > 0 || !this.repl.policy.smallHeap || (e as CodedError).code !== 'DEVICE_MEMORY') throw e
        }
      }
      carry = false
    } else if (helpers.length > this.budget / 2) {
      await this.run(helpers, 'preparing to write')
      carry = false
    }
    const before = progress.before ?? ''
    const after = progress.after ?? ''
    if (before && !carry) await this.run(before, 'preparing to write')
    let prefix = carry ? helpers + before : ''
    let failed = true
    let cleaned = false
    try {
      let i = 0
      for (; i < groups.length; i++) {
        if (progress.signal?.aborted) break
        const g = groups[i]!
        const suffix = carry && i === groups.length - 1 ? after + HELPERS_CLEANUP : ''
        const method = this.methodFor(g)
        if (method === 'batch') await this.writeBatch(g, prefix, suffix, pyDecoder, progress)
        else if (method === 'pieces') await this.writePieces(g[0]!, prefix, suffix, pyDecoder, progress)
        else {
          if (prefix) await this.run(prefix, 'preparing to write')
          await this.writeReceived(g[0]!, suffix, progress)
        }
        prefix = ''
        cleaned = suffix !== ''
      }
      if (i === groups.length && after && !carry) await this.run(after, 'finishing the writes')
      failed = false
    } finally {
      // After a failure a new file written in place is removed again (recoveryCode).
      const cleanup = failed && !this.caps.os.rename ? recoveryCode(this.caps) : HELPERS_CLEANUP
      if (!cleaned && !this.repl.transport.closed) await this.repl.execOwn(cleanup).catch(() => undefined)
    }
  }

  private mkdirs(files: readonly WriteItem[]): string {
    if (!this.caps.os.mkdir || this.caps.flatFs) return ''
    const dirs = new Set(files.map((f) => this.fsName(f.path)).map((t) => t.slice(0, t.lastIndexOf('/'))).filter((d) => d))
    return [...dirs].map((d) => `_Bm(${pyStr(d)})\n`).join('')
  }

  private async writeBatch(files: readonly WriteItem[], prefix: string, suffix: string, pyDecoder: boolean, progress: WriteProgress): Promise<void> {
    let code = prefix + this.mkdirs(files)
    const byName = new Map<string, string>()
    for (const f of files) {
      const t = this.fsName(f.path)
      byName.set(t, f.path)
      code += `_Bw(${pyStr(t)},${pyStr(tempName(t))},${this.dataExpr(f.data, pyDecoder)},${f.data.length},${this.hashExpr(f.data)})\n`
    }
    code += suffix
    const lines = new LineFramer()
    const confirmed = new Set<string>()
    await this.run(code, files.length === 1 ? `writing ${files[0]!.path}` : 'writing files', {
      onStdout: (text) => {
        for (const line of lines.push(text)) {
          const p = byName.get(line.replace(/\r?\n$/, ''))
          // A resent batch confirms again the files that came before the damaged one.
          if (p !== undefined && !confirmed.has(p)) {
            confirmed.add(p)
            progress.onBytes?.(p, files.find((f) => f.path === p)!.data.length)
            progress.onWritten?.(p)
          }
        }
      },
    })
  }

  /** The largest piece of `data` at `off` whose call fits in `max` characters. */
  private pieceAt(data: Uint8Array, off: number, max: number, pyDecoder: boolean): Uint8Array {
    if (this.caps.modules.binascii || pyDecoder) {
      const n = Math.max(3, Math.floor((max - 40) / 4) * 3)
      const rest = data.length - off
      if (n < rest) return data.subarray(off, off + n)
      // The Python decoder takes whole groups: a ragged tail goes alone, as a literal sized below.
      if (this.caps.modules.binascii || rest % 3 === 0) return data.subarray(off)
      if (rest >= 3) return data.subarray(off, off + rest - (rest % 3))
    }
    let chars = 40
    let i = off
    for (; i < data.length; i++) {
      const b = data[i]!
      const c = b === 0x5c || b === 0x27 ? 2 : b >= 0x20 && b < 0x7f ? 1 : 4
      if (chars + c > max && i > off) break
      chars += c
    }
    return data.subarray(off, i)
  }

  private async writePieces(f: WriteItem, prefix: string, suffix: string, pyDecoder: boolean, progress: WriteProgress): Promise<void> {
    const t = this.fsName(f.path)
    let code = prefix + this.mkdirs([f]) + `_Bo(${pyStr(t)},${pyStr(tempName(t))})\n`
    let off = 0
    const context = `writing ${f.path}`
    while (off < f.data.length) {
      const piece = this.pieceAt(f.data, off, Math.max(64, this.budget - code.length), pyDecoder)
      const line = `_Ba(${this.dataExpr(piece, pyDecoder)},${piece.length})\n`
      if (code && code.length + line.length > this.budget) {
        await this.run(code, context)
        progress.onBytes?.(f.path, off)
        code = ''
        if (progress.signal?.aborted) {
          // Ctrl-C during a long copy: the partial temporary copy goes, so no hidden file keeps the
          // space (a copy written in place, without rename, is the recovery's to undo: see finally).
          await this.run(`try:\n _Bf.close()\nexcept Exception:\n pass\nif _Bq!=${pyStr(t)}:\n _Bz(_Bq)\n`, context)
          throw new CodedError('CANCELLED', `${f.path}: stopped after ${off} of ${f.data.length} bytes; the file on the device is unchanged`)
        }
        continue
      }
      code += line
      off += piece.length
    }
    const close = `_Bc(${pyStr(t)},${f.data.length},${this.hashExpr(f.data)})\n`
    if (code.length + close.length > this.budget) {
      await this.run(code, context)
      code = ''
    }
    await this.run(code + close + suffix, context)
    progress.onBytes?.(f.path, f.data.length)
    progress.onWritten?.(f.path)
  }

  private async writeReceived(f: WriteItem, suffix: string, progress: WriteProgress): Promise<void> {
    const t = this.fsName(f.path)
    const q = tempName(t)
    const mk = this.mkdirs([f])
    if (mk) await this.run(mk, `creating folders for ${f.path}`)
    const tr = this.repl.transport
    // The call is short and sent once: the receiver then reads stdin, so it is never resent.
    await this.repl.sendCode(`_Rx(${pyStr(q)},${f.data.length},${RECEIVER_CHUNK})\n`)
    const ackTimeout = Math.max(this.repl.timeouts.handshake, RECEIVER_IDLE_MS)
    const nextAck = async () => {
      const b = (await tr.readExactly(1, ackTimeout, 'chunk acknowledgement'))[0]
      if (b !== ACK) tr.unread(Uint8Array.of(b!))
      return b === ACK
    }
    try {
      let ok = await nextAck()
      for (let off = 0; ok && off < f.data.length; off += RECEIVER_CHUNK) {
        await tr.write(f.data.subarray(off, Math.min(f.data.length, off + RECEIVER_CHUNK)))
        ok = await nextAck()
        if (ok) progress.onBytes?.(f.path, Math.min(f.data.length, off + RECEIVER_CHUNK))
      }
      // After a NAK the receiver's traceback follows; anything else (the end of its output) is put back.
      if (!ok) {
        const rest = tr.takeBuffered()
        tr.unread(rest[0] === NAK ? rest.subarray(1) : rest)
      }
      const r = await this.repl.readExecReply()
      if (r.stderr) throw deviceError(r.stderr, `writing ${f.path}`)
      if (!ok) throw new CodedError('PROTOCOL_ERROR', `writing ${f.path}: the receiver stopped early`)
    } catch (e) {
      // Lost bytes leave the receiver waiting with Ctrl-C disabled; its idle deadline ends it.
      if ((e as CodedError).code === 'DEVICE_TIMEOUT') await this.repl.readExecReply({ timeoutMs: RECEIVER_IDLE_MS + 1500 }).catch(() => undefined)
      this.repl.markUnknown()
      throw e
    }
    await this.run(`_Bv(${pyStr(t)},${pyStr(q)},${f.data.length},${f.data.length},${this.hashExpr(f.data)})\n` + suffix, `writing ${f.path}`)
    progress.onWritten?.(f.path)
  }
}
