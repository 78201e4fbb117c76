# The debugger's side in the interpreter (emulator only). The emulator instruments project files
# as it loads them (src/main/emulator/worker/debug/instrument.ts): every statement line calls
# L() while the module's __bdG is set, and a function's first line calls E() for a call-stack
# entry. Nothing here runs while no breakpoint, step, pause or break-on-exception is active.
# The host (src/main/emulator/worker/debug/debugger.ts) sets the state through apply() and
# blocks this interpreter in _bdhost.wait() while paused.
import builtins
import json
import sys

import _bdhost as _h

G = 0
_mods = []  # globals of the instrumented modules (each holds its own __bdG)
_files = []  # fid -> project-relative path
_bps = {}  # fid -> {line: condition or None}
_exc = False  # break on uncaught exceptions
_watches = []
_mode = 0  # 0 run, 1 stop at the next line, 2 over, 3 out, 4 detached until the next boot
_reason = "step"
_depth = 0
_busy = False
# Call stack, outermost first: [fid, fn, line, names, values, anonymous, loop-entry]. Entries of
# frames that have returned or unwound are dropped when a line of a frame below them runs.
_stack = []
_refs = []

MAX_ITEMS = 200
MAX_TEXT = 200


def reg(g):
    # The header of each instrumented module.
    _mods.append(g)
    return G, L, E


def _set_g():
    global G
    v = 1 if (_mode in (1, 2, 3) or _exc or any(_bps.values())) and _mode != 4 else 0
    if v == G:
        return
    G = v
    builtins.__bdG = v
    for g in _mods:
        g["__bdG"] = v


def apply(text):
    # From the host: {"files"?, "breakpoints"?: {fid: [[line, cond], ...]}, "exc"?, "watches"?, "pause"?}
    global _files, _bps, _exc, _watches, _mode, _reason
    c = json.loads(text)
    if "files" in c:
        _files = c["files"]
    if "breakpoints" in c:
        b = {}
        for fid, lines in c["breakpoints"].items():
            b[int(fid)] = {int(l[0]): l[1] for l in lines}
        _bps = b
    if "exc" in c:
        _exc = bool(c["exc"])
    if "watches" in c:
        _watches = c["watches"]
    if c.get("pause") and _mode != 4:
        _mode = 1
        _reason = "pause"
    _set_g()
    return "ok"


def reset():
    # A new frame starts (the runner calls update() again): every earlier entry has returned.
    del _stack[:]


def E(fid, fn, loop=0):
    st = _stack
    if loop and st and st[-1][6] and st[-1][0] == fid and st[-1][1] == fn:
        return st[-1]
    r = [fid, fn, 0, (), (), False, loop]
    st.append(r)
    return r


def L(fid, line, k, fn, g, names=(), values=()):
    if _busy:
        return
    st = _stack
    if k:
        if not st or st[-1] is not k:
            i = len(st) - 1
            while i >= 0 and st[i] is not k:
                i -= 1
            if i >= 0:
                del st[i + 1:]
            else:
                st.append(k)
        r = k
    else:
        # Module or class level, or a function entered before debugging was switched on.
        i = len(st) - 1
        while i >= 0 and not (st[i][5] and st[i][0] == fid and st[i][1] == fn):
            i -= 1
        if i >= 0:
            del st[i + 1:]
            r = st[i]
        else:
            r = [fid, fn, 0, (), (), True, 0]
            st.append(r)
    r[2] = line
    r[3] = names
    r[4] = values
    m = _mode
    if m == 4:
        return
    reason = None
    if m == 1:
        reason = _reason
    elif m == 2 and len(st) <= _depth:
        reason = "step"
    elif m == 3 and len(st) < _depth:
        reason = "step"
    if reason is None:
        b = _bps.get(fid)
        if b is not None and line in b:
            cond = b[line]
            if cond is None:
                reason = "breakpoint"
            else:
                try:
                    if eval(cond, g, dict(zip(names, values))):
                        reason = "breakpoint"
                except Exception:
                    reason = "breakpoint"  # a broken condition stops, so the user sees it
    if reason is not None:
        _pause(reason, g, None)


def _short(v):
    try:
        s = repr(v)
    except Exception as e:
        s = "<repr failed: %s>" % type(e).__name__
    if len(s) > MAX_TEXT:
        s = s[:MAX_TEXT] + "…"
    return s


