# SpriteSheet and AnimatedSprite (API spec section 11), re-exported by badgeware.
from picovector import Image

__all__ = ["SpriteSheet", "AnimatedSprite"]


class SpriteSheet:
    # A grid of equally sized cells of one image; each cell is a window created once.
    def __init__(self, path, columns, rows):
        self.image = Image.load(path)
        self.cw = int(self.image.width / columns)
        self.ch = int(self.image.height / rows)
        self.sprites = []
        for x in range(columns):
            column = []
            for y in range(rows):
                column.append(self.image.window(x * self.cw, y * self.ch, self.cw, self.ch))
            self.sprites.append(column)

    def sprite(self, x, y):
        # The same window object every time (list indexing: negatives count from the end).
        return self.sprites[x][y]

    def animation(self, x=0, y=0, count=None, horizontal=True):
        if not count:
            count = int(self.image.width / self.cw)
        return AnimatedSprite(self, x, y, count, horizontal)


class AnimatedSprite:
    # Frames are consecutive cells of a SpriteSheet, one step right (or down) per frame.
    def __init__(self, spritesheet, x, y, count, horizontal=True):
        self.spritesheet = spritesheet
        self.x = x
        self.y = y
        self.frame_count = count
        self.horizontal = horizontal

    def frame(self, frame_index=0):
        i = int(frame_index) % self.frame_count
        if self.horizontal:
            return self.spritesheet.sprite(self.x + i, self.y)
        return self.spritesheet.sprite(self.x, self.y + i)

    def count(self):
        return self.frame_count
