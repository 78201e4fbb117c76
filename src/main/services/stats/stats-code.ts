/**
 * The stats exec: one program that prints every field it can read as `key<TAB>repr(value)` and
 * skips the ones the firmware lacks (each lookup guarded), so one round trip returns everything.
 * The emulator's virtual badge provides `_bw_mem` (its heap modelled on the badge's); real
 * firmware has no such module and `gc` answers.
 * Small functions, deleted afterwards: a 9 KB heap compiles it in RAM and a fragmented heap has no
 * room for one large code block.
 */

import { importBuiltin } from '../../../shared/protocol/device-imports'

/** Python of one stats read. `collect` runs `gc.collect()` first (the "collect garbage" action). */
export function statsCode(collect = false): string {
  return `import sys,gc
${collect ? 'gc.collect()\n' : ''}def _p(k,f):
 try:
  print(k+'\\t'+repr(f()))
 except Exception:
  pass
def _a():
${importBuiltin('os', ' ')} try:
  import _bw_mem as g
 except ImportError:
  g=gc
 _p('mf',g.mem_free)
 _p('ma',g.mem_alloc)
 m='/'
 try:
  os.statvfs('/system')
  m='/system'
 except Exception:
  pass
 _p('fsm',lambda:m)
 _p('fs',lambda:tuple(os.statvfs(m)))
 _p('pl',lambda:sys.platform)
 _p('iv',lambda:tuple(sys.implementation.version))
 _p('un',lambda:tuple(os.uname()))
def _b():
 import machine
 _p('hz',machine.freq)
 _p('id',lambda:bytes(machine.unique_id()))
def _c():
 try:
  import time as t
  t.ticks_ms
 except Exception:
  import utime as t
 _p('up',t.ticks_ms)
def _d():
 b=sys.modules.get('badgeware')
 if b is None:
  import badgeware as b
 return (b.screen.width,b.screen.height)
def _e():
 import network
 print('net\\t1')
 w=network.WLAN(network.STA_IF)
 _p('wa',w.active)
 _p('wc',w.isconnected)
 _p('wi',w.ifconfig)
 _p('ws',lambda:w.config('ssid'))
 _p('wm',lambda:bytes(w.config('mac')))
 _p('wr',lambda:w.status('rssi'))
def _f():
 a='/' not in sys.path
 if a:
  sys.path.insert(0,'/')
 try:
  import secrets
  sys.modules.pop('secrets',None)
  return secrets.WIFI_SSID
 finally:
  if a:
   sys.path.remove('/')
_a()
for _g in (_b,_c,_e):
 try:
  _g()
 except Exception:
  pass
_p('scr',_d)
_p('sec',_f)
del _p,_a,_b,_c,_d,_e,_f,_g
`
}
