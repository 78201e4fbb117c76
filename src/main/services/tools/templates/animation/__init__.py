# {{TITLE}}: an animation driven by io.ticks (milliseconds since boot), so it runs at the
# same speed whatever the frame rate.
import math
from badgeware import screen, brushes, shapes, io, Matrix

BACKGROUND = brushes.color(10, 12, 30)
BALL = brushes.color(255, 166, 87)
SPINNER = brushes.color(88, 166, 255)
TRAIL = brushes.color(10, 12, 30, 80)


def update():
    t = io.ticks / 1000
    if io.ticks < 50:
        screen.brush = BACKGROUND
        screen.clear()
    # A translucent clear leaves a fading trail behind moving things.
    screen.brush = TRAIL
    screen.clear()

    x = 80 + math.sin(t * 2) * 60
    y = 60 + math.cos(t * 3) * 40
    screen.brush = BALL
    screen.draw(shapes.circle(x, y, 8))

    square = shapes.rectangle(-12, -12, 24, 24)
    square.transform = Matrix().translate(80, 60).rotate(io.ticks / 10)
    screen.brush = SPINNER
    screen.draw(square.stroke(2))
