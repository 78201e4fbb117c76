# `gc` as an app on the badge sees it (run mode installs this as sys.modules["gc"] once the
# platform is loaded): mem_alloc() and mem_free() count the badge's heap, the same figures the
# emulator checks the memory budget with (the app's Python objects plus its images and fonts),
# not the WebAssembly heap, which is hundreds of times larger.
from gc import *  # noqa: F401,F403
import gc as _gc
import _bwhost as _h

_base = 0


def mem_alloc():
    return max(0, _gc.mem_alloc() - _base) + _h.live_bytes()


def mem_free():
    return max(0, _h.mem_budget() - mem_alloc())
