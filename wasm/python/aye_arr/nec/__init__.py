import _bwhost as _h


class NECReceiver:
    def __init__(self, pin=21, pio=0, sm=0):
        self._by_addr = {}
        self._running = False

    def bind(self, descriptor, force=False):
        addr = descriptor.ADDRESS
        lst = self._by_addr.setdefault(addr, [])
        if lst and not force:
            raise ValueError("a descriptor is already bound to address %d" % addr)
        lst.append(descriptor)

    def start(self):
        self._running = True

    def stop(self):
        self._running = False

    def reset(self):
        while _h.ir_take() >= 0:
            pass

    def decode(self):
        while True:
            v = _h.ir_take()
            if v < 0:
                return
            if not self._running:
                continue
            addr = (v >> 8) & 0xFF
            cmd = v & 0xFF
            for d in self._by_addr.get(addr, ()):
                d._deliver(cmd)


class NECSender:
    def __init__(self, *a, **k):
        pass

    def send(self, *a, **k):
        pass

    def start(self):
        pass

    def stop(self):
        pass
