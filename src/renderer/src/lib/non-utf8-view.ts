/**
 * What the editor shows for a file that is not UTF-8 (opened read-only, so nothing is lost): text
 * in another encoding (a Latin-1 source, a log) as text with its invalid bytes marked, so it can be
 * read and copied; anything with NUL bytes (images, fonts) as a one-line note.
 */

/** The read-only text of a non-UTF-8 file: a first line saying why, then the text if it is text. */
export function nonUtf8View(path: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) return `# ${path}: binary file (${bytes.length} bytes), shown read-only`
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  return `# ${path}: not UTF-8 text, shown read-only (the bytes that are not UTF-8 show as \uFFFD). The badge reads Python source as UTF-8: save it as UTF-8 to edit it here.\n${text}`
}
