# badgeware: the badge's app library (API spec sections 2.4, 3.1, 13, 14), running in the
# Badge IDE emulator. Drawing comes from picovector; the frame loop, display, State and helpers
# are here. `from badgeware import *` exports every public name.
import gc
import os
import sys
import _bwhost as _h
import _bw_platform as _p
from picovector import *
from picovector import brushes, shapes, Image, PixelFont, Matrix, io, screen
from _pv_sprites import SpriteSheet, AnimatedSprite
from _bw_platform import _bdbg


WIDTH = 160
HEIGHT = 120
ASSETS = "/system/assets"


def _default_font():
    # Spec 9.5: the library assigns /system/assets/fonts/sins.ppf to screen.font at import.
    # Without the badge's assets (a project without them, no assets cache) picovector's
    # built-in font stays. Like the built-in font it is the platform's, not counted against
    # the app's heap budget.
    try:
        f = PixelFont.load(ASSETS + "/fonts/sins.ppf")
    except Exception:
        return
    _pvn.platformFont(f._h)
    screen.font = f


import _pvnative as _pvn
_default_font()


# Garbage collection and the memory budget. The device runs gc.collect() every frame. In this
# build gc.collect() inside a call from JS only marks a collection pending, run when the frame's
# call returns to JS, and the build marks one itself after about every 16 KB allocated: asking
# for one every frame only adds a full mark of every live object (the platform's modules
# included) to each frame. Not observable except through gc.mem_free() / mem_alloc() readings,
# which may include up to that much garbage.
# The budget is sampled every _MEM_EVERY frames: that frame asks for a collection and the next
# one reads gc.mem_alloc() (a walk of the whole allocation table) at display.update(), which
# is then what the device would read there: live objects plus this frame's garbage.
_MEM_EVERY = 4
_mem = [1, False]  # frames until the next collection for a sample; sample this frame


class _Display:
    # display.update() presents the framebuffer; the host paces frames and checks the memory
    # budget (badge heap ~241 KB: Python heap in use plus live images and fonts).
    def update(self):
        m = _mem
        if m[1]:
            m[1] = False
            r = _h.present(gc.mem_alloc())
        else:
            r = _h.present(-1)
        m[0] -= 1
        if m[0] <= 0:
            m[0] = _MEM_EVERY
            m[1] = True
            gc.collect()  # runs when this frame's call returns; the next frame samples
        if r == 1:
            raise KeyboardInterrupt
        if r == 2:
            raise MemoryError("memory allocation failed: this app needs about %d bytes, the badge has %d (Badge IDE memory budget)" % (_h.mem_used(), _h.mem_budget()))
        _io_mod._check_home()

    def backlight(self, level):
        _h.backlight(float(level))


import _bw_io as _io_mod

display = _Display()


class _Runner:
    # One run() loop, one frame per step(). The emulator calls step() from JavaScript for the
    # launcher and the apps it starts: the interpreter only frees memory between calls from JS,
    # so a loop that never returns to JS would keep every object ever allocated.
    def __init__(self, update, init=None, on_exit=None):
        self.update = update
        self.init = init
        self.on_exit = on_exit
        self.started = False
        self.result = None
        self.failed = None

    def step(self):
        # True when the loop has ended (self.result holds run()'s return value).
        if self.failed is not None:
            e, self.failed = self.failed, None
            return self._fail(e)
        try:
            if not self.started:
                self.started = True
                if self.init:
                    self.init()
            io.poll()
            if _bdbg is not None and _bdbg.G:
                _bdbg.reset()
            r = self.update()
            if r is not None:
                self.result = r
                return self._end()
            display.update()
            return False
        except KeyboardInterrupt:
            return self._end()
        except MemoryError as e:
            # Garbage is reclaimed only once this call has returned to JS: the error box, which
            # needs memory too, is shown from the next step.
            self.failed = e
            return False
        except Exception as e:
            return self._fail(e)

    def _fail(self, e):
        # The badge also prints "- ERROR: <traceback>" to its console here; the emulator's host
        # shows the reported traceback itself (IDE console, CLI stderr), so it appears once.
        text = _p.report(e, "update")
        _p.draw_error_box(text)
        try:
            _p.wait_any_button()
        except KeyboardInterrupt:
            pass
        return self._end()

    def _end(self):
        if self.on_exit:
            self.on_exit()
        return True


