# Emulator plumbing shared by badgeware and the platform stubs: sleeping that blocks only the
# worker, error reports with tracebacks, the badge's error box.
import sys
import time
import _bwhost as _h
import _bw_io

try:
    from io import StringIO as _StringIO
except ImportError:  # pragma: no cover
    _StringIO = None

try:
    import _bdbg  # the debugger runtime, present when the emulator runs an app (not on the virtual badge)
except ImportError:
    _bdbg = None


def sleep_ms(ms):
    time.sleep_ms(ms)


def format_exception(e):
    buf = _StringIO()
    sys.print_exception(e, buf)
    return buf.getvalue()


def report(e, phase):
    if _bdbg is not None:
        _bdbg.uncaught(e)
    text = format_exception(e)
    _h.report_error(phase, text)
    return text


def draw_error_box(text):
    # An equivalent of the device's modal error box (exact pixels are not required, 2.6).
    try:
        from picovector import screen, brushes, shapes, PixelFont
        try:
            font = PixelFont.load("/system/assets/fonts/sins.ppf")
        except Exception:
            font = None
        screen.brush = brushes.color(40, 40, 40, 200)
        screen.draw(shapes.rounded_rectangle(6, 6, 148, 108, 4))
        screen.brush = brushes.color(180, 50, 50)
        screen.draw(shapes.rectangle(6, 6, 148, 12))
        if font is not None:
            screen.font = font
        screen.brush = brushes.color(255, 255, 255)
        screen.text("Error!", 10, 7)
        screen.brush = brushes.color(200, 200, 200)
        y = 20
        for line in text.split("\n")[-6:]:
            line = line.strip()
            while line and y < 100:
                cut = len(line)
                while cut > 1 and screen.measure_text(line[:cut])[0] > 140:
                    cut -= 1
                screen.text(line[:cut], 10, y)
                line = line[cut:]
                y += 9
        screen.brush = brushes.color(180, 50, 50)
        screen.draw(shapes.rectangle(124, 104, 30, 10))
        screen.brush = brushes.color(255, 255, 255)
        screen.text("Okay", 128, 104)
        import badgeware
        badgeware.display.update()
    except Exception:
        pass


def wait_any_button():
    # Blocks until a button goes down (headless runs end here: the error was reported).
    m = _h.wait_button()
    if m < 0:
        raise KeyboardInterrupt
    _bw_io._check_home()
    return m


def frozen_until_home():
    # Like the device after an uncaught error: nothing runs until HOME reboots to the launcher.
    import machine
    while True:
        if wait_any_button() & 32:
            machine.reset()
