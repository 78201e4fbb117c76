/**
 * Help → Save diagnostics…: one text file with what a bug report needs — versions, the settings,
 * the badge's state and capability probe, and the log (with the serial transcript when it was on) —
 * with Wi-Fi passwords and tokens removed.
 */
import { redactSecrets } from './redact'

/** What goes into the file. */
export interface DiagnosticsInput {
  /** When it was made (ISO time). */
  at: string
  versions: Record<string, string | undefined>
  platform: string
  settings: unknown
  /** The device state and, when connected, its capability probe. */
  device: unknown
  /** The log files' text (JSON lines). */
  log: string
}

/** The diagnostics text: sections with headings, every one redacted. */
export function diagnosticsText(d: DiagnosticsInput): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2)
  const versions = Object.entries(d.versions)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
  const text = [
    `Badge IDE diagnostics, ${d.at}`,
    'Passwords and tokens are removed; file contents sent to the badge inside the serial transcript are encoded and may still hold a secret: read before you share.',
    '',
    '## Versions',
    versions,
    `platform: ${d.platform}`,
    '',
    '## Settings',
    json(d.settings),
    '',
    '## Badge',
    json(d.device),
    '',
    '## Log',
    d.log || '(empty)',
  ].join('\n')
  return redactSecrets(text)
}