class _RunLoop(BaseException):
    # Raised by run() while the boot is importing an app or running main.py: hands the loop to
    # the JS-driven frame driver (_bw_boot), which steps it one call per frame. A loop running
    # inside that one Python call would never let this interpreter reclaim memory (it frees
    # only between calls from JS). A BaseException, so `except Exception` in apps lets it pass.
    def __init__(self, runner):
        self.runner = runner


# True while _bw_boot imports an app / runs main.py (not while a frame is being stepped).
_handoff = False


def _frames(r):
    while not r.step():
        yield


def run(update, init=None, on_exit=None):
    r = _Runner(update, init, on_exit)
    if _handoff:
        raise _RunLoop(r)
    # On the virtual badge, at the top level of a raw-paste exec (another tool's `run app.py`),
    # the REPL steps the loop from JS (see _bw_drive); elsewhere it loops here.
    import _bw_drive
    _bw_drive.drive(_frames(r))
    return r.result


class State:
    @staticmethod
    def _path(name):
        return "/state/%s.json" % name

    @staticmethod
    def save(name, data):
        import json
        text = json.dumps(data)
        for attempt in (0, 1):
            try:
                with open(State._path(name), "w") as f:
                    f.write(text)
                return
            except OSError:
                if attempt == 0 and not file_exists("/state"):
                    try:
                        os.mkdir("/state")
                    except OSError:
                        return
                else:
                    return

    @staticmethod
    def load(name, defaults):
        import json
        try:
            with open(State._path(name), "r") as f:
                data = json.loads(f.read())
            if isinstance(data, dict):
                defaults.update(data)
                return True
        except (OSError, ValueError):
            pass
        State.save(name, defaults)
        return False

    @staticmethod
    def delete(name):
        try:
            os.remove(State._path(name))
        except OSError:
            pass

    @staticmethod
    def modify(name, data):
        d = {}
        State.load(name, d)
        d.update(data)
        State.save(name, d)


def file_exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def is_dir(path):
    try:
        return os.stat(path)[0] & 0x4000
    except OSError:
        return False


def clamp(value, lo, hi):
    return max(lo, min(value, hi))


def get_battery_level():
    return int(_h.battery())


def is_charging():
    return bool(_h.charging())


def get_usb_connected():
    return bool(_h.charging())


def get_light():
    return 0.5


def get_disk_usage(mount="/"):
    try:
        s = os.statvfs(mount)
        total = s[0] * s[2]
        free = s[0] * s[3]
        return total, total - free, free
    except Exception:
        return 0, 0, 0


def free(message=None):
    import gc as g  # the badge's figures (_bw_gc), not the WebAssembly heap's

    g.collect()
    f = g.mem_free()
    if message:
        print(message, f)
    return f


def get_exception(exc):
    return _p.format_exception(exc)


def woken_by_reset():
    import powman
    return powman.get_wake_reason() == powman.WAKE_WATCHDOG


def woken_by_button():
    import powman
    return powman.get_wake_reason() in (0, 1, 2, 3, 4)


def pressed_to_wake(button):
    return False


def sleep():
    pass


__all__ = [
    "screen", "Image", "brushes", "shapes", "Matrix", "PixelFont", "io", "SpriteSheet",
    "AnimatedSprite", "State", "run", "display", "file_exists", "is_dir", "clamp",
    "get_battery_level", "is_charging", "WIDTH", "HEIGHT", "ASSETS", "get_usb_connected",
    "get_light", "get_disk_usage", "free", "get_exception", "woken_by_reset",
    "woken_by_button", "pressed_to_wake", "sleep",
]
