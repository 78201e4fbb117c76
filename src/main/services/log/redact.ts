/**
 * Removes secrets from text a user may attach to a bug report (diagnostics): Wi-Fi passwords,
 * GitHub and other tokens, whatever secrets.py assigns to a name that says it is secret.
 */

/** What replaces a removed value. */
export const REDACTED = '«removed»'

// A name that says its value is secret: PASSWORD, WIFI_PASS, TOKEN, API_KEY, SECRET, PSK…
const SECRET_NAME = /(pass(word|wd)?|token|secret|api_?key|psk|auth)/i

/**
 * `text` with secret values replaced by {@link REDACTED}: `NAME = "value"` / `NAME: value` /
 * `"name": "value"` where NAME says secret, and GitHub tokens (ghp_…, github_pat_…) anywhere.
 */
export function redactSecrets(text: string): string {
  const secret = (all: string, name: string, replacement: string) => (SECRET_NAME.test(name) ? replacement : all)
  return (
    text
      .replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, REDACTED)
      // Inside a JSON string first (a log line quoting secrets.py): NAME = \"value\".
      .replace(/([A-Za-z_][\w-]*)(\s*[:=]\s*)\\"(?:(?!\\").)*\\"/g, (all, name: string, sep: string) => secret(all, name, `${name}${sep}\\"${REDACTED}\\"`))
      .replace(/(["']?)([A-Za-z_][\w-]*)\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s,}\]\n]+)/g, (all, q: string, name: string, sep: string) =>
        secret(all, name, `${q}${name}${q}${sep}"${REDACTED}"`),
      )
  )
}
