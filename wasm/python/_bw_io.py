# The badge's `io` object (API spec section 12): buttons and ticks, frozen between polls.
# Button state comes from the emulator host through the `_bwhost` JS module; a press and
# release that both happen between two polls is latched by the host into the next poll,
# so quick key taps are never lost (the device would miss them).
import _bwhost as _h

BUTTON_HOME = 32
BUTTON_A = 16
BUTTON_B = 8
BUTTON_C = 4
BUTTON_UP = 2
BUTTON_DOWN = 1
_ORDER = (32, 16, 8, 4, 2, 1)
_tuples = {}


def _tuple(mask):
    t = _tuples.get(mask)
    if t is None:
        t = tuple([b for b in _ORDER if mask & b])
        _tuples[mask] = t
    return t


# HOME interrupt (machine.Pin.board.BUTTON_HOME.irq): the handler runs at the next hook
# (poll, display.update, time.sleep) after HOME goes down, like an IRQ between bytecodes.
_home_handler = None
_home_pin = None


def _check_home():
    if _h.home_edge() and _home_handler is not None:
        _home_handler(_home_pin)


class _IO:
    BUTTON_HOME = 32
    BUTTON_A = 16
    BUTTON_B = 8
    BUTTON_C = 4
    BUTTON_UP = 2
    BUTTON_DOWN = 1

    def __init__(self):
        self.ticks = 0
        self.ticks_delta = 0
        self.held = ()
        self.pressed = ()
        self.released = ()
        self.changed = ()
        self._mask = 0

    def poll(self):
        m = _h.poll()
        if m < 0:
            raise KeyboardInterrupt
        t = _h.ticks()
        prev = self._mask
        self._mask = m
        self.ticks_delta = t - self.ticks
        self.ticks = t
        self.held = _tuple(m)
        self.pressed = _tuple(m & ~prev)
        self.released = _tuple(prev & ~m)
        self.changed = _tuple(m ^ prev)
        _check_home()


io = _IO()
