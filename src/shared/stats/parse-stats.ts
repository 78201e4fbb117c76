/**
 * Parsing the stats exec's output. The device prints one `key<TAB>repr(value)` line per field it
 * could read, so a field the firmware lacks is simply missing (shown as "not available") and a
 * truncated or garbled reply still yields every complete line.
 */
import { parsePythonRepr, type PyValue } from '../protocol/python-repr'
import { NA, type DeviceStats, type Maybe } from './types'

/** Parses the printed lines into raw values by key; bad lines are skipped. */
export function parseStatsLines(printed: string): Map<string, PyValue> {
  const out = new Map<string, PyValue>()
  for (const raw of printed.split('\n')) {
    const line = raw.replace(/\r$/, '')
    const tab = line.indexOf('\t')
    if (tab <= 0) continue
    try {
      out.set(line.slice(0, tab), parsePythonRepr(line.slice(tab + 1)))
    } catch {
      // A garbled or cut line loses only its own field.
    }
  }
  return out
}

const num = (v: PyValue | undefined): Maybe<number> => (typeof v === 'number' && Number.isFinite(v) ? v : NA)
const str = (v: PyValue | undefined): Maybe<string> => (typeof v === 'string' ? v : NA)
const bool = (v: PyValue | undefined): Maybe<boolean> => (typeof v === 'boolean' ? v : v === 1 || v === 0 ? v === 1 : NA)
const hex = (v: PyValue | undefined, sep = ''): Maybe<string> =>
  v instanceof Uint8Array && v.length ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(sep) : NA

function tuple(v: PyValue | undefined): PyValue[] | undefined {
  return Array.isArray(v) ? v : undefined
}

/** Builds {@link DeviceStats} from the stats exec's stdout; never throws. */
export function parseStats(printed: string, at = Date.now()): DeviceStats {
  const m = parseStatsLines(printed)
  const free = num(m.get('mf'))
  const used = num(m.get('ma'))
  const fs = tuple(m.get('fs'))
  const [bsize, , blocks, bfree] = (fs ?? []).map((x) => (typeof x === 'number' ? x : NaN))
  const fsOk = fs !== undefined && [bsize, blocks, bfree].every((x) => Number.isFinite(x))
  const total = fsOk ? bsize! * blocks! : NA
  const fsFree = fsOk ? bsize! * bfree! : NA
  const ifc = tuple(m.get('wi'))
  const ifcStr = (i: number): Maybe<string> => (ifc && typeof ifc[i] === 'string' ? (ifc[i] as string) : NA)
  const uname = tuple(m.get('un'))
  const unameStr = (i: number): Maybe<string> => (uname && typeof uname[i] === 'string' ? (uname[i] as string) : NA)
  const ver = tuple(m.get('iv'))
  const scr = tuple(m.get('scr'))
  const hasNet = m.get('net') === 1 || m.get('net') === true
  return {
    at,
    source: 'poll',
    memory: { free, used, total: typeof free === 'number' && typeof used === 'number' ? free + used : NA },
    storage: { mount: str(m.get('fsm')), total, free: fsFree, used: typeof total === 'number' && typeof fsFree === 'number' ? total - fsFree : NA },
    network: {
      available: hasNet,
      active: bool(m.get('wa')),
      connected: bool(m.get('wc')),
      ssid: str(m.get('ws')),
      ip: ifcStr(0),
      netmask: ifcStr(1),
      gateway: ifcStr(2),
      dns: ifcStr(3),
      mac: hex(m.get('wm'), ':'),
      rssi: num(m.get('wr')),
      configuredSsid: str(m.get('sec')),
    },
    system: {
      firmware: unameStr(3),
      micropython: ver && ver.length >= 3 && ver.slice(0, 3).every((x) => typeof x === 'number') ? ver.slice(0, 3).join('.') : NA,
      platform: str(m.get('pl')),
      machine: unameStr(4),
      cpuFreqHz: num(m.get('hz')),
      screen: scr && typeof scr[0] === 'number' && typeof scr[1] === 'number' ? `${scr[0]}x${scr[1]}` : NA,
      uptimeMs: num(m.get('up')),
      uniqueId: hex(m.get('id')),
    },
  }
}
