# picovector: the badge's graphics module (API spec sections 3.2 and 4-11).
# Pixel work happens in TypeScript behind the registered JS module `_pvnative`
# (src/main/emulator/graphics/native.ts); this file gives it the device's Python API,
# argument conversions and exceptions. Native calls take only numbers, strings and
# handles and report failures as "!Type:errno:message" strings (JS exceptions cannot
# be caught by Python code).
import os
import _pvnative as _n
from _bw_io import io

# `Font` is deliberately left out of `__all__`: badgeware does `from picovector import *`
# and must not re-export it (spec 3.2); programs use `picovector.Font`.
__all__ = ["brushes", "shapes", "Image", "PixelFont", "Matrix", "io", "screen"]

# Native functions looked up once (each attribute read on a JS module costs a proxy lookup).
_brushBrighten = _n.brushBrighten
_brushColor = _n.brushColor
_brushXor = _n.brushXor
_imageBlit = _n.imageBlit
_imageClear = _n.imageClear
_imageDraw = _n.imageDraw
_imageHasPalette = _n.imageHasPalette
_imageHeight = _n.imageHeight
_imageLoad = _n.imageLoad
_imageLoadInto = _n.imageLoadInto
_imageNew = _n.imageNew
_imageScaleBlit = _n.imageScaleBlit
_imageSetAlpha = _n.imageSetAlpha
_imageSetAntialias = _n.imageSetAntialias
_imageSetBrush = _n.imageSetBrush
_imageWidth = _n.imageWidth
_imageWindow = _n.imageWindow
_matCopy = _n.matCopy
_matGet = _n.matGet
_matMultiply = _n.matMultiply
_matNew = _n.matNew
_matRotate = _n.matRotate
_matRotateRadians = _n.matRotateRadians
_matScale = _n.matScale
_matTranslate = _n.matTranslate
_measurePixel = _n.measurePixel
_measureVector = _n.measureVector
_pixelFontDefault = _n.pixelFontDefault
_pixelFontHeight = _n.pixelFontHeight
_pixelFontLoad = _n.pixelFontLoad
_pixelFontName = _n.pixelFontName
_screen = _n.screen
_shapeArc = _n.shapeArc
_shapeCircle = _n.shapeCircle
_shapeLine = _n.shapeLine
_shapePie = _n.shapePie
_shapeRectangle = _n.shapeRectangle
_shapeRegularPolygon = _n.shapeRegularPolygon
_shapeRoundedRectangle = _n.shapeRoundedRectangle
_shapeSquircle = _n.shapeSquircle
_shapeStroke = _n.shapeStroke
_textPixel = _n.textPixel
_textVector = _n.textVector
_vectorFontLoad = _n.vectorFontLoad
_nwarn = _n.warn

_EXC = {
    "OSError": OSError,
    "ValueError": ValueError,
    "TypeError": TypeError,
    "MemoryError": MemoryError,
    "RuntimeError": RuntimeError,
}


def _chk(r):
    # Raise the Python exception a native error string describes; pass other values through.
    if type(r) is str and r[:1] == "!":
        kind, errno, msg = r[1:].split(":", 2)
        if errno:
            raise OSError(int(errno))
        raise _EXC.get(kind, RuntimeError)(msg)
    return r


def _alloc(f, *args):
    # An image that does not fit may fit once garbage is collected (the badge collects and
    # retries before it raises MemoryError, too).
    r = f(*args)
    if type(r) is str and r[:13] == "!MemoryError:":
        import gc
        gc.collect()
        r = f(*args)
    return _chk(r)


def _warn(msg):
    _nwarn("portability: " + msg)


def _f(v):
    # A number argument used as a C float/int (bool and int accepted, passed as float so
    # ints beyond 32 bits survive the trip to JS).
    if isinstance(v, float):
        return v
    if isinstance(v, int):
        return float(v)
    raise TypeError("can't convert %s to float" % type(v).__name__)


