import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { startPackageIndex, type PackageIndex } from '../helpers/package-index'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

describe('Badge tools: add a MicroPython package', () => {
  let ide: E2EContext
  let index: PackageIndex
  const project = tempProject('hello')

  beforeAll(async () => {
    index = await startPackageIndex({
      easing: { files: { 'easing/__init__.py': 'def ease(t):\n    return t * t\n' }, deps: [['curves', 'latest']], version: '0.2.0', description: 'Easing functions for animation' },
      curves: { files: { 'curves.py': 'K = 3\n' }, version: '1.0', description: 'Bezier curves' },
    })
    process.env['BADGE_IDE_PACKAGE_INDEX'] = index.url
    ide = await startIde()
    ide.shell.nextFolder = project.dir
    await ide.page.locator('[data-testid="open-project"]').click()
    await ide.page.locator('[data-path="apps/hello"]').waitFor()
  })
  afterAll(async () => {
    delete process.env['BADGE_IDE_PACKAGE_INDEX']
    await ide?.close()
    await index?.close()
    project.cleanup()
  })

  it('downloads a package and its dependencies into the app, shows them in the tree, and keeps a file the user changed until asked', async () => {
    const { page } = ide
    await page.locator('[data-testid="tools-menu"]').click()
    await page.locator('[data-testid="tools-package"]').click()
    await expect(page.locator('[data-testid="package-app"]').inputValue()).resolves.toBe('hello')
    // The index's packages are offered while typing: every word in the name or the description.
    const offered = () => page.locator('[data-testid="package-suggestions"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    await expect.poll(offered).toEqual(['curves', 'easing'])
    await page.locator('[data-testid="package-spec"]').fill('animation')
    await expect.poll(offered).toEqual(['easing'])
    await page.locator('[data-testid="package-spec"]').fill('easing')
    await page.locator('[data-testid="package-chosen"]', { hasText: 'easing 0.2.0 · Easing functions for animation' }).waitFor()
    await page.locator('[data-testid="package-spec"]').fill('nosuch')
    await page.locator('[data-testid="package-spec"]').press('Enter')
    await page.locator('.notice.error[data-code="PACKAGE_NOT_FOUND"]').waitFor()
    await page.locator('[data-testid="package-spec"]').fill('easing')
    await page.locator('[data-testid="package-install-button"]').click()
    await page.locator('[data-testid="package-report"]', { hasText: 'easing 0.2.0, curves 1.0: 2 file(s) written' }).waitFor()
    await page.locator('[data-path="apps/hello/easing/__init__.py"]').waitFor()
    await page.locator('[data-path="apps/hello/curves.py"]').waitFor()
    expect(readFileSync(path.join(project.dir, 'apps/hello/curves.py'), 'utf8')).toBe('K = 3\n')
    await shot(page, 'package-install')

    writeFileSync(path.join(project.dir, 'apps/hello/curves.py'), 'K = 4  # tuned\n')
    await page.locator('[data-testid="package-install-button"]').click()
    await page.locator('[data-testid="package-conflict"]', { hasText: 'apps/hello/curves.py' }).waitFor()
    expect(readFileSync(path.join(project.dir, 'apps/hello/curves.py'), 'utf8')).toBe('K = 4  # tuned\n')
    await page.locator('[data-testid="package-replace"]').click()
    await page.locator('[data-testid="package-report"]', { hasText: '1 file(s) written' }).waitFor()
    expect(readFileSync(path.join(project.dir, 'apps/hello/curves.py'), 'utf8')).toBe('K = 3\n')
    await page.locator('[data-testid="tool-close"]').click()
    await page.locator('[data-testid="package-install"]').waitFor({ state: 'detached' })
  })
})
