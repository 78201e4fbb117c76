# socket (API spec 15.3): the emulator does not open raw TCP connections; connect() raises
# OSError(ECONNREFUSED). getaddrinfo answers without DNS.
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
SOL_SOCKET = 1
SO_REUSEADDR = 4
IPPROTO_TCP = 6
IPPROTO_UDP = 17
ECONNREFUSED = 111
ETIMEDOUT = 110


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (host, port))]


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):
        self._timeout = None

    def settimeout(self, t):
        self._timeout = t

    def setblocking(self, flag):
        pass

    def setsockopt(self, *a):
        pass

    def connect(self, addr):
        raise OSError(ECONNREFUSED, "ECONNREFUSED: raw sockets are not available in the Badge IDE emulator (use urllib.urequest)")

    def bind(self, addr):
        pass

    def listen(self, n=0):
        pass

    def accept(self):
        raise OSError(ETIMEDOUT, "ETIMEDOUT")

    def send(self, b):
        raise OSError(ECONNREFUSED, "ECONNREFUSED")

    sendall = send
    write = send

    def recv(self, n):
        return b""

    read = recv

    def close(self):
        pass
