/**
 * Hostile guest code: each attack tries to cross the sandbox and touch a host-side canary (a
 * file it would create, a TCP listener on 127.0.0.1 it would reach). Every attempt is wrapped
 * so the guest prints `BLOCKED <n> <ExceptionType>` when it ends in a Python exception, and
 * `CROSSED <n>` when a step that should have failed did not. The same corpus runs against the
 * emulator (as an app) and against the virtual badge (over its REPL).
 */

/** Placeholders an attack's code may use; replaced by {@link renderAttack}. */
export interface AttackContext {
  /** Absolute host path of a file that must not come to exist. */
  canaryFile: string
  /** Port of a TCP listener on 127.0.0.1 that must see no connection. */
  canaryPort: number
}

/** One attack: lines of Python run inside `try:` (each attempt a separate block). */
export interface Attack {
  name: string
  /** Python statements; `CANARY` and `PORT` are replaced. Each string is one attempt. */
  attempts: string[]
  /** Python run first, outside the attempts (it must not fail). */
  setup?: string
  /** The attack breaks the platform's own modules, so the app fails afterwards (still inside Python). */
  breaksPlatform?: boolean
}

/** A Python expression: JS source that would create the canary file if it were ever evaluated. */
const evalCode = `("globalThis.process.getBuiltinModule('fs').writeFileSync(" + repr(CANARY) + ", 'x')")`

/** Walks every JsProxy reachable from `root` and tries the Function constructor on each. */
const walkProxies = `
def _walk(root, seen, depth=0):
    if depth > 3 or id(root) in seen:
        return
    seen.add(id(root))
    if type(root).__name__ == 'JsProxy':
        for step in ('constructor', '__proto__', 'prototype', 'call', 'apply', 'bind', '__dict__', '__class__', 'then', 'buffer', 'caller', 'arguments'):
            try:
                v = getattr(root, step)
            except Exception as e:
                continue
            if step in ('constructor', '__proto__', 'prototype', 'caller', 'arguments', 'then', 'buffer', 'apply', 'bind'):
                print('CROSSED reach', step)  # every object Python can reach has no prototype and shows nothing of JS
            if type(v).__name__ == 'JsProxy' and step != '__class__':
                try:
                    v.constructor(${evalCode})()
                    print('CROSSED walk', step)
                except Exception:
                    pass
                try:
                    v.constructor.constructor(${evalCode})()
                    print('CROSSED walk2', step)
                except Exception:
                    pass
        try:
            it = list(root)
        except Exception:
            it = []
        for x in it[:4]:
            _walk(x, seen, depth + 1)
    try:
        names = dir(root)
    except Exception:
        names = []
    for n in names:
        try:
            _walk(getattr(root, n), seen, depth + 1)
        except Exception:
            pass
`

