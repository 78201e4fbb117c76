# Text: the built-in font, a project font loaded with PixelFont.load, byte-wise rendering
# (UTF-8 bytes, missing glyphs skipped), right alignment with measure_text (floats), the
# top-edge clipping quirk, translucent text, and a vector Font from picovector.
from badgeware import screen, brushes, shapes, PixelFont, Image, io
import picovector

builtin = screen.font                        # the emulator's own font
blocky = PixelFont.load("assets/blocky.ppf")
pixels = picovector.Font.load("assets/pixels.af")

try:
    PixelFont.load("assets/missing.ppf")
    missing = "loaded?"
except OSError:
    missing = "OSError ok"

WHITE = brushes.color(255, 255, 255)
GOLD = brushes.color(255, 200, 60)
GHOST = brushes.color(120, 220, 255, 120)


def update():
    screen.brush = brushes.color(20, 20, 36)
    screen.clear()

    screen.font = builtin
    screen.brush = WHITE
    # Scrolling up through the top edge: rows are not shifted, the bottom ones are cut.
    screen.text("top edge", 2, -((io.ticks // 100) % 9))
    label = "%s %s" % (builtin.name, missing)
    w, h = screen.measure_text(label)
    screen.text(label, 160 - 3 - w, 12)      # right-aligned, w is a float
    screen.text("w=%s h=%s" % (w, h), 2, 22)
    screen.text("caf\u00e9 \u00a3 \u2603 tab\tnew\nline", 2, 32)  # bytes >127: no glyphs here

    screen.font = blocky
    screen.brush = GOLD
    screen.text("Blocky!", 2, 44)
    screen.brush = GHOST
    screen.text("ghost", 70 + (io.ticks // 40) % 20, 50)

    # Vector font: float position and size, antialiased by the image's level.
    screen.font = pixels
    screen.antialias = Image.X4
    screen.brush = WHITE
    size = 14 + (io.ticks // 100) % 8
    screen.text("Vector 42", 2.5, 66, size)
    vw, vh = screen.measure_text("Vector 42", size)
    screen.brush = GOLD
    screen.draw(shapes.rectangle(2.5, 66 + size + 2, vw, 1))
    screen.antialias = Image.OFF

    # XOR and brighten brushes draw no glyph pixels.
    screen.font = builtin
    screen.brush = brushes.xor(255, 255, 255)
    screen.text("invisible", 2, 104)
    screen.brush = WHITE
    screen.text("bottom edge clipped", 60, 114)
