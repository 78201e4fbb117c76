# powman (API spec 15.5): the wake reason tells main.py whether to play the intro.
import _bwhost as _h

WAKE_BUTTON_A = 0
WAKE_BUTTON_B = 1
WAKE_BUTTON_C = 2
WAKE_BUTTON_UP = 3
WAKE_BUTTON_DOWN = 4
WAKE_WATCHDOG = 241
WAKE_UNKNOWN = 255


def get_wake_reason():
    return _h.wake_reason()


def get_wake_buttons():
    return 0


def sleep(*a, **k):
    pass


def goto_dormant_until_pin(*a, **k):
    pass
