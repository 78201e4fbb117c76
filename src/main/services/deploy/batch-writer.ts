/**
 * Writing many small files in few round trips: one exec carries several files, and the device
 * itself checks each one (size and SHA-256, or Adler-32 without hashlib) before it counts: written to
 * a temporary name and renamed over the target where the firmware can rename. The device prints each
 * finished file's name, so progress and partial success are known even when a later file fails.
 * Files too big for one exec go through the session's streaming write instead.
 *
 * The helpers are defined once per deploy ({@link helperCode}), so each batch carries only data: on a
 * 9 KB heap the source of one exec must stay under about 1 KB.
 */
import type { DeviceLayout } from '../../../shared/deploy/layout'
import { TEMP_SUFFIX } from '../../../shared/deploy/plan'
import { CodedError } from '../../../shared/ipc/result'
import { base64Encode } from '../../../shared/protocol/base64'
import { pyBytes, pyBytesLength, pyStr } from '../../../shared/protocol/python-literal'
import { deviceError } from '../device/device-errors'
import type { DeviceSession } from '../device/device-session'

/** One file to write. */
export interface BatchFile {
  /** Device path. */
  path: string
  data: Uint8Array
  /** Expected hash as the device computes it: hex SHA-256 or the Adler-32 number. */
  hash: string | number
}

/** How the batch writer talks to this device. */
export interface BatchFeatures {
  layout: DeviceLayout
  algo: 'sha256' | 'adler32'
  rename: boolean
  mkdir: boolean
  binascii: boolean
  /** Source bytes per exec (bounded by the heap that compiles it). */
  budget: number
}

/** Features of a connected session. */
export function batchFeatures(session: Pick<DeviceSession, 'capabilities'>, layout: DeviceLayout): BatchFeatures {
  const c = session.capabilities
  const free = c.memFree || 8192
  return {
    layout,
    algo: c.sha256 ? 'sha256' : 'adler32',
    rename: c.os.rename && !layout.flat,
    mkdir: c.os.mkdir && !layout.flat,
    binascii: c.modules.binascii,
    // The source, its tokens and the bytecode with the data constant all sit in the heap at once,
    // next to the helpers (~1.5 KB).
    budget: Math.max(512, Math.min(16_384, Math.floor((free - 1536) / 5))),
  }
}

const HEAD_SHA =
  "import hashlib\ndef _Bh(p):\n h=hashlib.sha256()\n n=0\n f=open(p,'rb')\n b=bytearray(512)\n while 1:\n  k=f.readinto(b)\n  if not k:\n   break\n  n+=k\n  h.update(b if k==512 else b[:k])\n f.close()\n return (n,h.digest())\n"
const HEAD_ADLER =
  "def _Bh(p):\n a=1\n s=0\n n=0\n f=open(p,'rb')\n while 1:\n  d=f.read(256)\n  if not d:\n   break\n  n+=len(d)\n  for c in d:\n   a=(a+c)%65521\n   s=(s+a)%65521\n f.close()\n return (n,(s<<16)|a)\n"

