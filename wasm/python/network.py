# network (API spec 15.1): a simulated Wi-Fi interface. connect() succeeds about 1.5 s later
# (emulator clock) when the IDE's simulated Wi-Fi is on and an SSID is given.
import time
import _bwhost as _h

STA_IF = 0
AP_IF = 1
STAT_IDLE = 0
STAT_CONNECTING = 1
STAT_WRONG_PASSWORD = -3
STAT_NO_AP_FOUND = -2
STAT_CONNECT_FAIL = -1
STAT_GOT_IP = 3

_ifaces = {}


class WLAN:
    def __new__(cls, interface=STA_IF):
        w = _ifaces.get(interface)
        if w is None:
            w = object.__new__(cls)
            w._init(interface)
            _ifaces[interface] = w
        return w

    def __init__(self, interface=STA_IF):
        pass

    def _init(self, interface):
        self._if = interface
        self._active = False
        self._ssid = ""
        self._t = None

    def active(self, flag=None):
        if flag is None:
            return self._active
        self._active = bool(flag)
        if not self._active:
            self._t = None

    def connect(self, ssid=None, key=None, **kw):
        self._active = True
        self._ssid = ssid or ""
        self._t = time.ticks_ms() if (ssid and _h.wifi()) else None

    def disconnect(self):
        self._t = None

    def isconnected(self):
        return self._t is not None and time.ticks_diff(time.ticks_ms(), self._t) >= 1500

    def status(self, param=None):
        if param == "rssi":
            return -50 if self.isconnected() else 0
        if param is not None:
            raise ValueError("unknown status param")
        if self.isconnected():
            return STAT_GOT_IP
        if self._t is not None:
            return STAT_CONNECTING
        return STAT_IDLE

    def ifconfig(self, *a):
        if self.isconnected():
            return ("192.168.4.23", "255.255.255.0", "192.168.4.1", "192.168.4.1")
        return ("0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0")

    def ipconfig(self, key):
        return self.ifconfig()[0]

    def config(self, *args, **kw):
        if kw:
            return None
        key = args[0] if args else None
        if key == "mac":
            import binascii
            return binascii.unhexlify("28cdc1" + _h.unique_id()[-6:])
        if key in ("ssid", "essid"):
            return self._ssid
        if key == "channel":
            return 6
        if key == "security":
            return 3
        if key == "hostname":
            return "badger"
        if key == "txpower":
            return 20
        raise ValueError("unknown config param")

    def scan(self):
        if not _h.wifi():
            return []
        return [(b"BadgeIDE-Sim", b"\x28\xcd\xc1\x00\x00\x01", 6, -50, 3, False)]


def hostname(name=None):
    return "badger"


def country(code=None):
    return "GB"