def _var(name, v):
    kind = type(v).__name__
    d = {"name": str(name), "kind": kind, "ref": 0}
    if isinstance(v, (list, tuple, dict, set)):
        d["size"] = len(v)
        d["value"] = _short(v)
        if len(v):
            _refs.append(v)
            d["ref"] = len(_refs)
    elif isinstance(v, (bytes, bytearray)):
        d["size"] = len(v)
        d["value"] = _short(v)
    elif isinstance(v, (int, float, bool, str)) or v is None:
        d["value"] = _short(v)
    else:
        w = getattr(v, "width", None)
        h = getattr(v, "height", None)
        if isinstance(w, int) and isinstance(h, int):
            d["value"] = "%s %d×%d" % (kind, w, h)
        else:
            d["value"] = _short(v)
        if hasattr(v, "__dict__") and not callable(v) and type(v).__name__ != "module":
            try:
                if len(v.__dict__):
                    _refs.append(v)
                    d["ref"] = len(_refs)
            except Exception:
                pass
    return d


def _children(ref):
    if ref < 1 or ref > len(_refs):
        return []
    v = _refs[ref - 1]
    out = []
    if isinstance(v, dict):
        items = list(v.items())[:MAX_ITEMS]
        for k, x in items:
            out.append(_var(_short(k), x))
    elif isinstance(v, (list, tuple)):
        for i, x in enumerate(v[:MAX_ITEMS]):
            out.append(_var(i, x))
    elif isinstance(v, set):
        for i, x in enumerate(list(v)[:MAX_ITEMS]):
            out.append(_var(i, x))
    else:
        for k in list(v.__dict__)[:MAX_ITEMS]:
            out.append(_var(k, v.__dict__[k]))
    return out


def _globals_of(g):
    out = []
    for k in sorted(g):
        if k.startswith("__") or k == "_bdbg":
            continue
        v = g[k]
        if type(v).__name__ == "module":
            continue
        out.append(_var(k, v))
        if len(out) >= MAX_ITEMS:
            break
    return out


def _watch(expr, g, loc):
    try:
        return {"expression": expr, "value": _var(expr, eval(expr, g, loc))}
    except Exception as e:
        return {"expression": expr, "error": "%s: %s" % (type(e).__name__, e)}


def _file(fid):
    return _files[fid] if 0 <= fid < len(_files) else "?"


def _payload(reason, g, exc, fid, line, names, values):
    del _refs[:]
    loc = dict(zip(names, values))
    p = {
        "reason": reason,
        "file": _file(fid),
        "line": line,
        "stack": [{"file": _file(r[0]), "line": r[2], "fn": r[1]} for r in reversed(_stack)],
        "locals": [_var(k, v) for k, v in zip(names, values)],
        "globals": _globals_of(g) if g is not None else [],
        "watches": [_watch(w, g if g is not None else {}, loc) for w in _watches],
    }
    if exc is not None:
        p["exception"] = {"type": type(exc).__name__, "text": str(exc)}
    return json.dumps(p)


def _pause(reason, g, exc, where=None):
    global _busy, _mode, _depth, _reason
    _busy = True
    try:
        top = _stack[-1] if _stack else None
        if where is not None:
            fid, line = where
        elif top is not None:
            fid, line = top[0], top[2]
        else:
            fid, line = -1, 0
        here = top is not None and top[0] == fid and top[2] == line
        names, values = (top[3], top[4]) if here else ((), ())
        kind, text = "paused", _payload(reason, g, exc, fid, line, names, values)
        while True:
            cmd = _h.wait(kind, text)
            if cmd.startswith("vars "):
                kind, text = "vars", json.dumps({"ref": int(cmd[5:]), "vars": _children(int(cmd[5:]))})
            elif cmd == "refresh":
                kind, text = "paused", _payload(reason, g, exc, fid, line, names, values)
            else:
                break
        depth = len(_stack)
        if cmd == "into":
            _mode, _reason = 1, "step"
        elif cmd == "over":
            _mode, _depth = 2, depth
        elif cmd == "out":
            _mode, _depth = 3, depth
        elif cmd == "detach":
            _mode = 4
        else:
            _mode = 0
        _set_g()
        if cmd == "stop":
            raise KeyboardInterrupt
    finally:
        _busy = False


def uncaught(e):
    # The platform is about to report `e` (the badge's error screen follows): stop at the line
    # that raised it, with the locals that frame had there when lines were being followed.
    if not _exc or _mode == 4 or _busy:
        return
    where = None
    try:
        import io

        buf = io.StringIO()
        sys.print_exception(e, buf)
        for ln in buf.getvalue().split("\n"):
            ln = ln.strip()
            if ln.startswith('File "/system/'):
                path = ln[len('File "/system/'):].split('"')[0]
                if path in _files:
                    n = ln.split(", line ")
                    if len(n) > 1:
                        where = (_files.index(path), int(n[1].split(",")[0]))
    except Exception:
        where = None
    g = None
    if where is not None:
        for m in _mods:
            f = m.get("__file__")
            if f is not None and f.endswith(_files[where[0]]):
                g = m
                break
    _pause("exception", g, e, where)


# Files whose line 1 could not take the module header find these names in builtins.
builtins.__bdG = 0
builtins.__bdL = L
builtins.__bdE = E
