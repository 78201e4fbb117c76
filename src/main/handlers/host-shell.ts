/**
 * What handlers need from the desktop shell (native dialogs, the browser). Electron implements it in
 * `src/main/electron/host-shell.ts`; tests and the browser bridge supply their own.
 */
export interface HostShell {
  /** Asks the user for a project folder; null when cancelled. */
  pickFolder(): Promise<string | null>
  /** Asks where to save `bytes` (suggesting `defaultName`) and writes them; the path, or null. */
  saveBytes(defaultName: string, bytes: Uint8Array): Promise<string | null>
  /** Opens an https URL in the user's browser (already checked against the allowlist). */
  openExternal(url: string): Promise<void>
  /** Moves an absolute path (already checked to be inside the project) to the OS trash; absent where there is none. */
  trashItem?(abs: string): Promise<void>
  /** Opens `root` in another IDE window, or brings the window showing it to the front; absent where there are no windows (browser mode). */
  openWindow?(root: string | null): Promise<void>
  /** True when another IDE window shows project `root` (a project is open in one window only). */
  shownElsewhere?(root: string): boolean
  /** Receives the renderer's answer to `app:closeRequest` (the Electron shell's close handshake). */
  closeAnswered?(proceed: boolean): void
}