def _int(v, what):
    # An argument the device requires to be an int (float -> TypeError).
    if not isinstance(v, int):
        raise TypeError("%s must be an int, not %s" % (what, type(v).__name__))
    return v


def _abs(path):
    if not isinstance(path, str):
        raise TypeError("path must be a str")
    if not path.startswith("/"):
        path = os.getcwd().rstrip("/") + "/" + path
    parts = []
    for p in path.split("/"):
        if p == "" or p == ".":
            continue
        if p == "..":
            if parts:
                parts.pop()
        else:
            parts.append(p)
    return "/" + "/".join(parts)


def _msg(message):
    # (text, is_hex): str is encoded to UTF-8 by the native side; bytes travel as hex.
    if isinstance(message, str):
        return message, False
    if isinstance(message, (bytes, bytearray)):
        return bytes(message).hex(), True
    raise TypeError("message must be a str, not %s" % type(message).__name__)


class Brush:
    # Opaque brush object (section 6); created by the `brushes` factories.
    def __init__(self, _h=None):
        if _h is None:
            raise TypeError("use the brushes factories to create a Brush")
        self._h = _h


class brushes:
    # Namespace of brush factories.
    @staticmethod
    def color(*args):
        n = len(args)
        if n == 1:
            _warn("brushes.color() with one grey value is an emulator extension")
            args = (args[0], args[0], args[0])
            n = 3
        if n < 3:
            raise TypeError("function takes at least 3 positional arguments but %d were given" % n)
        a = args[3] if n == 4 else 255
        return Brush(_h=_brushColor(_f(args[0]), _f(args[1]), _f(args[2]), _f(a)))

    @staticmethod
    def xor(*args):
        n = len(args)
        if n == 1:
            _warn("brushes.xor() with one grey value is an emulator extension")
            args = (args[0], args[0], args[0])
            n = 3
        if n < 3:
            raise TypeError("function takes at least 3 positional arguments but %d were given" % n)
        return Brush(_h=_brushXor(_f(args[0]), _f(args[1]), _f(args[2])))

    @staticmethod
    def brighten(amount):
        return Brush(_h=_brushBrighten(_f(amount)))


class Matrix:
    # 2-D affine transform (section 8). Methods change the receiver and return a copy.
    def __init__(self, _h=None):
        self._h = _matNew() if _h is None else _h

    def _copy(self):
        return Matrix(_h=_matCopy(self._h))

    def translate(self, x, y):
        _matTranslate(self._h, _f(x), _f(y))
        return self._copy()

    def scale(self, sx, sy=None):
        _matScale(self._h, _f(sx), _f(sx if sy is None else sy))
        return self._copy()

    def rotate(self, degrees):
        _matRotate(self._h, _f(degrees))
        return self._copy()

    def rotate_radians(self, radians):
        _matRotateRadians(self._h, _f(radians))
        return self._copy()

    def multiply(self, other):
        if not isinstance(other, Matrix):
            raise TypeError("expected a Matrix")
        _matMultiply(self._h, other._h)
        return self._copy()

    def __repr__(self):
        v = [float(_matGet(self._h, i)) for i in range(6)]
        return "Matrix(%g, %g, %g, %g, %g, %g)" % tuple(v)


class Shape:
    # One or more closed polygons plus a transform (section 7.1).
    def __init__(self, _h=None):
        if _h is None:
            raise TypeError("use the shapes factories to create a Shape")
        self._h = _h
        self._m = None

    @property
    def transform(self):
        return Matrix() if self._m is None else self._m._copy()

    @transform.setter
    def transform(self, m):
        if not isinstance(m, Matrix):
            raise TypeError("transform must be a Matrix")
        self._m = m._copy()

    def stroke(self, width):
        _chk(_shapeStroke(self._h, _f(width)))
        return self


def _shape(h):
    return Shape(_h=_chk(h))


