/**
 * Badge tools: the new-app wizard (templates, launcher registration), the 24×24 icon editor, the
 * secrets.py form and the import of the badge's system assets. Paths are project-relative.
 */
import { z } from 'zod'
import { bytes, event, op } from '../define'
import type { LauncherKind } from '../../tools/launcher'
import type { PackageListing } from '../../tools/package-search'
import type { SecretEntry } from '../../tools/secrets'

/** A template the wizard offers. */
export interface TemplateInfo {
  name: string
  title: string
  description: string
}

/** The project's launcher (`apps/menu/__init__.py`) as the wizard sees it. */
export interface LauncherStatus {
  kind: LauncherKind
  /** Project-relative path of the launcher file, when there is one. */
  path?: string
  /** For `list` launchers: the variable and the slugs listed. */
  listName?: string
  slugs?: string[]
}

/** What `tools:newApp` did. */
export interface NewAppResult {
  slug: string
  /** Project-relative paths written. */
  files: string[]
  launcher: LauncherStatus & {
    /** True when the launcher file was edited to list the app. */
    changed: boolean
    /** A sentence for the user about what happened to the launcher. */
    note: string
  }
}

/** The form's view of secrets.py (sensitive values masked unless revealed). */
export interface SecretsView {
  exists: boolean
  entries: SecretEntry[]
  /** Lines the form did not understand; they are kept as they are when saving. */
  otherLines: number
}

/** One row sent by the form when saving. `keep` leaves a (masked) value as it is in the file. */
export const secretInput = z.object({
  key: z.string().min(1).max(64),
  type: z.enum(['string', 'raw']),
  value: z.string().max(4096).optional(),
  keep: z.boolean().optional(),
})

/** A decoded icon: its RGBA pixels, plus a warning when the badge could not decode the file. */
export interface IconData {
  width: number
  height: number
  rgba: Uint8Array
  /** Set when the file is a PNG type the badge's decoder refuses (it is re-encoded on save). */
  deviceWarning: string | null
}

/** What `tools:saveIcon` wrote. */
export interface SavedIcon {
  path: string
  bytes: number
  format: 'rgba' | 'indexed'
}

/** Which system assets to import. */
export const assetKind = z.enum(['fonts', 'images', 'launcher'])
/** One of `fonts` (assets/fonts), `images` (other assets), `launcher` (apps/menu and apps/startup). */
export type AssetKind = z.infer<typeof assetKind>

/** What an import did. */
export interface ImportReport {
  /** Where the files went: `project` or the per-user cache folder (absolute, for display). */
  target: string
  copied: string[]
  skipped: string[]
  /** Files present in the source that were not selected. */
  ignored: number
}

/** What `tools:installPackage` did (see the main process's package-install.ts). */
export interface PackageInstallResult {
  packages: Array<{ name: string; version: string }>
  /** Project-relative files written. */
  written: string[]
  /** Project-relative files that were already identical. */
  unchanged: string[]
}

export const toolsOps = {
  'tools:templates': op<TemplateInfo[]>()(z.object({}), 'Lists the app templates of the new-app wizard.'),
  'tools:launcher': op<LauncherStatus>()(z.object({}), 'Detects which kind of launcher the project has (fixed list, folder scan, none).'),
  'tools:newApp': op<NewAppResult>()(
    z.object({
      slug: z.string().max(64),
      template: z.string().max(64).optional(),
      title: z.string().max(80).optional(),
      /** Icon pixels (24×24 RGBA); a generated icon when omitted. */
      iconRgba: bytes(24 * 24 * 4).optional(),
    }),
    'Creates apps/<slug> from a template with an icon and registers it in the launcher.',
  ),
  'tools:readSecrets': op<SecretsView>()(
    z.object({ reveal: z.boolean().optional() }),
    'Reads secrets.py as form rows; passwords and tokens are masked unless `reveal` is true.',
  ),
  'tools:writeSecrets': op<SecretsView>()(
    z.object({ entries: z.array(secretInput).max(200), remove: z.array(z.string().max(64)).max(200).optional() }),
    'Saves form rows into secrets.py with minimal edits (unknown lines kept); returns the masked view.',
  ),
  'tools:loadIcon': op<IconData>()(z.object({ path: z.string().max(4096) }), 'Decodes a PNG of the project with the emulator\'s loader.'),
  'tools:saveIcon': op<SavedIcon>()(
    z.object({
      path: z.string().max(4096),
      width: z.number().int().min(1).max(256),
      height: z.number().int().min(1).max(256),
      rgba: bytes(256 * 256 * 4),
      format: z.enum(['auto', 'rgba', 'indexed']).optional(),
    }),
    'Writes RGBA pixels as a PNG the badge decodes (8-bit RGBA or indexed, one IDAT chunk).',
  ),
  'tools:badgerDrives': op<string[]>()(z.object({}), 'Mounted BADGER drives (the badge in USB disk mode) found on this computer.'),
  'tools:importAssets': op<ImportReport>()(
    z.object({
      source: z.enum(['folder', 'device']),
      /** Folder (a BADGER drive or a copy of /system); the folder picker opens when omitted. */
      folder: z.string().max(4096).optional(),
      include: z.array(assetKind).min(1).max(3).optional(),
      target: z.enum(['project', 'cache']).optional(),
      overwrite: z.boolean().optional(),
    }),
    'Copies the badge\'s system assets (fonts, images, launcher) from a folder or the connected badge.',
  ),
  'tools:listPackages': op<PackageListing[]>()(z.object({}), "The package index's packages that have Python source (name, latest version, description), for Add package's suggestions."),
  'tools:installPackage': op<PackageInstallResult>()(
    z.object({
      app: z.string().max(64),
      /** `name[@version]`, or a github:/gitlab:/https: URL of a package.json, folder or .py file. */
      spec: z.string().min(1).max(2048),
      /** Replace files of the package that differ in the app. */
      force: z.boolean().optional(),
    }),
    'Downloads a MicroPython package (micropython-lib\'s index or a URL, with its dependencies) into apps/<app>/.',
  ),
}

export const toolsEvents = {
  'tools:importProgress': event<{ done: number; total: number; path: string }>('Progress of a system-asset import.'),
  'tools:packageProgress': event<{ message: string }>('What a package install is doing (resolving, downloading).'),
}
