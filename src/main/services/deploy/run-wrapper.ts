/**
 * The small program that starts an app on the device the way the launcher does: the app folder at
 * `sys.path[0]` and as working directory, the package imported by path, `init()` once, then
 * `update()` every frame (with the badgeware frame steps when the firmware has them) until it returns
 * a value or is interrupted. About once a second it prints a memory marker for the stats view.
 *
 * The loop is handed to the device's `_bw_drive` module where it has one (the virtual badge: see
 * wasm/python/_bw_drive.py). Unlike `badgeware.run`, errors are not caught: the traceback reaches
 * the IDE console and the exec ends, instead of an on-screen message box waiting for a button press.
 */
import { IMPORT_OS } from '../../../shared/protocol/device-imports'
import { appImportName, toDevicePath, type DeviceLayout } from '../../../shared/deploy/layout'
import { MARKER_END, MARKER_START, MARKER_TAG } from '../../../shared/stats/run-marker'
import { pyStr } from '../../../shared/protocol/python-literal'

/** Options of {@link runWrapperCode}. */
export interface RunWrapperOptions {
  /** Milliseconds between memory markers (0 turns them off). Default 1000. */
  memEveryMs?: number
}

/** Python that runs app `slug` on a device with `layout`. */
export function runWrapperCode(slug: string, layout: DeviceLayout, opts: RunWrapperOptions = {}): string {
  const every = opts.memEveryMs ?? 1000
  const dir = layout.flat ? '' : toDevicePath(`apps/${slug}`, layout)
  const marker = `${MARKER_START}${MARKER_TAG}mem %d %d${MARKER_END}`
  let code = 'import sys,gc\n' + IMPORT_OS
  code += 'try:\n import time as _t\n _t.ticks_ms\nexcept Exception:\n import utime as _t\n'
  if (dir) {
    code += `_a=${pyStr(dir)}\n`
    code += "if hasattr(sys,'path'):\n if _a in sys.path:\n  sys.path.remove(_a)\n sys.path.insert(0,_a)\n"
    code += "if hasattr(os,'chdir'):\n os.chdir(_a)\n"
  }
  code += `_m=__import__(${pyStr(appImportName(slug, layout))})\n`
  code += "try:\n import badgeware as _b\n _p=_b.io.poll\n _d=_b.display.update\nexcept Exception:\n _p=None\n _d=None\n"
  code += `def _mem():\n try:\n  print(${pyStr(marker)}%(gc.mem_free(),gc.mem_alloc()))\n except Exception:\n  pass\n`
  code += "_u=getattr(_m,'update',None)\n"
  // The loop is a generator, one yield per frame, handed to `_bw_drive.drive` where the device has
  // it (the virtual badge, whose interpreter frees garbage only between calls from JS, steps it one
  // call per frame); elsewhere it runs in place.
  code += 'def _run():\n try:\n'
  code += "  if hasattr(_m,'init'):\n   _m.init()\n"
  code += `  _n=_t.ticks_ms()\n  while _u:\n   if _p:\n    _p()\n   if _u() is not None:\n    break\n   gc.collect()\n   if _d:\n    _d()\n`
  if (every > 0) code += `   if _t.ticks_diff(_t.ticks_ms(),_n)>=${every}:\n    _n=_t.ticks_ms()\n    _mem()\n`
  code += '   yield\n'
  code += " finally:\n  if hasattr(_m,'on_exit'):\n   try:\n    _m.on_exit()\n   except Exception:\n    pass\n"
  if (every > 0) code += ' _mem()\n'
  code += 'try:\n from _bw_drive import drive as _D\nexcept ImportError:\n def _D(g):\n  for _ in g:\n   pass\n'
  code += '_D(_run())\n'
  return code
}
