/**
 * The capability probe: one exec per connection that reports what the firmware is and which
 * features exist, so every later operation can pick its method (and degrade) without trying.
 */
import { IMPORT_OS } from '../../../shared/protocol/device-imports'
import { CodedError } from '../../../shared/ipc/result'
import { parsePythonRepr, type PyValue } from '../../../shared/protocol/python-repr'
import { JOURNAL } from './device-writer'
import type { RawRepl } from './raw-repl'

/** What the device can do. Every flag is false when unknown. */
export interface DeviceCapabilities {
  /** `sys.implementation.name`, e.g. `micropython`. */
  implementation: string
  /** `sys.implementation.version` as `major.minor.micro`. */
  version: string
  /** `sys.platform`, e.g. `rp2`, `microbit`, `webassembly`. */
  platform: string
  /** `os.uname().machine` when available. */
  machine: string
  /** `os.uname().version` (firmware build string) when available. */
  firmware: string
  modules: { hashlib: boolean; binascii: boolean; deflate: boolean; network: boolean; json: boolean; select: boolean }
  os: { stat: boolean; ilistdir: boolean; statvfs: boolean; mkdir: boolean; rename: boolean; rmdir: boolean; size: boolean; listdirArg: boolean }
  /** `hashlib.sha256` exists. */
  sha256: boolean
  /** `micropython.kbd_intr` exists (Ctrl-C can be disabled while raw bytes are received). */
  kbdIntr: boolean
  /** Raw bytes can be read by running code: via `sys.stdin.buffer`, the micro:bit `uart`, or not at all. */
  byteReader: 'stdin' | 'uart' | 'none'
  /** `gc.mem_free()` at probe time (0 when unknown). */
  memFree: number
  /** Raw-paste support, from the handshake. */
  rawPaste: boolean
  /** The raw-paste window the device announced (0 when unsupported). */
  rawPasteWindow: number
  /** A flat filesystem without directories (micro:bit): device paths map to bare names. */
  flatFs: boolean
  /** A write journal is on the device: a replace was cut and must be finished. */
  journal: boolean
}

/**
 * The probe program. Prints one `repr()` of a dict (no json needed). Every lookup is guarded so a
 * missing module only turns a flag off.
 */
export const PROBE_CODE = `
import sys
r={}
${IMPORT_OS}i=sys.implementation
r['impl']=i.name
r['ver']='.'.join([str(x) for x in i.version[:3]])
r['plat']=sys.platform
try:
 u=os.uname()
 r['mach']=u.machine
 r['fw']=u.version
except Exception:
 pass
for m in ('hashlib','binascii','deflate','network','json','select'):
 try:
  __import__(m)
  r[m]=1
 except Exception:
  r[m]=0
for f in ('stat','ilistdir','statvfs','mkdir','rename','rmdir','size'):
 r['os_'+f]=int(hasattr(os,f))
try:
 os.listdir('/')
 r['lda']=1
except Exception:
 r['lda']=0
try:
 import hashlib
 r['sha256']=int(hasattr(hashlib,'sha256'))
except Exception:
 r['sha256']=0
try:
 import micropython
 r['kbd']=int(hasattr(micropython,'kbd_intr'))
except Exception:
 r['kbd']=0
r['rd']='none'
try:
 sys.stdin.buffer.read
 r['rd']='stdin'
except Exception:
 try:
  from microbit import uart
  r['rd']='uart'
 except Exception:
  pass
try:
 import gc
 gc.collect()
 r['free']=gc.mem_free()
except Exception:
 r['free']=0
r['jr']=0
for j in ('/${JOURNAL}','${JOURNAL}'):
 try:
  open(j).close()
  r['jr']=1
 except Exception:
  pass
print(repr(r))
for n in ('r','i','u','m','f','j'):
 try:
  del globals()[n]
 except KeyError:
  pass
del n
`

function str(v: PyValue | undefined): string {
  return typeof v === 'string' ? v : ''
}
function flag(v: PyValue | undefined): boolean {
  return v === 1 || v === true
}

/** Builds {@link DeviceCapabilities} from the probe's printed dict and the raw-paste handshake. */
export function parseCapabilities(printed: string, rawPaste: boolean, rawPasteWindow: number): DeviceCapabilities {
  let v: PyValue
  try {
    v = parsePythonRepr(printed.trim())
  } catch (e) {
    throw new CodedError('PROTOCOL_ERROR', `capability probe printed something unexpected: ${(e as Error).message}`)
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) {
    throw new CodedError('PROTOCOL_ERROR', 'capability probe did not print a dict')
  }
  const d = v
  const rd = str(d.rd)
  const osCaps = {
    stat: flag(d.os_stat),
    ilistdir: flag(d.os_ilistdir),
    statvfs: flag(d.os_statvfs),
    mkdir: flag(d.os_mkdir),
    rename: flag(d.os_rename),
    rmdir: flag(d.os_rmdir),
    size: flag(d.os_size),
    listdirArg: flag(d.lda),
  }
  return {
    implementation: str(d.impl),
    version: str(d.ver),
    platform: str(d.plat),
    machine: str(d.mach),
    firmware: str(d.fw),
    modules: {
      hashlib: flag(d.hashlib),
      binascii: flag(d.binascii),
      deflate: flag(d.deflate),
      network: flag(d.network),
      json: flag(d.json),
      select: flag(d.select),
    },
    os: osCaps,
    sha256: flag(d.sha256),
    kbdIntr: flag(d.kbd),
    byteReader: rd === 'stdin' || rd === 'uart' ? rd : 'none',
    memFree: typeof d.free === 'number' ? d.free : 0,
    rawPaste,
    rawPasteWindow,
    flatFs: !osCaps.listdirArg && !osCaps.mkdir,
    journal: flag(d.jr),
  }
}

/**
 * Runs the probe on `repl` (raw-paste is attempted by the exec itself, so its answer is known
 * after). A small heap that a collection could not free enough (an app's globals) gets a clean VM.
 */
export async function probeCapabilities(repl: RawRepl): Promise<DeviceCapabilities> {
  const probe = () => repl.execOwn(PROBE_CODE, { timeoutMs: repl.timeouts.handshake * 2 })
  let r = await probe()
  if (r.exception?.type === 'MemoryError') {
    await repl.softReset()
    r = await probe()
  }
  if (r.exception) throw new CodedError('DEVICE_ERROR', r.stderr.trim())
  return parseCapabilities(r.stdout, repl.rawPasteSupported === true, repl.rawPasteWindowSize)
}
