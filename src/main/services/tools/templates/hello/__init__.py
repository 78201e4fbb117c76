# {{TITLE}}: hello world for the badge.
# init() runs once when the app starts; update() runs every frame (about 60 per second).
from badgeware import screen, brushes, shapes, io, PixelFont

BACKGROUND = brushes.color(13, 17, 23)
PANEL = brushes.color(31, 111, 235)
INK = brushes.color(240, 246, 252)
MESSAGE = {{TITLE_STR}}
has_font = False


def init():
    global has_font
    try:
        screen.font = PixelFont.load("/system/assets/fonts/sins.ppf")
        has_font = True
    except OSError:
        has_font = False  # no fonts on this badge yet: import the system assets


def update():
    screen.brush = BACKGROUND
    screen.clear()
    screen.brush = PANEL
    screen.draw(shapes.rounded_rectangle(10, 38, 140, 44, 6))
    screen.brush = INK
    if has_font:
        width, height = screen.measure_text(MESSAGE)
        screen.text(MESSAGE, (screen.width - width) / 2, (screen.height - height) / 2)
    else:
        screen.draw(shapes.circle(80, 60, 10))
    # Press A to see the app react.
    if io.BUTTON_A in io.held:
        screen.draw(shapes.rectangle(0, 112, 160, 8))
