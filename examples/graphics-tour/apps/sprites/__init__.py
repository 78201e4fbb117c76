# Sprites: a SpriteSheet of 4 x 2 cells, animations stepping horizontally and vertically,
# frame() wrapping modulo the count (also for negative and float indices), shared sprite
# objects (alpha set on one persists), and mirrored scaled sprites.
from badgeware import screen, brushes, shapes, SpriteSheet, io

sheet = SpriteSheet("assets/walker.png", 4, 2)
walk = sheet.animation()                     # count defaults to int(width / cw) = 4
walk_blue = sheet.animation(0, 1, 0)         # count 0 also means the default
down = sheet.animation(2, 0, 2, False)       # steps down a column
ghost = sheet.sprite(3, 1)
ghost.alpha = 90                             # persists: sprite() returns the same object
assert sheet.sprite(3, 1) is ghost


def update():
    screen.brush = brushes.color(50, 90, 60)
    screen.clear()
    screen.brush = brushes.color(70, 120, 80)
    screen.draw(shapes.rectangle(0, 100, 160, 20))

    step = io.ticks / 100                    # ever-growing float index
    x = (io.ticks // 20) % 176 - 16
    screen.blit(walk.frame(step), x, 84)
    screen.scale_blit(walk.frame(step), 150 - x, 68, -32, 32)   # facing left, 2x
    screen.blit(walk_blue.frame(-step), 10, 10)
    screen.blit(down.frame(step * 0.5), 30, 10)
    screen.blit(ghost, 50, 10)
    for i in range(walk.count()):
        screen.blit(walk.frame(i), 70 + i * 18, 10)
    screen.scale_blit(sheet.sprite(0, 0), 8, 32, 48, 48)
    screen.scale_blit(sheet.sprite(-1, 0), 60, 32, 48, -48)
    screen.brush = brushes.color(255, 255, 255)
    screen.text("frames %d" % walk.count(), 112, 40)
