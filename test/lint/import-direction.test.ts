/** The lint rule that keeps layers apart actually fires (and stays quiet for allowed imports). */
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') })

async function violations(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath })
  return r!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

describe('import direction lint rule', () => {
  it.each([
    ['src/shared/ipc/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['src/shared/ipc/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/shared/ipc/x.ts', "import { ProjectFs } from '../../main/services/project/project-fs'\nexport const a = ProjectFs"],
    ['src/renderer/src/x.ts', "import { readFileSync } from 'fs'\nexport const a = readFileSync"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer"],
    ['src/renderer/src/x.ts', "import { createAppCore } from '../../main/app-core'\nexport const a = createAppCore"],
    ['src/main/services/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/cli/x.ts', "import { dialog } from 'electron'\nexport const a = dialog"],
    ['src/preload/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([])
  })

  it.each([
    ['src/main/services/x.ts', "import type { WebPreferences } from 'electron'\nexport type A = WebPreferences"],
    ['src/main/electron/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/main/index.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron'\nexport const a = contextBridge"],
    ['src/renderer/src/x.ts', "import { OPS } from '../../shared/ipc/contract'\nexport const a = OPS"],
    ['src/main/services/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([])
  })
})
