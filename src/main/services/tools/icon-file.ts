/**
 * Icon files of the project: decoding with the emulator's own PNG loader (so the editor shows what
 * the emulator will draw) and saving as a PNG the badge decodes.
 */
import type { IconData, SavedIcon } from '../../../shared/ipc/domains/tools'
import { CodedError } from '../../../shared/ipc/result'
import type { Bitmap } from '../../../shared/tools/icon'
import { decodePngFile, PngError } from '../../emulator/graphics/png'
import type { ProjectFs } from '../project/project-fs'
import { badgePngProblems, encodeBadgePng, type PngFormat } from './png-writer'

/** Decodes PNG bytes to RGBA (palettes expanded) with the emulator's loader. Throws INVALID_PNG. */
export function decodeIcon(png: Uint8Array): { bitmap: Bitmap; deviceWarning: string | null } {
  let img
  try {
    img = decodePngFile(png)
  } catch (e) {
    if (e instanceof PngError) throw new CodedError('INVALID_PNG', e.message)
    throw e
  }
  let data = img.data
  if (img.palette) {
    const pal = img.palette
    data = new Uint8Array(img.width * img.height * 4)
    img.data.forEach((ix, p) => data.set(pal.subarray(ix * 4, ix * 4 + 4), p * 4))
  }
  const problems = badgePngProblems(png)
  const warning = img.deviceUnsupported ?? (problems.length ? problems.join('; ') : null)
  return { bitmap: { width: img.width, height: img.height, data }, deviceWarning: warning }
}

/** Reads and decodes a project PNG for the editor. */
export async function loadIcon(fs: ProjectFs, rel: string): Promise<IconData> {
  const { bitmap, deviceWarning } = decodeIcon(await fs.readBytes(rel))
  return { width: bitmap.width, height: bitmap.height, rgba: bitmap.data, deviceWarning }
}

/** Encodes RGBA pixels and writes them as a badge-compatible PNG. Throws ICON_INVALID on a size mismatch. */
export async function saveIcon(
  fs: ProjectFs,
  rel: string,
  width: number,
  height: number,
  data: Uint8Array,
  format: PngFormat = 'auto',
): Promise<SavedIcon> {
  if (data.length !== width * height * 4) throw new CodedError('ICON_INVALID', `${data.length} bytes for ${width}×${height}`)
  if (!/\.png$/i.test(rel)) throw new CodedError('INVALID_PNG', `${rel}: icons are saved as .png files`)
  const { png, format: used } = encodeBadgePng({ width, height, data }, format)
  const { rel: p } = await fs.resolve(rel)
  await fs.writeFile(p, png)
  return { path: p, bytes: png.length, format: used }
}
