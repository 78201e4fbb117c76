/**
 * The project's `.badge-ide/` folder (the emulator's writable badge volume, network settings and
 * mocks): explained by a README inside it, and listed in `.gitignore` when the project is a git
 * repository, so its run-time state is not committed by accident.
 */
import { promises as fsp } from 'node:fs'
import path from 'node:path'

/** The README written into `.badge-ide/`. */
export const IDE_FOLDER_README = `# .badge-ide

Badge IDE keeps this project's emulator state here:

- \`badge-root/\`: the emulated badge's writable storage (files your apps save while running in the emulator);
- \`network.json\`: the emulator's network settings for this project;
- \`mocks/\`: recorded network answers the emulator can replay offline.

It is safe to delete: the IDE creates it again. In a git repository it is listed in .gitignore.
`

/** True when `.gitignore` text already ignores the folder (`.badge-ide`, `.badge-ide/`, `/.badge-ide/`). */
export function ignoresIdeFolder(gitignore: string): boolean {
  return gitignore.split(/\r?\n/).some((l) => /^\/?\.badge-ide\/?\s*$/.test(l.trim()))
}

/** Writes the README if missing and, in a git repository, adds `.badge-ide/` to `.gitignore` once. */
export async function explainIdeFolder(root: string): Promise<void> {
  const dir = path.join(root, '.badge-ide')
  await fsp.mkdir(dir, { recursive: true })
  const readme = path.join(dir, 'README.md')
  if (!(await exists(readme))) await fsp.writeFile(readme, IDE_FOLDER_README)
  if (!(await exists(path.join(root, '.git')))) return
  const file = path.join(root, '.gitignore')
  const text = await fsp.readFile(file, 'utf8').catch(() => '')
  if (ignoresIdeFolder(text)) return
  await fsp.writeFile(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}# Badge IDE's emulator state (see .badge-ide/README.md)\n.badge-ide/\n`)
}

async function exists(p: string): Promise<boolean> {
  return fsp.stat(p).then(
    () => true,
    () => false,
  )
}
