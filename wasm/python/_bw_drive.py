# Frame loops on the virtual badge. This build reclaims garbage only when a call from JS returns,
# so a loop inside one REPL exec would keep every object it allocates until the exec ends (the
# badge collects inside it). A program hands its loop here as a generator that yields once per
# frame: at the top level of a raw-paste exec (armed by the virtual badge's REPL) drive() ends the
# exec's own code and the REPL steps the loop from JS, one call per frame, then frames the exec's
# end as usual; anywhere else (a real badge has no such module) the loop runs right here.
# drive() must be the exec's last statement: nothing after it runs when the loop is handed over.
import _bwhost as _h

_loop = None


class DriveHandoff(BaseException):
    # A BaseException so that `except Exception` in a program lets it pass.
    pass


def drive(gen):
    global _loop
    # The host says yes once per raw-paste exec on the virtual badge (never in the emulator).
    if _h.take_handoff():
        _loop = gen
        raise DriveHandoff
    for _ in gen:
        pass


def step():
    # One frame of the handed-over loop: 1 while it goes on, 0 once it ended. Its exceptions
    # (a traceback, KeyboardInterrupt, SystemExit) end it and reach the REPL as the exec's.
    global _loop
    try:
        next(_loop)
        return 1
    except StopIteration:
        _loop = None
        return 0
    except BaseException:
        _loop = None
        raise