class shapes:
    # Namespace of shape factories (section 7.2).
    @staticmethod
    def rectangle(x, y, w, h, *extra):
        if extra:
            _warn("extra arguments to shapes.rectangle() are ignored (no rounded corners)")
        return _shape(_shapeRectangle(_f(x), _f(y), _f(w), _f(h)))

    @staticmethod
    def circle(x, y, r):
        return _shape(_shapeCircle(_f(x), _f(y), _f(r)))

    @staticmethod
    def regular_polygon(x, y, r, sides):
        return _shape(_shapeRegularPolygon(_f(x), _f(y), _f(r), _f(sides)))

    @staticmethod
    def rounded_rectangle(x, y, w, h, r1, r2=None, r3=None, r4=None):
        r1 = _f(r1)
        r2 = r1 if r2 is None else _f(r2)
        r3 = r1 if r3 is None else _f(r3)
        r4 = r1 if r4 is None else _f(r4)
        return _shape(_shapeRoundedRectangle(_f(x), _f(y), _f(w), _f(h), r1, r2, r3, r4))

    @staticmethod
    def squircle(x, y, size, n=4):
        return _shape(_shapeSquircle(_f(x), _f(y), _f(size), _f(n)))

    @staticmethod
    def line(x1, y1, x2, y2, width):
        return _shape(_shapeLine(_f(x1), _f(y1), _f(x2), _f(y2), _f(width)))

    @staticmethod
    def arc(x, y, r, from_deg, to_deg):
        return _shape(_shapeArc(_f(x), _f(y), _f(r), _f(from_deg), _f(to_deg)))

    @staticmethod
    def pie(x, y, r, from_deg, to_deg):
        return _shape(_shapePie(_f(x), _f(y), _f(r), _f(from_deg), _f(to_deg)))


class PixelFont:
    # Bitmap font (sections 9.1, 10.1).
    def __init__(self, _h=None):
        if _h is None:
            raise TypeError("use PixelFont.load(path)")
        self._h = _h

    @staticmethod
    def load(path):
        return PixelFont(_h=_chk(_pixelFontLoad(_abs(path))))

    @property
    def height(self):
        return _pixelFontHeight(self._h)

    @property
    def name(self):
        return _pixelFontName(self._h)


class Font:
    # Vector font (sections 9.4, 10.2).
    def __init__(self, _h=None):
        if _h is None:
            raise TypeError("use Font.load(path)")
        self._h = _h

    @staticmethod
    def load(path):
        return Font(_h=_chk(_vectorFontLoad(_abs(path))))


def _builtin_font():
    # The emulator's own bitmap font, used when a project has no font files.
    return PixelFont(_h=_pixelFontDefault())


def _src(img):
    if not isinstance(img, Image):
        raise TypeError("source must be an Image, not %s" % type(img).__name__)
    return img._h


