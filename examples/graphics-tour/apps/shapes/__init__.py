# Shapes tour: every shapes factory, the three antialias levels, strokes, transforms,
# colour wrap-around, translucent and XOR brushes. Animated by io.ticks only.
from badgeware import screen, brushes, shapes, Matrix, Image, io
import math

BG = brushes.color(16, 24, 48)
# Components wrap modulo 256 (no clamping): 300 -> 44, -20 -> 236.
WRAPPED = brushes.color(300, -20, 128)
INK = brushes.color(250, 250, 250)
HALF_RED = brushes.color(255, 40, 40, 128)
XOR = brushes.xor(255, 255, 0)


def update():
    t = io.ticks / 1000
    screen.brush = BG
    screen.clear()

    # Row 1: the same circle at antialias OFF, X2 and X4.
    for i, level in enumerate((Image.OFF, Image.X2, Image.X4)):
        screen.antialias = level
        screen.brush = WRAPPED
        screen.draw(shapes.circle(14 + i * 24, 14, 9.5))

    # antialias 0 draws nothing (a red square would show here otherwise).
    screen.antialias = 0
    screen.brush = HALF_RED
    screen.draw(shapes.rectangle(80, 4, 20, 20))
    screen.antialias = Image.X4

    # Regular polygon and squircle, stroked outward; rectangles stroked inward.
    screen.brush = INK
    screen.draw(shapes.regular_polygon(94, 14, 8, 5).stroke(1.5))
    screen.draw(shapes.squircle(118, 14, 8, 4).stroke(1))
    screen.draw(shapes.rectangle(132, 4, 22, 20).stroke(2))
    screen.draw(shapes.rectangle(10, 40, 20, 20).stroke(2.5))

    # Rounded rectangle with four different radii and one sharp corner.
    screen.brush = brushes.color(90, 200, 140)
    screen.draw(shapes.rounded_rectangle(36, 32, 40, 28, 0, 4, 8, 12))
    screen.brush = brushes.color(20, 60, 40)
    screen.draw(shapes.rounded_rectangle(36, 32, 40, 28, 0, 4, 8, 12).stroke(-2))

    # Arcs (chord-closed segments) and pies, angles from straight down, clockwise.
    screen.brush = brushes.color(250, 200, 60)
    screen.draw(shapes.pie(96, 46, 13, 45, 45 + (io.ticks // 10) % 300))
    screen.brush = brushes.color(120, 160, 255)
    screen.draw(shapes.arc(126, 46, 13, 200, 340))
    screen.draw(shapes.arc(146, 46, 10, 90, 270).stroke(2))

    # Lines of several widths; a zero-length line draws nothing.
    screen.antialias = Image.X2
    screen.brush = INK
    for i in range(5):
        screen.draw(shapes.line(6, 68 + i * 6, 60, 64 + i * 9, 0.5 + i))
    screen.draw(shapes.line(70, 70, 70, 70, 8))

    # Transforms: a rotating square (rotate degrees), a scaled star of lines, rotate_radians
    # and multiply; the getter returns a copy, so mutating it alone changes nothing.
    screen.antialias = Image.X4
    sq = shapes.rectangle(-8, -8, 16, 16)
    sq.transform = Matrix().translate(90, 90).rotate(t * 90)
    ignored = sq.transform
    ignored.scale(5)
    screen.brush = brushes.color(200, 90, 220)
    screen.draw(sq)
    spin = Matrix().rotate_radians(t * math.pi)
    m = Matrix().translate(125, 90).scale(1.5)
    m.multiply(spin)
    tri = shapes.regular_polygon(0, 0, 10, 3)
    tri.transform = m
    screen.brush = brushes.color(60, 220, 220)
    screen.draw(tri)
    tri.stroke(2)
    screen.brush = INK
    screen.draw(tri)

    # Translucent brush (rule P) over everything, then an XOR band.
    screen.brush = HALF_RED
    screen.draw(shapes.circle(148, 104, 14))
    screen.antialias = Image.OFF
    screen.brush = XOR
    screen.draw(shapes.rectangle(0, 112, 160, 8))