/** The corpus (see the module comment). */
export const ATTACKS: Attack[] = [
  { name: 'import js: process', attempts: [`import js\njs.process.getBuiltinModule('child_process').execSync('touch ' + CANARY)`] },
  { name: 'import js: eval', attempts: [`import js\njs.eval(${evalCode})`] },
  { name: 'import js: fetch', attempts: [`import js\njs.fetch('http://127.0.0.1:' + str(PORT) + '/')`] },
  { name: 'import js: globalThis', attempts: [`import js\njs.globalThis.process.exit(3)`, `import js\njs.Function(${evalCode})()`, `import js\njs.Object.constructor(${evalCode})()`] },
  {
    name: 'jsffi',
    attempts: [
      `import jsffi\njsffi.to_js({}).constructor.constructor(${evalCode})()`,
      `import jsffi\njsffi.to_js([1]).constructor.constructor(${evalCode})()`,
      `import jsffi\njsffi.create_proxy(print).constructor.constructor(${evalCode})()`,
      `import jsffi\njsffi.JsProxy.constructor(${evalCode})()`,
    ],
  },
  {
    name: 'constructor walks from the registered modules',
    attempts: [
      `import _bwhost\n_bwhost.constructor.constructor(${evalCode})()`,
      `import _bwhost\n_bwhost.poll.constructor(${evalCode})()`,
      `import _bwhost\n_bwhost.poll.call.constructor(${evalCode})()`,
      `import _pvnative\n_pvnative.imageNew.constructor(${evalCode})()`,
      `import _pvnative\n_pvnative.__proto__.constructor.constructor(${evalCode})()`,
      `import _pvnative\n_pvnative.screen().constructor.constructor(${evalCode})()`,
    ],
  },
  {
    name: 'every function of every module, and every value it returns',
    attempts: [
      walkProxies +
        `
import _bwhost, _pvnative
seen = set()
for m in (_bwhost, _pvnative):
    _walk(m, seen)
    for n in dir(m):
        if n in ('reset', 'stopped', 'wait_button', 'wait_home_release', 'sleep_ms', 'present', 'http', 'report_error', '__del__'):
            continue  # these end or pause the boot by design; __del__ has its own attack
        f = getattr(m, n)
        for args in ((), (1,), (1, 2), ('x',)):
            try:
                _walk(f(*args), seen)
            except Exception:
                pass
raise OSError('walked')`,
    ],
  },
  {
    name: 'handles of badgeware objects',
    setup: walkProxies + `
from badgeware import Image, shapes, brushes, screen, Matrix
objs = [screen, Image(0, 0, 4, 4), shapes.rectangle(0, 0, 4, 4), brushes.color(1, 2, 3), Matrix()]
assert type(objs[1]._h).__name__ == 'JsProxy'`,
    attempts: [
      `seen = set()
for o in objs:
    _walk(o, seen)
    for n in dir(o):
        try:
            _walk(getattr(o, n), seen)
        except Exception:
            pass
raise OSError('walked')`,
      `objs[1]._h.constructor.constructor(${evalCode})()`,
      `objs[2]._h.__proto__.constructor.constructor(${evalCode})()`,
      `list(objs[3]._h)[0].constructor(${evalCode})()`,
      `objs[4]._h.new().constructor.constructor(${evalCode})()`,
    ],
  },
  {
    name: '__class__ and __dict__ walks, prototype pollution',
    attempts: [
      `import _bwhost\n_bwhost.__dict__['x']`,
      `import _bwhost\n_bwhost.__class__.__dict__['constructor']`,
      `import _pvnative\np = _pvnative.screen().__proto__\np.polluted = 1\nassert p.polluted == 1`,
      `import _bwhost\n_bwhost.poll = 5\nassert _bwhost.poll == 5`,
    ],
  },
  {
    name: 'sys.modules tampering',
    attempts: [
      walkProxies + `\nimport sys\nseen = set()\nfor k, v in list(sys.modules.items()):\n    _walk(v, seen)\nraise OSError('walked')`,
      `import sys\ndel sys.modules['_bwhost']\nimport _bwhost\n_bwhost.poll.constructor(${evalCode})()`,
      `import sys\nsys.modules['js'] = None\ndel sys.modules['js']\nimport js\njs.process.exit(3)`,
    ],
  },
  {
    name: 'freeing a module reference by hand',
    breaksPlatform: true,
    attempts: [
      `import _bwhost\n_bwhost.__del__()\n_bwhost.poll.constructor(${evalCode})()`,
      `import _pvnative\nf = _pvnative.imageNew\n_pvnative.__del__()\nfrom badgeware import image\nfor i in range(50):\n    image(2, 2)\nf.constructor.constructor(${evalCode})()\n_bwhost.constructor.constructor(${evalCode})()`,
    ],
  },
  {
    name: 'open() on host paths',
    attempts: [
      `open(CANARY, 'w').write('x')`,
      `open('/../../../../' + CANARY, 'w').write('x')`,
      `open('/etc/passwd').read()`,
      `import os\nos.listdir('/proc/self/fd')\nraise OSError('emscripten proc')`,
    ],
  },
]

/** The code of `attack` with the canaries filled in, printing BLOCKED/CROSSED lines. */
export function renderAttack(attack: Attack, ctx: AttackContext, index: number): string {
  const lines: string[] = [`CANARY = ${JSON.stringify(ctx.canaryFile)}`, `PORT = ${ctx.canaryPort}`, ...(attack.setup ? attack.setup.split('\n') : [])]
  attack.attempts.forEach((code, i) => {
    lines.push('try:')
    for (const l of code.split('\n')) lines.push('    ' + l)
    lines.push(`    print('CROSSED ${index}.${i}')`)
    lines.push('except Exception as e:')
    lines.push(`    print('BLOCKED ${index}.${i}', type(e).__name__)`)
  })
  return lines.join('\n') + '\n'
}