/** Python defining the batch helpers (`_B…` names the session's own code does not use); run once before the batches. */
export function helperCode(f: BatchFeatures): string {
  let code = 'try:\n import os\nexcept ImportError:\n import uos as os\n'
  code += f.algo === 'sha256' ? HEAD_SHA : HEAD_ADLER
  if (f.binascii) code += 'from binascii import a2b_base64 as _Bd\n'
  if (f.mkdir) code += "def _Bm(p):\n q=''\n for c in p.split('/')[1:]:\n  q+='/'+c\n  try:\n   os.mkdir(q)\n  except OSError:\n   pass\n"
  // _Bv(target, temp, written, size, hash): check on the device, then make it count. A short write
  // means the filesystem is full (some firmware reports it only that way); a long one, a piece
  // written twice, fails the check like wrong bytes.
  code +=
    "def _Bv(t,q,k,n,x):\n if k>n:\n  r=(k,None)\n elif k<n:\n  r=None\n else:\n  r=_Bh(q)\n if r is None or r[0]!=n or r[1]!=x:\n  try:\n   os.remove(q)\n  except OSError:\n   pass\n  if r is None:\n   raise OSError(28)\n  raise ValueError('bide-verify',t,r[0])\n"
  if (f.rename) code += " if q!=t:\n  try:\n   os.rename(q,t)\n  except OSError:\n   try:\n    os.remove(t)\n   except OSError:\n    pass\n   os.rename(q,t)\n"
  code += " print(t)\n"
  // _Bw: a whole small file in one call; _Bo/_Ba/_Bc: a big file over several execs.
  // Data that lost bytes on a link without flow control has the wrong length: it is refused as a
  // SyntaxError before anything is written, and execOwn sends the exec again.
  code += "def _BX(d,n):\n if len(d)!=n:\n  raise SyntaxError('bide: piece damaged')\n"
  code += "def _Bw(t,q,d,n,x):\n _BX(d,n)\n f=open(q,'wb')\n try:\n  k=f.write(d)\n finally:\n  f.close()\n _Bv(t,q,k,n,x)\n"
  // _Bo closes what an earlier, resent exec may have left open.
  code += "def _Bo(q):\n global _Bf,_Bk\n try:\n  _Bf.close()\n except Exception:\n  pass\n _Bf=open(q,'wb')\n _Bk=0\n"
  code += "def _Ba(d,m):\n global _Bk\n _BX(d,m)\n k=_Bf.write(d)\n _Bk+=k\n if k!=m:\n  _Bf.close()\n  raise OSError(28)\n"
  code += "def _Bc(t,q,n,x):\n _Bf.close()\n _Bv(t,q,_Bk,n,x)\n"
  return code
}

