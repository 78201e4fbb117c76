# urllib.urequest (API spec 15.2). Requests go to the IDE, which answers from the project's
# offline mocks or, for hosts on the project's allowlist, from the network; anything else
# raises OSError. The call blocks (only the emulator's worker) until the reply is in.
import _bwhost as _h


class _Response:
    def __init__(self, body):
        self._b = body
        self._i = 0

    def read(self, n=-1):
        b = self._b
        i = self._i
        if n is None or n < 0:
            self._i = len(b)
            return b[i:]
        self._i = min(len(b), i + n)
        return b[i:self._i]

    def readinto(self, buf, n=-1):
        want = len(buf) if n is None or n < 0 else min(n, len(buf))
        chunk = self.read(want)
        buf[:len(chunk)] = chunk
        return len(chunk)

    def readline(self):
        b = self._b
        i = self._i
        j = b.find(b"\n", i)
        j = len(b) if j < 0 else j + 1
        self._i = j
        return b[i:j]

    def close(self):
        self._i = len(self._b)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def urlopen(url, data=None, method="GET", headers=None):
    import json
    import binascii
    if isinstance(data, str):
        data = data.encode()
    if data is not None and method == "GET":
        method = "POST"
    hdrs = json.dumps(headers or {})
    body_hex = binascii.hexlify(data).decode() if data is not None else None
    r = json.loads(_h.http(method, url, hdrs, body_hex))
    if r["error"] is not None:
        raise OSError(r["errno"], r["error"])
    return _Response(binascii.a2b_base64(r["body"]))
