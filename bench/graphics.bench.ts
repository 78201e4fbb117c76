/**
 * Graphics throughput: one frame = full-screen clear + 200 antialiased (X4) shapes + 50 sprite
 * blits (half scaled/mirrored) + one line of bitmap text, through the same native functions
 * Python calls. Two scenes: static (the same shapes every frame, so remembered coverage is
 * reused, as for typical UI) and moving (every shape rebuilt at a new sub-pixel position each
 * frame). Prints frames/s, the real-time factor against 60 fps, and ratios against two
 * baselines measured in the same run: the clear alone and a naive per-pixel fill loop.
 */
import { createGraphicsNative } from '../src/main/emulator/graphics/native'

/** Mean wall-clock and CPU milliseconds per call (CPU time is steadier on a shared machine). */
function timeIt(fn: () => void, minMs = 1500): { wall: number; cpu: number } {
  for (let i = 0; i < 20; i++) fn() // warm-up
  let n = 0
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  let t = t0
  while (t - t0 < minMs) {
    fn()
    n++
    t = performance.now()
  }
  const c = process.cpuUsage(c0)
  return { wall: (t - t0) / n, cpu: (c.user + c.system) / 1000 / n }
}

export default async function graphicsBench(): Promise<void> {
  const nat = createGraphicsNative({ readFile: () => null })
  const screen = nat.screen()
  const bg = nat.brushColor(20, 30, 50, 255)
  let seed = 7
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return (seed / 0x7fffffff) * n
  }
  type S = Exclude<ReturnType<typeof nat.shapeCircle>, string>
  const specs = Array.from({ length: 200 }, (_, i) => ({
    i, x: rnd(160), y: rnd(120), r: 3 + rnd(10), dx: rnd(30) - 15, dy: rnd(30) - 15, w: 1 + rnd(3),
    b: nat.brushColor(rnd(256), rnd(256), rnd(256), i % 3 ? 255 : 160),
  }))
  const build = (o: number): { s: S; b: ReturnType<typeof nat.brushColor> }[] =>
    specs.map(({ i, x, y, r, dx, dy, w, b }) => {
      x += o
      const k = i % 4
      const s = (k === 0 ? nat.shapeCircle(x, y, r)
        : k === 1 ? nat.shapeRoundedRectangle(x, y, r * 2, r, 3, 3, 3, 3)
        : k === 2 ? nat.shapeLine(x, y, x + dx, y + dy, w)
        : nat.shapeRegularPolygon(x, y, r, 3 + (i % 5))) as S
      return { s, b }
    })
  const shapes = build(0)
  const sprite = nat.imageNew(16, 16) as ReturnType<typeof nat.screen>
  nat.imageSetBrush(sprite, nat.brushColor(250, 180, 40, 255))
  nat.imageSetAntialias(sprite, 4)
  nat.imageDraw(sprite, nat.shapeCircle(8, 8, 7) as S, null)
  const spots = Array.from({ length: 50 }, () => [rnd(170) - 10, rnd(130) - 10])
  const font = nat.pixelFontDefault()
  const white = nat.brushColor(255, 255, 255, 255)

  const clearOnly = (): void => {
    nat.imageSetBrush(screen, bg)
    nat.imageClear(screen)
  }
  const fb = nat.screenRGBA()
  const naive = (): void => {
    for (let i = 0; i < fb.length; i += 4) {
      fb[i] = 20; fb[i + 1] = 30; fb[i + 2] = 50; fb[i + 3] = 255
    }
  }
  let moved = 0
  const frame = (move = false): void => {
    clearOnly()
    nat.imageSetAntialias(screen, 4)
    // moving: every shape is rebuilt 0.37 px further right each frame (no coverage reuse)
    for (const { s, b } of move ? build((moved = (moved + 0.37) % 10)) : shapes) {
      nat.imageSetBrush(screen, b)
      nat.imageDraw(screen, s, null)
    }
    spots.forEach(([x, y], i) => {
      if (i % 2) nat.imageBlit(screen, sprite, x, y)
      else nat.imageScaleBlit(screen, sprite, x, y, i % 4 ? -24 : 24, 24)
    })
    nat.imageSetBrush(screen, white)
    nat.textPixel(screen, font, 'Score 012345 - Badge IDE', false, 4, 4)
  }

  const tClear = timeIt(clearOnly)
  const tNaive = timeIt(naive)
  const tFrame = timeIt(() => frame(false), 3000)
  const tMoving = timeIt(() => frame(true), 3000)
  for (const k of ['wall', 'cpu'] as const) {
    for (const [label, t] of [['static scene', tFrame], ['moving shapes', tMoving]] as const) {
      const fps = 1000 / t[k]
      console.log(`[${k} time, ${label}] frame (clear + 200 AA shapes + 50 blits + text): ${t[k].toFixed(3)} ms = ${fps.toFixed(0)} frames/s, real-time factor vs 60 fps ${(fps / 60).toFixed(1)}x (target >= 10x)`)
      console.log(`[${k} time, ${label}] frame/clear-alone = ${(t[k] / tClear[k]).toFixed(1)} (clear ${(tClear[k] * 1000).toFixed(1)} us); frame/naive-fill = ${(t[k] / tNaive[k]).toFixed(1)} (naive per-pixel loop ${(tNaive[k] * 1000).toFixed(1)} us)`)
    }
  }
}