function fsName(path: string, f: BatchFeatures): string {
  return f.layout.flat ? path.replace(/^\//, '') : path
}

function dataExpr(data: Uint8Array, f: BatchFeatures): string {
  const lit = pyBytesLength(data)
  if (f.binascii && Math.ceil(data.length / 3) * 4 + 8 < lit) return `_Bd(b'${base64Encode(data)}')`
  return pyBytes(data)
}

function hashExpr(hash: string | number): string {
  return typeof hash === 'number' ? String(hash) : pyBytes(Buffer.from(hash, 'hex'))
}

function names(file: BatchFile, f: BatchFeatures): { t: string; q: string } {
  const t = fsName(file.path, f)
  const slash = t.lastIndexOf('/')
  return { t, q: f.rename ? `${t.slice(0, slash + 1)}.${t.slice(slash + 1)}${TEMP_SUFFIX}` : t }
}

function callFor(file: BatchFile, f: BatchFeatures): string {
  const { t, q } = names(file, f)
  return `_Bw(${pyStr(t)},${pyStr(q)},${dataExpr(file.data, f)},${file.data.length},${hashExpr(file.hash)})\n`
}

/** The largest piece of `data` at `off` whose `_Ba(…, n)` line fits in `max` characters. */
function pieceAt(data: Uint8Array, off: number, f: BatchFeatures, max: number): Uint8Array {
  if (f.binascii) {
    const n = Math.max(3, Math.floor((max - 22) / 4) * 3)
    return data.subarray(off, Math.min(data.length, off + n))
  }
  let chars = 18
  let i = off
  for (; i < data.length; i++) {
    const b = data[i]!
    const c = b === 0x5c || b === 0x27 ? 2 : b >= 0x20 && b < 0x7f ? 1 : 4
    if (chars + c > max && i > off) break
    chars += c
  }
  return data.subarray(off, i)
}

/**
 * The execs that write one big file: open the temporary name, append pieces (each exec filled up to
 * the budget), then close, check on the device and rename. Each entry carries the bytes written once
 * it has run.
 */
export function chunkedExecs(file: BatchFile, f: BatchFeatures): Array<{ code: string; bytes: number }> {
  const { t, q } = names(file, f)
  const out: Array<{ code: string; bytes: number }> = []
  let code = ''
  if (f.mkdir) {
    const d = file.path.slice(0, file.path.lastIndexOf('/'))
    if (d) code += `_Bm(${pyStr(d)})\n`
  }
  code += `_Bo(${pyStr(q)})\n`
  let off = 0
  while (off < file.data.length) {
    const piece = pieceAt(file.data, off, f, Math.max(64, f.budget - code.length))
    const line = `_Ba(${dataExpr(piece, f)},${piece.length})\n`
    if (code && code.length + line.length > f.budget) {
      out.push({ code, bytes: off })
      code = ''
      continue
    }
    code += line
    off += piece.length
  }
  const close = `_Bc(${pyStr(t)},${pyStr(q)},${file.data.length},${hashExpr(file.hash)})\n`
  if (code.length + close.length > f.budget) {
    out.push({ code, bytes: off })
    code = ''
  }
  out.push({ code: code + close, bytes: file.data.length })
  return out
}

/** Python removing the helpers again (their heap goes back to the apps). */
export const HELPERS_CLEANUP =
  "try:\n _Bf.close()\nexcept Exception:\n pass\nfor _n in ('_Bh','_Bv','_Bw','_Bo','_Ba','_Bc','_Bf','_Bk','_Bm','_Bd','_BX'):\n try:\n  del globals()[_n]\n except KeyError:\n  pass\n"

/** Source size of one file's call (to decide what fits in a batch). */
export function batchCost(file: BatchFile, f: BatchFeatures): number {
  return callFor(file, f).length + (f.mkdir ? file.path.length + 10 : 0)
}

/** True when the file is small enough to travel inside a batch. */
export function fitsBatch(file: BatchFile, f: BatchFeatures): boolean {
  return batchCost(file, f) + 16 <= f.budget
}

/** Groups files (in order) into batches that fit the budget. */
export function planBatches(files: readonly BatchFile[], f: BatchFeatures): BatchFile[][] {
  const base = 16
  const out: BatchFile[][] = []
  let cur: BatchFile[] = []
  let size = base
  for (const file of files) {
    const c = batchCost(file, f)
    if (cur.length && size + c > f.budget) {
      out.push(cur)
      cur = []
      size = base
    }
    cur.push(file)
    size += c
  }
  if (cur.length) out.push(cur)
  return out
}

/**
 * Writes one batch in one exec (after {@link helperCode} ran). `onWritten` runs for each file the device confirmed, as the
 * confirmations arrive. Rejects with the device's error (a failed check is `VERIFY_FAILED`,
 * a full filesystem `DEVICE_NO_SPACE`) after the files confirmed before it.
 */
export async function writeBatch(session: DeviceSession, files: readonly BatchFile[], f: BatchFeatures, onWritten: (path: string) => void): Promise<void> {
  let code = ''
  if (f.mkdir) {
    const dirs = new Set<string>()
    for (const file of files) {
      const d = file.path.slice(0, file.path.lastIndexOf('/'))
      if (d) dirs.add(d)
    }
    for (const d of dirs) code += `_Bm(${pyStr(d)})\n`
  }
  for (const file of files) code += callFor(file, f)
  const byName = new Map(files.map((x) => [fsName(x.path, f), x.path]))
  let pending = ''
  const confirmed = new Set<string>()
  // Own code: a copy that arrives damaged (SyntaxError, lost Ctrl-D) is resent before anything ran.
  const r = await session.execOwn(code, {
    timeoutMs: 30_000,
    onStdout: (t) => {
      pending += t
      let i
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i).replace(/\r$/, '')
        pending = pending.slice(i + 1)
        const p = byName.get(line)
        // A resent batch (execOwn) confirms again the files that came before the damaged one.
        if (p && !confirmed.has(p)) {
          confirmed.add(p)
          onWritten(p)
        }
      }
    },
  })
  if (r.stderr) {
    if (r.exception?.type === 'ValueError' && r.exception.message.includes('bide-verify')) {
      throw new CodedError('VERIFY_FAILED', `the device read back different bytes: ${r.exception.message}`)
    }
    throw deviceError(r.stderr, 'writing files')
  }
}

/**
 * Writes one big file over several execs (after {@link helperCode} ran); `onBytes` after each exec,
 * `onWritten` once the device confirmed the checked file.
 */
export async function writeChunked(
  session: DeviceSession,
  file: BatchFile,
  f: BatchFeatures,
  onWritten: (path: string) => void,
  onBytes: (path: string, done: number) => void,
): Promise<void> {
  for (const step of chunkedExecs(file, f)) {
    const r = await session.execOwn(step.code, { timeoutMs: 30_000 })
    if (r.stderr) {
      if (r.exception?.type === 'ValueError' && r.exception.message.includes('bide-verify')) {
        throw new CodedError('VERIFY_FAILED', `the device read back different bytes: ${r.exception.message}`)
      }
      throw deviceError(r.stderr, `writing ${file.path}`)
    }
    onBytes(file.path, step.bytes)
  }
  onWritten(file.path)
}
