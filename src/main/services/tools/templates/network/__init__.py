# {{TITLE}}: fetches a web page over Wi-Fi, one chunk per frame so the screen stays alive.
# Wi-Fi details come from /secrets.py (edit them with Badge IDE's secrets form).
import sys
from badgeware import screen, brushes, shapes, io

URL = "http://example.com/"
BACKGROUND = brushes.color(13, 17, 23)
WAITING = brushes.color(227, 179, 65)
GOOD = brushes.color(63, 185, 80)
BAD = brushes.color(248, 81, 73)
BAR = brushes.color(88, 166, 255)

wlan = None
stream = None
status = "wifi"  # wifi → fetch → reading → done | error
started = 0
received = 0
chunk = bytearray(512)


def wifi_details():
    sys.path.insert(0, "/")
    try:
        import secrets
        return secrets.WIFI_SSID, secrets.WIFI_PASSWORD
    except (ImportError, AttributeError):
        return None, None
    finally:
        sys.path.pop(0)


def init():
    global wlan, status
    ssid, password = wifi_details()
    if not ssid:
        status = "error"
        return
    try:
        import network
        wlan = network.WLAN(network.STA_IF)
        wlan.active(True)
        wlan.connect(ssid, password)
    except (ImportError, OSError):
        status = "error"


def step():
    global status, stream, received, started
    if status == "wifi":
        if not started:
            started = io.ticks
        if wlan.isconnected():
            status = "fetch"
        elif io.ticks - started > 60000:
            status = "error"
    elif status == "fetch":
        try:
            from urllib.urequest import urlopen
            stream = urlopen(URL)
            status = "reading"
        except OSError:
            status = "error"
    elif status == "reading":
        try:
            n = stream.readinto(chunk)
        except OSError:
            n = 0
            status = "error"
        received += n
        if n == 0:
            stream.close()
            if status == "reading":
                status = "done"


def update():
    step()
    screen.brush = BACKGROUND
    screen.clear()
    screen.brush = {"done": GOOD, "error": BAD}.get(status, WAITING)
    screen.draw(shapes.circle(80, 50, 16))
    if status in ("wifi", "fetch"):
        # A spinner while waiting.
        screen.brush = BACKGROUND
        screen.draw(shapes.pie(80, 50, 12, io.ticks / 3, io.ticks / 3 + 90))
    screen.brush = BAR
    screen.draw(shapes.rectangle(10, 100, min(140, received // 16), 6))
