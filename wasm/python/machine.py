# machine (API spec 15.4), emulated: reset() reboots into the launcher with a fresh interpreter.
import _bwhost as _h
import _bw_io


def freq(hz=None):
    return 200000000


def unique_id():
    import binascii
    return binascii.unhexlify(_h.unique_id())


def reset():
    _h.reset(None)


def soft_reset():
    _h.reset(None)


def bootloader():
    raise OSError(95, "the emulator has no bootloader")


def idle():
    pass


def disable_irq():
    return 0


def enable_irq(state=0):
    pass


class Pin:
    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, id=None, mode=-1, pull=-1, value=None):
        self._id = id
        self._v = 0 if value is None else value

    def value(self, v=None):
        if v is None:
            if self._id == "BUTTON_HOME":
                return 0 if _h.held() & 32 else 1
            return self._v
        self._v = v

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        self._v = 1

    def off(self):
        self._v = 0

    def init(self, *a, **k):
        pass

    def irq(self, handler=None, trigger=None, **k):
        if self._id == "BUTTON_HOME":
            _bw_io._home_handler = handler
            _bw_io._home_pin = self
            _h.home_edge()  # a HOME press before arming is not an interrupt
        return None


class _Board:
    def __getattr__(self, name):
        return Pin(name)


Pin.board = _Board()


class _Shell:
    def __init__(self, *a, **k):
        pass

    def __getattr__(self, name):
        return lambda *a, **k: 0


class ADC(_Shell):
    def read_u16(self):
        return 32768


class PWM(_Shell):
    pass


class I2C(_Shell):
    def scan(self):
        return []


class SPI(_Shell):
    pass


class UART(_Shell):
    pass


class Timer(_Shell):
    pass


class RTC:
    def datetime(self, dt=None):
        import time
        t = time.localtime()
        return (t[0], t[1], t[2], t[6], t[3], t[4], t[5], 0)


class WDT(_Shell):
    pass
