# The badge's boot sequence (API spec 2.2-2.5), run by the emulator for every boot in a fresh
# interpreter. The project's own /system/main.py runs verbatim when it is a real launcher (has
# code); otherwise this module implements the launcher natively: intro (startup app) on a cold
# boot, then the project's menu app, or a built-in fallback menu when the project has none.
import gc
import os
import sys
import _bwhost as _h
import _bw_platform as _p

APPS = "/system/apps"


def _exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def _copy(src, dst):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data)


def _has_code(path):
    try:
        with open(path) as f:
            for line in f:
                s = line.strip()
                if s and not s.startswith("#"):
                    return True
    except OSError:
        pass
    return False


def _app_slugs():
    try:
        names = sorted(os.listdir(APPS))
    except OSError:
        return []
    return [n for n in names if n not in ("menu", "startup") and _exists(APPS + "/" + n + "/__init__.py")]


def _tidy(path):
    if sys.path and sys.path[0] == path:
        sys.path.pop(0)
    for name in ("ui", "icon"):
        if name in sys.modules:
            del sys.modules[name]
    gc.collect()


# Larger sources cannot be compiled in the badge's heap (about 241 KB): the compiler needs several
# times the source's size. Refused with a clear MemoryError instead of a long compile.
MAX_SOURCE = 128 * 1024


