# badgeware helpers and conventions: `from badgeware import *`, init() called once before the
# first frame, the __main__ guard not firing, io tuples, State, file helpers and clamp.
import sys
from badgeware import *
from badgeware import screen, io, brushes, shapes, Image, PixelFont, Matrix, SpriteSheet, State, run, display, file_exists, is_dir, clamp, get_battery_level, is_charging

calls = {"init": 0, "frames": 0}
prefs = {"visits": 0, "colour": 3}
BUTTONS = (("HOME", io.BUTTON_HOME), ("A", io.BUTTON_A), ("B", io.BUTTON_B), ("C", io.BUTTON_C), ("UP", io.BUTTON_UP), ("DN", io.BUTTON_DOWN))


def init():
    calls["init"] += 1
    State.delete("helpers-demo")
    State.load("helpers-demo", prefs)         # missing: writes the defaults, returns False
    prefs["visits"] += 1
    State.save("helpers-demo", prefs)


def update():
    calls["frames"] += 1
    screen.brush = brushes.color(10, 10, 10)
    screen.clear()
    screen.brush = brushes.color(230, 230, 230)
    screen.text("init %d frames %d" % (calls["init"], calls["frames"]), 2, 2)
    merged = {"visits": 0, "extra": 1}
    found = State.load("helpers-demo", merged)
    screen.text("state %s %d %d" % (found, merged["visits"], merged["extra"]), 2, 12)
    screen.text("exists %s %s" % (file_exists("/system/apps"), file_exists("nope")), 2, 22)
    screen.text("dir %s %s" % (bool(is_dir(".")), is_dir("__init__.py")), 2, 32)
    screen.text("clamp %d %d" % (clamp(5, 0, 3), clamp(-5, 0, 3)), 2, 42)
    screen.text("battery %d charging %s" % (get_battery_level(), is_charging()), 2, 52)
    # Buttons: genuine tuples in HOME, A, B, C, UP, DOWN order; empty ones are falsy.
    held = " ".join(n for n, b in BUTTONS if b in io.held) or "-"
    screen.text("held %s" % held, 2, 66)
    screen.text("pressed %s" % (str(io.pressed) if io.pressed else "none"), 2, 76)
    if io.BUTTON_A in io.pressed:
        prefs["colour"] = (prefs["colour"] + 1) % 6
    for i in range(6):
        screen.brush = brushes.color(60 + 30 * i, 90, 200 - 25 * i) if i == prefs["colour"] else brushes.color(60, 60, 60)
        screen.draw(shapes.rounded_rectangle(4 + i * 26, 92, 22, 22, 5))
    # No display.update() here: run() presents after update() returns. Calling it as well
    # would present every frame twice (each present is a frame: ticks and scripted presses
    # advance per present); it is only for forcing out the frame on which update() returns.


if __name__ == "__main__":
    run(update, init)
