/**
 * The Python of the plan's one device query: size and hash of the planned files and of everything in
 * the apps' folders, in a single exec. SHA-256 through hashlib where it exists, otherwise Adler-32
 * computed in a loop (cheap, small ints only: fine on a 9 KB heap).
 */
import { importBuiltin, IMPORT_OS } from '../../../shared/protocol/device-imports'
import type { HashAlgo } from '../../../shared/deploy/types'
import { pyStr } from '../../../shared/protocol/python-literal'
import { REFUSED } from '../device/device-writer'

/** What the device offers the query. */
export interface SnapshotFeatures {
  algo: HashAlgo
  flat: boolean
  stat: boolean
  /** `os.ilistdir` exists: type and (on most filesystems) size come with the listing. */
  ilistdir: boolean
  /** `os.size` exists (micro:bit). */
  size: boolean
  statvfs: boolean
}

/** The deploy cookie to check: when the device's file holds `token`, sizes are enough. */
export interface CookieCheck {
  /** Firmware spelling of the cookie file. */
  name: string
  token: string
  /**
   * The sizes the query finds if nothing changed since the recorded deploy (firmware spelling):
   * when the device finds exactly these, it prints only `('', -3, 1)`.
   */
  sizes?: Readonly<Record<string, number>>
  /**
   * Check instead of query (a write's `before`): the code prints nothing and raises the writer's
   * {@link REFUSED} unless the cookie holds the token, the files are exactly `sizes`, and (where
   * statvfs exists) this many bytes are free.
   */
  need?: number
}


const HASH_SHA256 =
  importBuiltin('hashlib') +
  "def _h(p,z=-1):\n try:\n  f=open(p,'rb')\n except OSError:\n  return None\n h=hashlib.sha256()\n b=bytearray(512)\n n=0\n try:\n  while 1:\n   k=f.readinto(b)\n   if not k:\n    break\n   n+=k\n   h.update(b if k==512 else b[:k])\n except OSError:\n  f.close()\n  return None\n f.close()\n return (n,h.digest())\n"

const HASH_ADLER =
  "def _h(p,z=-1):\n try:\n  f=open(p,'rb')\n except OSError:\n  return None\n a=1\n s=0\n n=0\n try:\n  while 1:\n   d=f.read(256)\n   if not d:\n    break\n   n+=len(d)\n   for c in d:\n    a=(a+c)%65521\n    s=(s+a)%65521\n except OSError:\n  f.close()\n  return None\n f.close()\n return (n,(s<<16)|a)\n"

/**
 * Builds the query. It prints one `repr((name, size, hash))` per file (names as the firmware spells
 * them: bare names on a flat filesystem), `('', -1, free)` when free space is known, and
 * `('', -2, 1)` when the cookie matched, in which case files carry `None` instead of a hash, and
 * then, instead of the files, `('', -3, 1)` when they are exactly the cookie's recorded sizes.
 * Given a cookie that does not match, it prints only `('', -4, 0)`: ask again without the cookie.
 * With `cookie.need` it is a check that prints nothing (see {@link CookieCheck.need}).
 * `names` are the planned files, `dirs` the folders to walk, `prefixes` (flat only) the name
 * prefixes of the apps.
 */
export function snapshotCode(
  f: SnapshotFeatures,
  names: readonly string[],
  dirs: readonly string[],
  prefixes: readonly string[],
  freeOf: string,
  cookie?: CookieCheck,
): string {
  let code = IMPORT_OS
  const statSize = f.stat ? 'os.stat(p)[6]' : f.size ? 'os.size(p)' : ''
  // The listing's size where it gave one (z), else a stat.
  const sizeOf = statSize && (f.ilistdir ? `z if z>=0 else ${statSize}` : statSize)
  const sizesOnly = Boolean(cookie && sizeOf)
  const check = cookie?.need !== undefined
  if (check && !(sizesOnly && cookie!.sizes)) throw new Error('snapshotCode: a check needs the recorded sizes and a way to read sizes')
  const refuse = `raise ${REFUSED}()`
  if (check) code += `class ${REFUSED}(Exception):\n pass\n`
  if (sizesOnly) {
    // No hashing code at all: a cookie that does not match ends the query, and the host asks again without it.
    code += `_k=0\ntry:\n c=open(${pyStr(cookie!.name)})\n _k=c.read()==${pyStr(cookie!.token)}\n c.close()\nexcept OSError:\n pass\n`
    code += check ? `if not _k:\n ${refuse}\n` : `if not _k:\n print(repr(('',-4,0)))\n return\nprint(repr(('',-2,1)))\n`
    code += `def _h(p,z=-1):\n try:\n  return (${sizeOf},None)\n except OSError:\n  return None\n`
  } else code += f.algo === 'sha256' ? HASH_SHA256 : HASH_ADLER
  // With sizes only, what was found is printed at the end, and only when it differs from the record.
  code += '_s={}\ndef _o(p,z=-1):\n if p in _s:\n  return\n r=_h(p,z)\n _s[p]=r[0] if r else -1\n'
  if (!sizesOnly) code += ' if r:\n  print(repr((p,r[0],r[1])))\n'
  if (names.length) code += `for p in (${names.map((s) => pyStr(s)).join(',')},):\n _o(p)\n`
  if (f.flat) {
    if (prefixes.length) code += `for n in os.listdir():\n for q in (${prefixes.map((s) => pyStr(s)).join(',')},):\n  if n.startswith(q):\n   _o(n)\n`
  } else if (dirs.length) {
    if (f.ilistdir) {
      code += `def _w(d):\n try:\n  l=list(os.ilistdir(d))\n except OSError:\n  return\n for e in l:\n  p=d+'/'+e[0]\n  if e[1]&0x4000:\n   _w(p)\n  else:\n   _o(p,e[3] if len(e)>3 else -1)\n`
    } else {
      const isDir = f.stat ? 'os.stat(p)[0]&0x4000' : '_d(p)'
      if (!f.stat) code += "def _d(p):\n try:\n  os.listdir(p)\n  return 1\n except OSError:\n  return 0\n"
      code += `def _w(d):\n try:\n  l=os.listdir(d)\n except OSError:\n  return\n for n in l:\n  p=d+'/'+n\n  if ${isDir}:\n   _w(p)\n  else:\n   _o(p)\n`
    }
    code += `for d in (${dirs.map((s) => pyStr(s)).join(',')},):\n _w(d)\n`
  }
  if (sizesOnly) {
    const rec = cookie!.sizes ? `{${Object.entries(cookie!.sizes).map(([n, size]) => `${pyStr(n)}:${size}`).join(',')}}` : 'None'
    code += `for p in [p for p in _s if _s[p]<0]:\n del _s[p]\n`
    code += check ? `if _s!=${rec}:\n ${refuse}\n` : `if _s==${rec}:\n print(repr(('',-3,1)))\nelse:\n for p in _s:\n  print(repr((p,_s[p],None)))\n`
  }
  if (f.statvfs) {
    code += `try:\n v=os.statvfs(${pyStr(freeOf)})\n${check ? '' : " print(repr(('',-1,v[0]*v[3])))\n"}except Exception:\n ${check ? 'v=None' : 'pass'}\n`
    if (check) code += `if v and v[0]*v[3]<${cookie!.need}:\n ${refuse}\n`
  }
  // Run as a function: its names are locals, so nothing stays in (or clobbers) the REPL's globals.
  // A check that raises leaves nothing behind either.
  return `def _Dq():\n${code.replace(/^(?=.)/gm, ' ')}try:\n _Dq()\nfinally:\n del _Dq\n`
}
