/** Saves README screenshots of the IDE under docs/screenshots (overwritten on every run). */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

/** Folder of the screenshots used in the README. */
export const SHOTS_DIR = path.resolve(__dirname, '../../docs/screenshots')

/** Screenshots the whole page as `docs/screenshots/<name>.png`; returns the file path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true })
  const file = path.join(SHOTS_DIR, `${name}.png`)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: file })
  return file
}
