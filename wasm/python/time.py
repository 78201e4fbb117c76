# time: MicroPython's built-in time module, extended so that sleeping blocks only the emulator's
# worker: the headless clock advances, Stop and HOME work, and the IDE stays responsive (the
# built-in sleep busy-waits on the clock). Loaded in place of the built-in, which it imports
# with an empty sys.path (MicroPython's documented way to extend a built-in module).
import sys

_path = sys.path
sys.path = ()
try:
    from time import *  # noqa: F401,F403
finally:
    sys.path = _path
del _path
import _bwhost as _h


def sleep_ms(ms):
    if ms > 0 and _h.sleep_ms(int(ms)):
        raise KeyboardInterrupt
    import _bw_io
    _bw_io._check_home()


def sleep(s):
    sleep_ms(s * 1000)


def sleep_us(us):
    sleep_ms(us / 1000)
