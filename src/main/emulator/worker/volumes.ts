/**
 * Lays out the badge's filesystem in the interpreter for a boot: the platform modules at
 * /.frozen, /system from the project (plus the assets overlay) or from the virtual badge's
 * flash folder, and the writable / volume from its host folder.
 */
import { join } from 'node:path'
import type { VolumeConfig } from '../messages'
import { assertNoSymlink, copyHostTree, makeReadOnly, mkdirp, type EmFS } from '../vfs'

/** Top-level VFS names that are not part of the writable volume on the host. */
const NOT_ROOT = new Set(['system', '.frozen', 'dev', 'proc', 'tmp', 'home'])
const NOT_FLASH = new Set(['.frozen', 'dev', 'proc', 'tmp', 'home'])

/** Top-level VFS names that are not on the badge's flash (platform modules, Emscripten's devices). */
export const NOT_ON_FLASH: ReadonlySet<string> = NOT_FLASH

/** Folder in the VFS holding the Python side of the platform (read-only). */
export const FROZEN_DIR = '/.frozen'

/**
 * Top-level VFS names that are not mirrored to `v.rootDir` (see flash-mirror.ts): the platform
 * and Emscripten's folders, and /system too when it is the project (read-only) rather than flash.
 */
export function notMirrored(v: VolumeConfig): ReadonlySet<string> {
  return v.systemInsideRoot ? NOT_FLASH : NOT_ROOT
}

/**
 * Builds the volumes from the host folders (refused when the state folder lies behind a symlink
 * below `v.rootBase`). Changes go back to the host through the flash mirror as they happen.
 */
export function setupVolumes(
  FS: EmFS & { ignorePermissions: boolean },
  pythonDir: string,
  v: VolumeConfig,
  /** Runs once the project's files are in /system, before overlays (the debugger instruments them). */
  onProject?: () => void,
): void {
  if (v.rootBase) assertNoSymlink(v.rootBase, v.rootDir)
  copyHostTree(FS, pythonDir, FROZEN_DIR, { overwrite: true })
  if (v.systemInsideRoot) {
    copyHostTree(FS, v.rootDir, '/', { overwrite: true, skip: (rel) => rel === '.frozen' })
    mkdirp(FS, '/system')
  } else {
    mkdirp(FS, '/system')
    if (v.systemDir) copyHostTree(FS, v.systemDir, '/system', { overwrite: true })
    onProject?.()
    copyHostTree(FS, v.rootDir, '/', { overwrite: true, skip: (rel) => NOT_ROOT.has(rel.split('/')[0]) })
  }
  for (const overlay of v.systemOverlays) copyHostTree(FS, overlay, '/system', { overwrite: false })
  // Emscripten ignores permissions unless told; with them on, writes to read-only trees fail
  // with OSError as on the badge's /system.
  makeReadOnly(FS, FROZEN_DIR)
  if (!v.systemWritable) makeReadOnly(FS, '/system')
  FS.ignorePermissions = false
}

/** Where the platform's Python files live next to the wasm build. */
export function platformPythonDir(wasmDir: string): string {
  return join(wasmDir, 'python')
}
