import { describe, expect, it } from 'vitest'
import { encode } from 'fast-png'
import { createGraphicsNative } from '../../../../src/main/emulator/graphics/native'
import { encodePpf } from '../../../../src/main/emulator/graphics/fonts/ppf'
import { encodeAf } from '../../../../src/main/emulator/graphics/fonts/af'

const files = new Map<string, Uint8Array>()
const native = createGraphicsNative({ readFile: (p) => files.get(p) ?? null })

// Deterministic mutations of valid files: truncations, bit flips, random bytes.
let seed = 99
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed % n
}
function mutations(good: Uint8Array, count: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const b = good.slice(0, rand(3) === 0 ? rand(good.length + 1) : good.length)
    for (let k = rand(4); k > 0 && b.length; k--) b[rand(b.length)] ^= 1 << rand(8)
    out.push(b)
  }
  out.push(Uint8Array.from({ length: 64 }, () => rand(256)))
  return out
}

describe('native module never throws (§17)', () => {
  const png = encode({ width: 5, height: 4, depth: 8, channels: 4, data: new Uint8Array(80).fill(9) })
  const ppf = encodePpf('F', 8, 4, [{ codepoint: 65, rows: ['#.#', '.#.'] }, { codepoint: 66, rows: ['##'] }])
  const af = encodeAf([{ codepoint: 65, bx: 0, by: 0, bw: 10, bh: 10, advance: 12, paths: [Float32Array.of(0, 0, 10, 0, 10, -10)] }])
  it.each([
    ['PNG', png, native.imageLoad],
    ['PPF', ppf, native.pixelFontLoad],
    ['AF', af, native.vectorFontLoad],
  ] as const)('mutated %s files give a handle or an error string', (_n, good, load) => {
    for (const bytes of mutations(good, 300)) {
      files.set('/f', bytes)
      const r = (load as (p: string) => unknown)('/f')
      expect(r === null || typeof r === 'object' || (typeof r === 'string' && r.startsWith('!'))).toBe(true)
      if (typeof r === 'object' && r && 'kind' in r && r.kind === 'ppf') {
        const img = native.imageNew(20, 20)
        expect(() => native.textPixel(img as never, r as never, 'ABAB\u00ff', false, -3, -2)).not.toThrow()
      }
      if (typeof r === 'object' && r && 'kind' in r && r.kind === 'af') {
        const img = native.imageNew(20, 20)
        expect(() => native.textVector(img as never, r as never, 'AA', false, 1, 1, 30)).not.toThrow()
      }
    }
  })
  it('missing files report errno 2', () => {
    expect(native.imageLoad('/nope')).toMatch(/^!OSError:2:/)
    expect(native.pixelFontLoad('/nope')).toMatch(/^!OSError:2:/)
    expect(native.vectorFontLoad('/nope')).toMatch(/^!OSError:2:/)
  })
  it.each([
    ['imageDraw', [null, null, null]],
    ['imageBlit', [{}, 5, 'x', 1]],
    ['imageWidth', [undefined]],
    ['textPixel', [null, null, 'x', false, 0, 0]],
    ['matTranslate', [null, 1, 2]],
    ['imageScaleBlit', [native.screen(), {}, 0, 0, 5, 5]],
  ])('%s with garbage arguments returns null or an error string instead of throwing', (name, args) => {
    const f = (native as unknown as Record<string, (...a: unknown[]) => unknown>)[name]
    const r = f(...args)
    expect(r === null || (typeof r === 'string' && r.startsWith('!RuntimeError:'))).toBe(true)
  })
  it.each([
    [-1, 5, 'ValueError'], [1.5, 2, 'ValueError'], [40000, 1, 'MemoryError'], [20000, 20000, 'MemoryError'],
  ])('imageNew(%d, %d) → %s', (w, h, type) => {
    expect(native.imageNew(w, h)).toMatch(new RegExp(`^!${type}:`))
  })
  it('screenRGBA is the live framebuffer and resetScreen zeroes it', () => {
    const fb = native.screenRGBA()
    native.imageSetBrush(native.screen(), native.brushColor(1, 2, 3, 255))
    native.imageClear(native.screen())
    expect([...fb.subarray(0, 4)]).toEqual([1, 2, 3, 255])
    native.resetScreen()
    expect(fb.every((v) => v === 0)).toBe(true)
    expect(fb.length).toBe(160 * 120 * 4)
  })
  it('clear with xor flips RGB and sets alpha; brighten adds (a·amount)>>8 clamped, alpha kept', () => {
    const img = native.imageNew(3, 1) as ReturnType<typeof native.screen>
    img.data.set([10, 20, 30, 0, 100, 100, 100, 255, 250, 5, 128, 128])
    native.imageSetBrush(img, native.brushBrighten(-10.7)) // truncated to −10
    native.imageClear(img)
    // px0 a=0: k=0; px1 a=255: k=floor(−2550/256)=−10; px2 a=128: k=floor(−1280/256)=−5
    expect([...img.data]).toEqual([10, 20, 30, 0, 90, 90, 90, 255, 245, 0, 123, 128])
    native.imageSetBrush(img, native.brushXor(0xff, 0, 0x0f))
    native.imageClear(img)
    expect([...img.data.subarray(0, 4)]).toEqual([10 ^ 0xff, 20, 30 ^ 0x0f, 255])
  })
  it('translucent clear tints with rule Q', () => {
    const img = native.imageNew(1, 1) as ReturnType<typeof native.screen>
    img.data.set([100, 100, 100, 255])
    native.imageSetBrush(img, native.brushColor(0, 0, 0, 64))
    native.imageClear(img)
    expect([...img.data]).toEqual([(100 * 191) >> 8, (100 * 191) >> 8, (100 * 191) >> 8, 255])
  })
})
