/**
 * Every failure a user can see has a stable code and one message here. Messages say what happened
 * and what to do. Domains keep their rows in their own block to avoid edit collisions.
 */
export const ERROR_MESSAGES = {
  // ── general ──────────────────────────────────────────────────────────────
  INTERNAL: 'Something went wrong inside Badge IDE. Try again; if it keeps happening, report it with the details.',
  BAD_ARGS: 'The request was malformed and was refused.',
  UNTRUSTED_SENDER: 'The request did not come from the IDE window and was refused.',
  NO_HANDLER: 'This operation is not available in this build.',
  CANCELLED: 'The operation was cancelled.',
  TIMEOUT: 'The operation took too long and was stopped.',
  NO_NATIVE_DIALOG: 'This window has no native file dialogs (browser mode); the IDE asks in the page instead.',

  // ── project files ────────────────────────────────────────────────────────
  NO_PROJECT: 'No project is open. Open a project folder first.',
  PATH_EMPTY: 'The path is empty.',
  PATH_ABSOLUTE: 'Absolute paths are not allowed; use a path inside the project.',
  PATH_TRAVERSAL: 'The path leaves the project folder (".." is not allowed).',
  PATH_NUL: 'The path contains a NUL byte.',
  PATH_INVALID: 'The name is not a valid file name on every system (avoid \\ : * ? " < > | and reserved names).',
  PATH_OUTSIDE: 'The path points outside the project folder (through a link) and was refused.',
  NOT_FOUND: 'The file or folder does not exist. It may have been moved or deleted outside the IDE.',
  ALREADY_EXISTS: 'A file or folder with that name already exists. Choose another name.',
  NOT_A_DIRECTORY: 'That is a file, not a folder.',
  IS_A_DIRECTORY: 'That is a folder, not a file.',
  FILE_TOO_LARGE: 'The file is too large to open in the editor.',
  NOT_UTF8: 'The file is not UTF-8 text; it was opened read-only so nothing is lost.',
  PERMISSION_DENIED: 'Permission denied by the operating system. Check the file permissions.',
  DISK_FULL: 'The disk is full. Free some space and save again; your edits are still in the editor.',
  IO_ERROR: 'The file system reported an error.',
  DIRTY_CONFLICT: 'The file changed on disk since it was opened. Reload it or save over it.',
  PROJECT_IN_OTHER_WINDOW: 'That project is open in another IDE window (one window per project): use that window.',
  TRASH_UNAVAILABLE: 'It could not be moved to the trash (no trash here, or the system refused). Delete it permanently instead, or cancel.',

  // ── device link ──────────────────────────────────────────────────────────
  PORT_NOT_FOUND: 'The serial port does not exist. Plug the badge in (use a data cable, not a charge-only one) and refresh the port list.',
  PORT_PERMISSION: 'Permission denied on the serial port. On Linux add yourself to the "dialout" group (sudo usermod -aG dialout $USER, then log out and in) or install the udev rule from resources/99-badge-ide.rules; if ModemManager grabs the port, the rule stops it.',
  PORT_BUSY: 'The serial port is in use by another program (Thonny, mpremote, a serial monitor or another IDE window). Close it and try again.',
  PORT_OPEN_FAILED: 'The serial port could not be opened.',
  NOT_CONNECTED: 'No badge is connected. Pick a port and connect first.',
  DISCONNECTED: 'The badge was disconnected (cable pulled or badge reset). Reconnect it and try again; unsaved work in the editor is safe.',
  DEVICE_TIMEOUT: 'The badge did not answer in time. If an app is running, press Stop; otherwise reset the badge and reconnect.',
  DEVICE_BUSY: 'The badge is busy with another operation. Wait for it to finish or press Stop.',
  RAW_REPL_FAILED: 'Could not get the badge into raw REPL mode. Press Stop, or reset the badge, then reconnect.',
  DEVICE_ERROR: 'The badge reported an error.',
  DEVICE_OSERROR: 'The badge reported a file system error.',
  DEVICE_NO_SPACE: 'The badge is out of storage space. Delete files on the badge or make the app smaller.',
  DEVICE_PATH_INVALID: 'The badge path is not valid.',
  VERIFY_FAILED: 'The file on the badge does not match what was sent; it was not counted as written. Try again.',
  PROTOCOL_ERROR: 'The badge answered something unexpected. Reset the badge and reconnect.',
  DEVICE_MEMORY: 'The badge ran out of memory (MemoryError). Soft-reset it for a clean heap, or make the app or the transfer smaller.',
  DEVICE_UNSUPPORTED: 'The firmware on the device does not support this operation.',
  VIRTUAL_UNAVAILABLE: 'The virtual badge is not available in this build.',

  // ── emulator ─────────────────────────────────────────────────────────────
  EMULATOR_NOT_RUNNING: 'The emulator is not running. Press Run (F5) first.',
  EMULATOR_CRASHED: 'The app raised an error; see the console for the traceback.',
  EMULATOR_WATCHDOG: 'The app produced no frame for 5 seconds and was stopped (an endless loop in update() or at import?).',
  EMULATOR_MEMORY: 'The app would run out of memory on the badge (about 241 KB of heap).',
  EMULATOR_START_FAILED: 'The emulator could not start.',
  APP_NOT_FOUND: 'The app was not found: the project needs apps/<slug>/__init__.py.',
  NETWORK_BLOCKED: 'The app tried to reach a host that is not on the project\'s network allowlist.',
  EMULATOR_BUSY: 'The emulator is running an app. Stop it first.',
  EMULATOR_BAD_OPTION: 'An emulator option is not valid.',

  // ── deploy ───────────────────────────────────────────────────────────────
  DEPLOY_IN_PROGRESS: 'A deploy is already running.',
  DEPLOY_FAILED: 'The deploy did not finish; files already written are complete and the next deploy will finish the job.',
  DISK_MODE_ACTIVE: 'The badge is mounted as a USB drive (BADGER). Deploy copies to the drive; eject it before using the serial link for writes.',

  // ── tools ────────────────────────────────────────────────────────────────
  INVALID_SLUG: 'App names may use lower-case letters, digits and underscores, starting with a letter.',
  INVALID_PNG: 'The image is not a PNG the badge can decode.',
  SECRETS_PARSE: 'secrets.py has lines the form cannot read; they were kept as they are.',
  SECRETS_INVALID: 'A key or value in the secrets form is not valid (keys are Python names; a Python value must be one line).',
  APP_EXISTS: 'An app with that name already exists in apps/. Choose another name.',
  TEMPLATE_NOT_FOUND: 'That app template does not exist.',
  ICON_INVALID: 'The icon pixels do not match the given size.',
  PACKAGE_NOT_FOUND: "The package index has no such package (or version). Check the name: Add package suggests the index's names as you type, and `badge-ide mip search <words>` lists them.",
  PACKAGE_NETWORK: 'The package could not be downloaded: this computer could not reach the index. Check the connection (or the --index address) and try again; nothing was written.',
  PACKAGE_INVALID: 'The package was refused (a file outside the app, a file that does not match its hash, or too large); nothing was written.',
  PACKAGE_CONFLICT: 'Files of the package already exist in the app and differ (edited?). Nothing was written; remove them, or replace them on purpose (--force).',
  ASSETS_NOT_FOUND: 'No badge system files were found there. Pick the BADGER drive (or a copy of it) that holds assets/ and apps/.',

  // ── checks (diagnostics) ─────────────────────────────────────────────────
  CHECK_FAILED: "The badge's compiler could not check this file (it stopped or took too long). Nothing was changed; the check runs again on the next edit.",

  // ── command line ─────────────────────────────────────────────────────────
  USAGE: 'The command line was not understood. Run badge-ide --help, or badge-ide <command> --help.',
  INTERRUPTED: 'Interrupted (Ctrl-C).',
} as const

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_MESSAGES

/** True when `s` is a known error code. */
export function isErrorCode(s: string): s is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, s)
}