class Image:
    # An image, a window onto one, or the screen (section 5).
    OFF = 1
    X2 = 2
    X4 = 4

    def __init__(self, *args, _h=None):
        if _h is None:
            if len(args) == 4:
                w, h = args[2], args[3]
            elif len(args) == 2:
                _warn("Image(w, h) is an emulator extension; the badge needs Image(x, y, w, h)")
                w, h = args
            else:
                raise TypeError("Image() takes 4 positional arguments but %d were given" % len(args))
            w = _int(w, "width")
            h = _int(h, "height")
            if w < 0 or h < 0:
                raise ValueError("image size must not be negative")
            if w > 32767 or h > 32767:
                raise MemoryError("memory allocation failed, image of %dx%d" % (w, h))
            _h = _alloc(_imageNew, w, h)
        self._h = _h
        self._brush = None
        self._font = None
        self._aa = 1
        self._alpha = 255

    @staticmethod
    def load(path):
        return Image(_h=_alloc(_imageLoad, _abs(path)))

    def load_into(self, path):
        _chk(_imageLoadInto(self._h, _abs(path)))

    def window(self, x, y, w, h):
        win = Image(_h=_chk(_imageWindow(self._h, _f(_int(x, "x")), _f(_int(y, "y")), _f(_int(w, "w")), _f(_int(h, "h")))))
        win._aa = self._aa
        win._alpha = self._alpha
        return win

    # -- attributes --
    def _set_aa(self, v):
        v = _int(v, "antialias")
        if v == 3 or v > 4:
            _warn("antialias %d gives undefined output on the badge" % v)
        if v == self._aa:
            return  # apps set it around every draw; the native side already has it
        self._aa = v
        _imageSetAntialias(self._h, _f(v))

    @property
    def width(self):
        return _imageWidth(self._h)

    @width.setter
    def width(self, v):
        # Device slip: assigning width/height/has_palette sets the antialias level.
        _warn("assigning width/height/has_palette sets antialias on the badge")
        self._set_aa(v)

    @property
    def height(self):
        return _imageHeight(self._h)

    @height.setter
    def height(self, v):
        _warn("assigning width/height/has_palette sets antialias on the badge")
        self._set_aa(v)

    @property
    def has_palette(self):
        return bool(_imageHasPalette(self._h))

    @has_palette.setter
    def has_palette(self, v):
        _warn("assigning width/height/has_palette sets antialias on the badge")
        self._set_aa(v)

    @property
    def antialias(self):
        return self._aa

    @antialias.setter
    def antialias(self, v):
        self._set_aa(v)

    @property
    def alpha(self):
        return self._alpha

    @alpha.setter
    def alpha(self, v):
        v = _int(v, "alpha") & 255
        self._alpha = v
        _imageSetAlpha(self._h, v)

    @property
    def brush(self):
        return self._brush

    @brush.setter
    def brush(self, b):
        if b is self._brush:
            return  # apps set it around every draw; the native side already has it
        if not isinstance(b, Brush):
            raise TypeError("brush must be a Brush, not %s" % type(b).__name__)
        self._brush = b
        _imageSetBrush(self._h, b._h)

    @property
    def font(self):
        return self._font

    @font.setter
    def font(self, f):
        if not isinstance(f, (PixelFont, Font)):
            raise TypeError("font must be a PixelFont or Font, not %s" % type(f).__name__)
        self._font = f

    # -- drawing --
    def _paletted(self):
        if _imageHasPalette(self._h):
            _warn("drawing onto a paletted image is unsupported on the badge; ignored")
            return True
        return False

    def clear(self):
        _chk(_imageClear(self._h))

    def draw(self, shape):
        if not isinstance(shape, Shape):
            raise TypeError("draw() needs a Shape, not %s" % type(shape).__name__)
        m = shape._m
        _chk(_imageDraw(self._h, shape._h, None if m is None else m._h))

    def blit(self, src, x, y):
        if self._paletted():
            return
        _chk(_imageBlit(self._h, _src(src), _f(x), _f(y)))

    def scale_blit(self, src, x, y, w, h):
        if self._paletted():
            return
        _chk(_imageScaleBlit(self._h, _src(src), _f(x), _f(y), _f(w), _f(h)))

    def _need_font(self):
        f = self._font
        if f is None:
            raise OSError("target image has no font")
        return f

    def text(self, message, x, y, size=None):
        f = self._need_font()
        m, hexed = _msg(message)
        if isinstance(f, Font):
            if size is None:
                raise TypeError("text() with a vector font needs a size")
            _chk(_textVector(self._h, f._h, m, hexed, _f(x), _f(y), _f(size)))
        else:
            _chk(_textPixel(self._h, f._h, m, hexed, _f(x), _f(y)))

    def measure_text(self, message, size=None):
        f = self._need_font()
        m, hexed = _msg(message)
        if isinstance(f, Font):
            if size is None:
                raise TypeError("measure_text() with a vector font needs a size")
            return (float(_chk(_measureVector(f._h, m, hexed, _f(size)))), float(_f(size)))
        return (float(_chk(_measurePixel(f._h, m, hexed))), float(_pixelFontHeight(f._h)))


screen = Image(_h=_screen())
screen.font = _builtin_font()
