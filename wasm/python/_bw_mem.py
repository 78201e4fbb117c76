# Memory figures of the emulated badge for tools that ask over the REPL (the IDE's stats view).
# The WebAssembly heap is far larger than the badge's, but wasm32 objects have the badge's sizes,
# so the bytes in use are real; the total is the badge's Python heap.
import gc

TOTAL = 246912


def mem_alloc():
    return gc.mem_alloc()


def mem_free():
    return max(0, TOTAL - gc.mem_alloc())
