# Images and blits: Image(), Image.load (true colour and paletted PNGs), blit with image
# alpha, scale_blit enlarging, shrinking and mirroring (including the column -1 read),
# windows (negative sizes, windows of windows), load_into, and brighten fades.
from badgeware import screen, brushes, shapes, Image, io

badge = Image.load("assets/badge.png")
checker = Image.load("assets/checker.png")  # indexed PNG -> paletted image

# An off-screen canvas: translucent paint on a fresh image becomes opaque and darkened.
canvas = Image(0, 0, 40, 30)
canvas.brush = brushes.color(255, 255, 255, 160)
canvas.draw(shapes.circle(20, 15, 12))
canvas.brush = brushes.color(40, 120, 255)
canvas.draw(shapes.rectangle(0, 0, 40, 4))

# Windows: pixels are shared with the parent; negative sizes extend left/up.
corner = canvas.window(40, 30, -12, -10)  # same as window(28, 20, 12, 10)
corner.brush = brushes.color(255, 80, 80)
corner.clear()
inner = corner.window(2, 2, 4, 4)
inner.brush = brushes.color(255, 255, 0)
inner.clear()

# A strip of a parent image used as a sprite source (its left neighbour feeds column -1).
strip = Image(0, 0, 9, 4)
strip.brush = brushes.color(255, 0, 255)
strip.clear()
strip.brush = brushes.color(0, 200, 0)
strip.draw(shapes.rectangle(1, 0, 8, 4))
strip.brush = brushes.color(255, 255, 255)
strip.draw(shapes.rectangle(1, 0, 2, 4))
glyph = strip.window(1, 0, 8, 4)

# load_into overwrites pixels (no blending) and clips to the target.
tile = Image(0, 0, 12, 12)
tile.load_into("assets/badge.png")


def update():
    screen.brush = brushes.color(30, 30, 40)
    screen.clear()

    screen.blit(canvas, 2, 2)
    screen.blit(badge, 46.9, 2.2)          # positions are truncated
    badge.alpha = 128                        # source opacity (rule B1)
    screen.blit(badge, 64, 2)
    badge.alpha = 255
    screen.blit(checker, 84, 2)             # paletted source (rule B2)
    screen.blit(tile, 96, 2)
    screen.blit(badge, -8, 40)              # clipped at the left edge

    # scale_blit: enlarge 16 -> 30 (fixed-point columns), shrink, mirror both ways.
    screen.scale_blit(badge, 4, 56, 30, 30)
    screen.scale_blit(badge, 38, 56, 8, 8)
    screen.scale_blit(badge, 50, 56, -30, 30)
    screen.scale_blit(badge, 84, 56, 30, -30)
    screen.scale_blit(checker, 118, 56, 24, 24)

    # Mirrored enlargement of a window: the last column reads the parent's pixel to the
    # left of the window (magenta), as on the device.
    screen.scale_blit(glyph, 4, 92, -32, 16)
    # Translucent scale_blit (rule B3) onto an off-screen image keeps destination alpha.
    # Its left half is opaque (blended colour shows), the right half transparent (stays
    # invisible when the overlay is blitted).
    overlay = Image(0, 0, 30, 16)
    overlay.brush = brushes.color(0, 0, 90)
    overlay.draw(shapes.rectangle(0, 0, 15, 16))
    badge.alpha = 100
    overlay.scale_blit(badge, 0, 0, 30, 16)
    badge.alpha = 255
    screen.blit(overlay, 40, 92)

    # Fade: a brighten brush only works with clear(); animate it over time.
    fade = Image(0, 0, 40, 20)
    fade.blit(canvas, 0, 0)
    fade.brush = brushes.brighten(-((io.ticks // 20) % 200))
    fade.clear()
    fade.brush = brushes.brighten(50)
    fade.draw(shapes.rectangle(0, 0, 40, 20))  # shapes draw nothing with brighten
    screen.blit(fade, 76, 92)

    # Windows of the screen clip drawing to their rectangle.
    w = screen.window(120, 92, 36, 24)
    w.brush = brushes.color(250, 250, 250)
    w.draw(shapes.circle(18, 12, 16 + (io.ticks // 50) % 6))