def _check_source(path):
    try:
        size = os.stat(path + "/__init__.py")[6]
    except OSError:
        return
    if size > MAX_SOURCE:
        raise MemoryError("%s/__init__.py is %d KB: too large for the badge to compile (its heap is about 241 KB); split it into modules or precompile it with mpy-cross" % (path, size // 1024))


def _handing_off(fn, *args):
    # Calls fn(*args) with run() handing its loop over (badgeware._RunLoop) instead of looping
    # inside this call. Returns (value, runner): runner is the loop run() asked for, or None.
    import badgeware
    badgeware._handoff = True
    try:
        return fn(*args), None
    except badgeware._RunLoop as loop:
        return None, loop.runner
    finally:
        badgeware._handoff = False


def _run_launcher_app(path, until_value):
    sys.path.insert(0, path)
    _check_source(path)
    mod, loop = _handing_off(__import__, path)
    if loop is None and hasattr(mod, "init"):
        _, loop = _handing_off(mod.init)
    while True:
        if loop is not None:
            # run() was called at import: that loop is this app's (restarted as run() would be).
            import badgeware
            r = yield loop
            loop = badgeware._Runner(loop.update, None, loop.on_exit)
        else:
            r = yield mod.update
        if r is not None or not until_value:
            _tidy(path)
            return r


def _wait_release():
    from badgeware import io
    io.poll()
    while io.held:
        _p.sleep_ms(10)
        io.poll()


def launch(path):
    """Steps 2.2.5-2.2.8: start the app at `path` as the launcher does once it is chosen."""
    import machine
    _h.set_app(path)
    _wait_release()
    state = {"app": None, "on_exit": None}

    def on_home(pin):
        app = state["app"]
        on_exit = state["on_exit"] or (app.on_exit if app is not None and hasattr(app, "on_exit") else None)
        if on_exit is not None:
            try:
                on_exit()
            except Exception as e:
                _p.report(e, "update")
        _h.wait_home_release()
        machine.reset()

    machine.Pin.board.BUTTON_HOME.irq(trigger=machine.Pin.IRQ_FALLING, handler=on_home)
    sys.path.insert(0, path)
    os.chdir(path)
    loop = None
    try:
        _check_source(path)
        app, loop = _handing_off(__import__, path)
        state["app"] = app
        if loop is None and hasattr(app, "init"):
            _, loop = _handing_off(app.init)
    except Exception as e:
        _p.report(e, "import")
        _p.draw_error_box(_p.format_exception(e))
        _p.frozen_until_home()
    if loop is not None:
        # The app called run() itself at import (2.4: that must work): step that loop.
        state["on_exit"] = loop.on_exit
        r = yield loop
    else:
        r = yield app.update
    if isinstance(r, str) and r.startswith(APPS + "/") and _h.option("launchReturnedPath"):
        _h.reset(r)
    machine.reset()


def _builtin_menu():
    slugs = _app_slugs()
    preferred = _h.option("preferred")
    if preferred and preferred in slugs and _h.wake_reason() != 241:
        return APPS + "/" + preferred
    if len(slugs) == 1:
        return APPS + "/" + slugs[0]
    if False:
        yield
    from badgeware import screen, brushes, shapes, io
    sel = [0]

    def update():
        if slugs:
            if io.BUTTON_DOWN in io.pressed:
                sel[0] = (sel[0] + 1) % len(slugs)
            if io.BUTTON_UP in io.pressed:
                sel[0] = (sel[0] - 1) % len(slugs)
            if io.BUTTON_A in io.pressed:
                return APPS + "/" + slugs[sel[0]]
        screen.brush = brushes.color(13, 17, 23)
        screen.clear()
        screen.brush = brushes.color(230, 237, 243)
        screen.text("Apps" if slugs else "No apps in this project", 4, 2)
        for i, s in enumerate(slugs[:10]):
            if i == sel[0]:
                screen.brush = brushes.color(31, 111, 235)
                screen.draw(shapes.rectangle(2, 14 + i * 10, 156, 10))
            screen.brush = brushes.color(230, 237, 243)
            screen.text(s, 6, 15 + i * 10)

    while True:
        r = yield update
        if r is not None:
            return r


def native_launcher():
    import powman
    if powman.get_wake_reason() != powman.WAKE_WATCHDOG and _exists(APPS + "/startup/__init__.py"):
        yield from _run_launcher_app(APPS + "/startup", True)
    if _exists(APPS + "/menu/__init__.py"):
        path = yield from _run_launcher_app(APPS + "/menu", True)
    else:
        path = yield from _builtin_menu()
    yield from launch(path)


def _starts_any(s, prefixes):
    for p in prefixes:
        if s.startswith(p):
            return True
    return False


def _is_name(s):
    if not s or s[0].isdigit():
        return False
    for c in s:
        if not (c.isalpha() or c.isdigit() or c == "_"):
            return False
    return True


def _statements(src):
    # Splits module source into top-level statements: (first line number, text). A statement
    # starts at a column-0 line outside brackets and triple-quoted strings that does not
    # continue the previous one (else/elif/except/finally, a decorated def).
    out = []
    cur = []
    start = 1
    depth = 0
    triple = None
    cont = False
    lineno = 0
    for line in src.split("\n"):
        lineno += 1
        s = line.strip()
        new_stmt = (
            cur and depth == 0 and triple is None and not cont and line[:1] not in (" ", "\t", "#", "")
            and not _starts_any(s, ("else", "elif", "except", "finally", ")", "]", "}"))
            and not (cur and cur[-1].startswith("@"))
        )
        if new_stmt:
            out.append((start, "\n".join(cur)))
            cur = []
        if not cur:
            start = lineno
        cur.append(line)
        # Track brackets and strings roughly (enough for statement boundaries).
        i = 0
        n = len(line)
        quote = None
        while i < n:
            c = line[i]
            if triple is not None:
                if line.startswith(triple, i):
                    triple = None
                    i += 3
                    continue
            elif quote is not None:
                if c == "\\":
                    i += 2
                    continue
                if c == quote:
                    quote = None
            elif c == "#":
                break
            elif line.startswith('"""', i) or line.startswith("'''", i):
                triple = line[i:i + 3]
                i += 3
                continue
            elif c in "'\"":
                quote = c
            elif c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            i += 1
        cont = line.rstrip().endswith("\\")
    if cur:
        out.append((start, "\n".join(cur)))
    return out


def _run_main():
    # /main.py verbatim (2.2), one top-level statement at a time so that a run() it calls hands
    # its loop to the frame driver and the statements after it still run with run()'s return
    # value (`path = run(menu.update)` assigns it). A run() nested inside a compound
    # statement ends that statement when its loop ends.
    g = {"__name__": "__main__", "__file__": "/main.py"}
    with open("/main.py") as f:
        src = f.read()
    for line, text in _statements(src):
        code = compile("\n" * (line - 1) + text, "/main.py", "exec")
        _, loop = _handing_off(exec, code, g)
        if loop is not None:
            r = yield loop
            s = text.strip()
            eq = s.find("=")
            if eq > 0 and s[eq + 1:].lstrip().startswith("run(") and _is_name(s[:eq].strip()) and s[eq - 1] not in "=!<>":
                g[s[:eq].strip()] = r


def boot(app_slug):
    # A generator: each `yield update` asks the driver to run that frame loop (run()) and send
    # back its return value.
    nocopy = _exists("/system/nocopy")
    for name in ("main.py", "secrets.py"):
        src = "/system/" + name
        if _exists(src) and not (nocopy and _exists("/" + name)):
            try:
                _copy(src, "/" + name)
            except OSError:
                pass
    try:
        import badgeware  # noqa: F401  (sets up screen, font and display, as on the device)
        if app_slug:
            path = APPS + "/" + app_slug
            if not _exists(path + "/__init__.py"):
                raise ImportError("no module named '%s' (the project needs apps/%s/__init__.py)" % (path, app_slug))
            yield from launch(path)
        elif _has_code("/main.py"):
            yield from _run_main()
        else:
            yield from native_launcher()
        import machine
        machine.reset()
    except KeyboardInterrupt:
        _h.stopped()
    except Exception as e:
        _p.report(e, "boot")
        _p.draw_error_box(_p.format_exception(e))
        _p.frozen_until_home()


# ---- driven from JavaScript: start(), then frame() until it returns 0 ----
_gen = None
_runner = None


def _advance(value):
    global _runner
    try:
        update = _gen.send(value)
    except StopIteration:
        _runner = None
        return 0
    import badgeware
    _runner = update if isinstance(update, badgeware._Runner) else badgeware._Runner(update)
    return 1


def prepare():
    # Imports the platform (frozen or C on the badge) in its own call from JS, so that the
    # heap baseline measured next excludes its garbage: only what comes after it counts
    # against the badge's heap.
    import badgeware, time, machine, powman, _bw_io  # noqa: F401,E401


def measure_baseline():
    gc.collect()
    base = gc.mem_alloc()
    _h.set_heap_baseline(base)
    import _bw_gc
    _bw_gc._base = base
    sys.modules["gc"] = _bw_gc


def add_platform_heap(n):
    # Heap the emulator adds to the app's own (the debugger's hooks): not the app's on the badge.
    import _bw_gc
    _bw_gc._base += n
    _h.set_heap_baseline(_bw_gc._base)


def start(app_slug):
    global _gen
    _gen = boot(app_slug)
    return _advance(None)


def frame():
    if _runner.step():
        return _advance(_runner.result)
    return 1
