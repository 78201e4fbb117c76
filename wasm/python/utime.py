from time import *  # noqa: F401,F403  (the emulator's extended time module)
