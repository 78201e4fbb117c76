class RemoteDescriptor:
    NAME = "remote"
    ADDRESS = 0
    BUTTON_CODES = {}

    def __init__(self):
        self.on_known = None
        self.on_any = None
        self._handlers = {}

    def button(self, code):
        for k, c in self.BUTTON_CODES.items():
            if c == code:
                return k
        return None

    def bind(self, key, on_press, on_repeat=True, on_release=False):
        self.bind_code(self.BUTTON_CODES[key], on_press, on_repeat, on_release)

    def bind_code(self, code, on_press, on_repeat=True, on_release=False):
        self._handlers[code] = on_press

    def unbind(self, key):
        self.unbind_code(self.BUTTON_CODES[key])

    def unbind_code(self, code):
        self._handlers.pop(code, None)

    def _deliver(self, cmd):
        if self.on_any:
            self.on_any(cmd)
        if self.on_known:
            key = self.button(cmd)
            if key is not None:
                self.on_known(key)
        h = self._handlers.get(cmd)
        if h:
            h(cmd)
