import { afterAll, beforeAll, describe, it } from 'vitest'
import { startIde, type E2EContext } from '../helpers/e2e'
import { tempProject } from '../helpers/temp-project'
import { shot } from './shots'

describe('look', () => {
  let ide: E2EContext
  const project = tempProject('hello')
  beforeAll(async () => {
    ide = await startIde()
  })
  afterAll(async () => {
    await ide?.close()
    project.cleanup()
  })
  it('shots', async () => {
    await shot(ide.page, 'tmp-welcome')
    ide.shell.nextFolder = project.dir
    await ide.page.getByRole('button', { name: 'Open Project…' }).click()
    await ide.page.locator('[data-path="apps/hello/__init__.py"]').click()
    await ide.page.locator('.cm-content').waitFor()
    await shot(ide.page, 'tmp-open')
    await ide.page.getByTestId('theme').click()
    await shot(ide.page, 'tmp-light')
  })
})
